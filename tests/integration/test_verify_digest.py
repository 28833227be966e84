"""The members' daily digest on the real storage (SQLite and PostgreSQL): one message per
member of each group with items waiting, at 09:00 on their own clock, once per working day —
a second tick and a restarted bot send nothing more; the next working day, one again; a
weekend, none."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select

from bot.app import App, bootstrap
from handlers.calendar import NO_QUIET_HOURS
from handlers.verify import digest_run
from storage.outbox import OutboxRow
from storage.serialize import load_context
from tests.conftest import FakeClock
from tests.integration.test_plan_records import VERSION
from tests.integration.verify_setup import (
    AGUS,
    BUDI,
    DEWI,
    POLICY,
    RINA,
    SRI,
    TONI,
    agency,
    agreed_plan,
)

MONDAY_0905_WIB = datetime(2026, 11, 30, 2, 5, tzinfo=UTC)  # 10:05 WITA


async def scan(app: App, at: datetime) -> int:
    async with app.uow() as uow:
        return await digest_run.scan(uow, at, NO_QUIET_HOURS)


async def digests(app: App) -> list[tuple[int, str, dict[str, object]]]:
    async with app.engine.connect() as connection:
        rows = await connection.execute(
            select(OutboxRow.employee_id, OutboxRow.dedupe_key, OutboxRow.context)
            .where(OutboxRow.template == "verify/digest").order_by(OutboxRow.id))  # fmt: skip
        found = [(who, key, load_context(context)) for who, key, context in rows]
        return [
            (who, key, {k: v for k, v in c.items() if k != "deadline"}) for who, key, c in found
        ]


async def test_one_digest_per_member_and_working_day_across_a_restart(
    app: App, clock: FakeClock
) -> None:
    people = await agency(app)
    await agreed_plan(app, BUDI, [VERSION, POLICY], datetime(2026, 11, 27, 3, tzinfo=UTC))
    await agreed_plan(app, DEWI, [POLICY], datetime(2026, 11, 27, 4, tzinfo=UTC))
    early = datetime(2026, 11, 30, 1, 0, tzinfo=UTC)  # 08:00 WIB, 09:00 WITA: Makassar first
    assert await scan(app, early) == 2
    assert {who for who, _, _ in await digests(app)} == {people[AGUS].id, people[TONI].id}
    assert await scan(app, MONDAY_0905_WIB) == 2  # now Jakarta's members
    assert await scan(app, MONDAY_0905_WIB) == 0  # a second tick: nothing more
    restarted = await bootstrap(app.settings, clock=clock)
    try:
        assert await scan(restarted, MONDAY_0905_WIB.replace(hour=5)) == 0  # nor after a restart
    finally:
        await restarted.close()
    sent = await digests(app)
    assert sorted(who for who, _, _ in sent) == sorted(
        people[nip].id for nip in (SRI, RINA, AGUS, TONI)
    )
    by_member = {who: context for who, _, context in sent}
    assert by_member[people[SRI].id] == {"group": "Pengembangan SDM", "items": 2, "plans": 1}
    assert by_member[people[TONI].id] == {"group": "Teknologi Informasi", "items": 1, "plans": 1}
    assert await scan(app, datetime(2026, 12, 5, 2, 5, tzinfo=UTC)) == 0  # a Saturday
    assert await scan(app, datetime(2026, 12, 1, 2, 5, tzinfo=UTC)) == 4  # Tuesday: again
    keys = [key for _, key, _ in await digests(app)]
    assert len(keys) == len(set(keys)) == 8
