"""Two `web` processes on one PostgreSQL database receive updates of the same person (a load
balancer spreads them): the later one waits for the earlier one, recorded by the sibling, to
be handled — and takes it over, to handle it first, if the sibling died. Different people's
updates do not wait for each other. Each intake here stands for one process (its own worker
id); the conftest's app is on PostgreSQL or SQLite, and these run on PostgreSQL only."""

from __future__ import annotations

import asyncio

import pytest

from bot.app import App
from bot.intake import Intake
from storage.intake import Received, Recorded
from tests.channels.test_intake import hang_forever, kept
from tests.conftest import FakeClock


@pytest.fixture(autouse=True)
def postgresql_only(app: App) -> None:
    if app.engine.dialect.name != "postgresql":
        pytest.skip("several receiving processes need PostgreSQL; SQLite runs one")


def update(key: int, person: int) -> Received:
    return Received("telegram", str(key), f"user:{person}", "{}")


async def test_a_later_update_waits_for_the_earlier_one_a_sibling_is_handling(app: App) -> None:
    log: list[str] = []
    release = asyncio.Event()

    async def slow(row: Recorded) -> None:
        log.append(f"start {row.key}")
        await release.wait()
        log.append(f"end {row.key}")

    async def quick(row: Recorded) -> None:
        log.append(f"handle {row.key}")

    first = Intake(app, slow, worker="web-1", siblings=True)
    second = Intake(app, quick, worker="web-2", siblings=True)
    await first.record([update(1, person=7)])
    await asyncio.sleep(0.05)
    await second.record([update(2, person=7), update(3, person=8)])
    await asyncio.sleep(0.5)
    assert log == ["start 1", "handle 3"]  # Budi's second waits; someone else's does not
    release.set()
    await first.idle()
    await second.idle()
    assert log == ["start 1", "handle 3", "end 1", "handle 2"]
    assert await kept(app) == 0


async def test_a_later_update_takes_over_the_earlier_one_of_a_dead_sibling(
    app: App, clock: FakeClock
) -> None:
    handled: list[str] = []

    async def handle(row: Recorded) -> None:
        handled.append(row.key)

    dead = Intake(app, hang_forever, worker="dead", siblings=True)
    await dead.record([update(1, person=7)])
    await asyncio.sleep(0.05)
    alive = Intake(app, handle, worker="alive", siblings=True)
    await alive.record([update(2, person=7)])
    await asyncio.sleep(0.3)
    assert handled == []  # the dead one's lease still runs: waited for
    clock.advance(minutes=3)
    await asyncio.wait_for(alive.idle(), 10)
    assert handled == ["1", "2"]  # taken over and handled first, in the order received
    await dead.close(grace=0)
    assert await kept(app) == 0


async def test_the_sole_receiver_does_not_look_for_siblings(app: App) -> None:
    handled: list[str] = []

    async def handle(row: Recorded) -> None:
        handled.append(row.key)

    dead = Intake(app, hang_forever, worker="dead")
    await dead.record([update(1, person=7)])
    run = Intake(app, handle, worker="run")  # `idp-bot run`: recover() took everything
    await run.record([update(2, person=7)])
    await asyncio.wait_for(run.idle(), 5)
    assert handled == ["2"]
    await dead.close(grace=0)
