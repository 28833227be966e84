"""The pacer: evenly spaced turns under the overall rate, per-chat spacing, 429 pauses."""

from __future__ import annotations

import asyncio
import itertools

import pytest

from bot.pacing import CATCH_UP, HEADROOM, Pacer


class VirtualTime:
    """A monotonic clock that moves only when someone sleeps."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.now += max(seconds, 0.0)
        await asyncio.sleep(0)


@pytest.fixture
def clock() -> VirtualTime:
    return VirtualTime()


async def turns(pacer: Pacer, clock: VirtualTime, chats: list[str]) -> list[float]:
    taken = []
    for chat in chats:
        await pacer.turn(chat)
        taken.append(clock.now)
    return taken


async def test_turns_are_spaced_by_the_overall_rate_with_headroom(clock: VirtualTime) -> None:
    pacer = Pacer(overall=30, per_chat=1, clock=clock, sleep=clock.sleep)
    times = await turns(pacer, clock, [f"chat{i}" for i in range(91)])
    gaps = [b - a for a, b in itertools.pairwise(times)]
    assert min(gaps) >= 1 / (30 * HEADROOM) - CATCH_UP
    assert (times[-1] - times[0]) / 90 == pytest.approx(1 / (30 * HEADROOM), rel=0.01)


async def test_no_second_ever_holds_more_than_the_rate_even_when_catching_up(
    clock: VirtualTime,
) -> None:
    pacer = Pacer(overall=100, per_chat=100, clock=clock, sleep=clock.sleep)
    times: list[float] = []
    for n in range(400):
        await pacer.turn(f"c{n}")
        times.append(clock.now)
        if n % 50 == 0:
            clock.now += 0.05  # the sender stalls now and then and tries to catch up
    for start in times:
        assert sum(start <= t < start + 1.0 for t in times) <= 100 * HEADROOM


async def test_one_chat_gets_at_most_one_message_a_second(clock: VirtualTime) -> None:
    pacer = Pacer(overall=30, per_chat=1, clock=clock, sleep=clock.sleep)
    times = await turns(pacer, clock, ["budi", "sri", "budi", "budi"])
    budi = [times[0], times[2], times[3]]
    assert all(b - a >= 1.0 for a, b in itertools.pairwise(budi))
    assert times[1] - times[0] < 0.1  # another chat is not held up


async def test_idle_time_is_not_saved_up_into_a_burst(clock: VirtualTime) -> None:
    pacer = Pacer(overall=10, per_chat=100, clock=clock, sleep=clock.sleep)
    await turns(pacer, clock, ["a"])
    clock.now += 60
    times = await turns(pacer, clock, ["b", "c", "d", "e"])
    assert times[-1] - times[0] >= 3 / (10 * HEADROOM) - CATCH_UP


async def test_concurrent_callers_share_the_slots(clock: VirtualTime) -> None:
    pacer = Pacer(overall=50, per_chat=1, clock=clock, sleep=clock.sleep)
    start = clock.now

    async def one(chat: str) -> float:
        await pacer.turn(chat)
        return clock.now

    times = sorted(await asyncio.gather(*(one(f"c{n}") for n in range(40))))
    assert times[-1] - start >= 39 / (50 * HEADROOM) - CATCH_UP


async def test_a_429_pauses_every_chat_for_retry_after(clock: VirtualTime) -> None:
    pacer = Pacer(overall=30, per_chat=1, clock=clock, sleep=clock.sleep)
    start = clock.now
    pacer.pause(5)
    await pacer.turn("anyone")
    assert clock.now >= start + 5
