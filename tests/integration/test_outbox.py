"""The outbox in the database: rows written with the change that causes them, claimed by
one sender only, given back when a sender dies, due at each recipient's own 09:00."""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import func, select

from bot.app import App
from handlers.audience import Audience, AudienceKind
from handlers.calendar import due_by_zone
from handlers.effects import Button, Msg
from handlers.notify import Notify, notify
from handlers.outbox import AudienceMessage, Kind, Settlement, Status
from storage.outbox import OutboxRow
from tests.conftest import FakeClock
from tests.delivery_support import load_people

LEASE = timedelta(seconds=30)
EVERYONE = Audience(AudienceKind.ALL)


async def queue_everyone(app: App, due: dict, prefix: str | None = None) -> int:  # type: ignore[type-arg]
    message = AudienceMessage(Kind.BROADCAST, "broadcast/message", {"text": "Halo"},
                              dedupe_prefix=prefix)  # fmt: skip
    async with app.uow() as uow:
        count = await uow.outbox.enqueue_audience(EVERYONE, message, due, app.clock.now())
        await uow.commit()
    return count


async def claim(app: App, worker: str, at: datetime, limit: int = 100) -> list[int]:
    async with app.uow() as uow:
        items = await uow.outbox.claim("telegram", worker, at, LEASE, limit, unbound=True)
        await uow.commit()
    return [item.id for item in items]


async def statuses(app: App) -> dict[str, int]:
    async with app.engine.connect() as connection:
        rows = await connection.execute(
            select(OutboxRow.status, func.count()).group_by(OutboxRow.status)
        )
        return dict(rows.all())  # type: ignore[arg-type]


async def test_a_notification_is_committed_with_the_change_or_not_at_all(
    app: App, clock: FakeClock
) -> None:
    [budi] = await load_people(app, 1)
    text = Msg("broadcast/message", {"text": "x", "on": date(2027, 1, 4)})
    buttons = ((Button(Msg("label/lang_en"), "lang:en"),),)
    note = Notify(budi.employee_id, text, buttons=buttons, dedupe_key="n:1")
    async with app.uow() as uow:
        assert await notify(uow, note, clock.now())
        # leaving without commit: nothing was queued
    assert await statuses(app) == {}
    async with app.uow() as uow:
        assert await notify(uow, note, clock.now())
        await uow.commit()
    async with app.uow() as uow:
        assert not await notify(uow, note, clock.now()), "the same dedupe key twice"
        await uow.commit()
        [item] = await uow.outbox.claim("telegram", "w1", clock.now(), LEASE, 10, unbound=True)
        await uow.commit()
    assert item.context == {"text": "x", "on": date(2027, 1, 4)}
    assert item.buttons == note.buttons
    assert item.address is not None and item.locale == "id"


async def test_two_senders_claiming_at_once_never_take_the_same_row(
    app: App, clock: FakeClock
) -> None:
    await load_people(app, 60)
    assert (
        await queue_everyone(
            app, {zone: clock.now() for zone in due_by_zone(date.today(), time(9))}
        )
        == 60
    )
    claims = await asyncio.gather(*(claim(app, f"w{n}", clock.now(), 7) for n in range(12)))
    assert max(len(rows) for rows in claims) <= 7, "a claim takes at most its limit"
    taken = [row for rows in claims for row in rows]
    assert len(taken) == len(set(taken)) == 60
    assert await claim(app, "late", clock.now()) == []


async def test_a_dead_senders_rows_come_back_when_the_lease_runs_out(
    app: App, clock: FakeClock
) -> None:
    await load_people(app, 3)
    await queue_everyone(app, {zone: clock.now() for zone in due_by_zone(date.today(), time(9))})
    assert len(await claim(app, "crashed", clock.now())) == 3
    async with app.uow() as uow:
        assert await uow.outbox.release_expired(clock.now() + LEASE / 2) == 0
        assert await uow.outbox.release_expired(clock.now() + LEASE * 2) == 3
        await uow.commit()
    async with app.uow() as uow:
        items = await uow.outbox.claim(
            "telegram", "survivor", clock.now() + LEASE * 2, LEASE, 9, unbound=True
        )
        await uow.commit()
    assert [item.uncertain for item in items] == [1, 1, 1], "they may have gone out: counted"
    async with app.uow() as uow:
        done = Settlement(Status.SENT, 0, 1, 1, sent_at=clock.now())
        assert await uow.outbox.settle("crashed", [(items[0].id, done)]) == set(), "claim lost"
        assert await uow.outbox.settle("survivor", [(i.id, done) for i in items[:2]]) == {
            items[0].id,
            items[1].id,
        }
        await uow.commit()


async def test_nine_oclock_reaches_wita_at_one_utc_and_wib_at_two(
    app: App, clock: FakeClock
) -> None:
    people = await load_people(app, 6, zones=("WIB", "WITA", "WIT"))
    monday = date(2027, 1, 4)
    clock.current = datetime(2027, 1, 3, 20, 0, tzinfo=UTC)
    await queue_everyone(app, due_by_zone(monday, time(9)))
    by_zone = {
        p.employee_id: zone for p, zone in zip(people, ["WIB", "WITA", "WIT"] * 2, strict=True)
    }

    async def claimed_zones(at: datetime) -> list[str]:
        async with app.uow() as uow:
            items = await uow.outbox.claim("telegram", "w", at, LEASE, 100, unbound=True)
            await uow.commit()
        return sorted(by_zone[item.employee_id] for item in items)

    assert await claimed_zones(datetime(2027, 1, 3, 23, 59, tzinfo=UTC)) == []
    assert await claimed_zones(datetime(2027, 1, 4, 0, 0, tzinfo=UTC)) == ["WIT", "WIT"]
    assert await claimed_zones(datetime(2027, 1, 4, 0, 59, tzinfo=UTC)) == []
    assert await claimed_zones(datetime(2027, 1, 4, 1, 0, tzinfo=UTC)) == ["WITA", "WITA"]
    assert await claimed_zones(datetime(2027, 1, 4, 2, 0, tzinfo=UTC)) == ["WIB", "WIB"]


async def test_a_repeated_audience_enqueue_with_a_dedupe_prefix_adds_nobody(
    app: App, clock: FakeClock
) -> None:
    await load_people(app, 5)
    due = {zone: clock.now() for zone in due_by_zone(date.today(), time(9))}
    assert await queue_everyone(app, due, prefix="reminder:1") == 5
    assert await queue_everyone(app, due, prefix="reminder:1") == 0
    assert await statuses(app) == {"pending": 5}


async def test_a_person_who_blocked_the_bot_is_known_until_cleared(
    app: App, clock: FakeClock
) -> None:
    [budi, _] = await load_people(app, 2)
    async with app.uow() as uow:
        await uow.outbox.mark_unreachable(budi.employee_id, "telegram", "blocked", clock.now())
        await uow.outbox.mark_unreachable(budi.employee_id, "telegram", "blocked", clock.now())
        await uow.commit()
    await queue_everyone(app, {zone: clock.now() for zone in due_by_zone(date.today(), time(9))})
    async with app.uow() as uow:
        items = await uow.outbox.claim("telegram", "w", clock.now(), LEASE, 10, unbound=True)
        assert {i.employee_id: i.unreachable for i in items}[budi.employee_id] is True
        assert sum(i.unreachable for i in items) == 1
        assert await uow.outbox.clear_unreachable(budi.employee_id, "telegram") == 1
        await uow.commit()
