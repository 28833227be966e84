"""The coordinator sets a reminder for the cycle; the scan queues each zone at its own 09:00,
off holidays, cuti bersama and quiet hours, once — also after the bot was down."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest
from sqlalchemy import insert, select

from bot import cli, delivery_cli
from bot.app import App
from handlers import reminders
from handlers.broadcast import BroadcastRefused, Operator
from handlers.calendar import parse_quiet_hours
from storage.models import PlanRow
from storage.outbox import OutboxRow
from tests.conftest import FakeClock
from tests.delivery_support import Recipient, load_people

NIGHT = parse_quiet_hours("21-07")
SATURDAY = date(2026, 8, 15)  # Monday 17 August is Hari Kemerdekaan: Tuesday 18 it is
YEAR = 2026


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


@pytest.fixture
async def people(app: App) -> list[Recipient]:
    return await load_people(app, 6, zones=("WIB", "WITA", "WIT"))


async def remind(app: App, on: date = SATURDAY, audience: str = "all") -> tuple[int, str]:
    async with app.uow() as uow:
        return await reminders.add(
            uow, Operator(), audience, "formulir1_not_submitted", on, time(9),
            date(2026, 8, 31), app.clock.now(), YEAR,
        )  # fmt: skip


async def scan(app: App, clock: FakeClock, at: datetime) -> int:
    clock.current = at
    async with app.uow() as uow:
        return await reminders.scan(uow, at, NIGHT, YEAR)


async def queued(app: App) -> list[tuple[int, datetime]]:
    async with app.engine.connect() as connection:
        rows = await connection.execute(
            select(OutboxRow.employee_id, OutboxRow.due_at).order_by(OutboxRow.due_at)
        )
        return [(employee_id, due) for employee_id, due in rows]


async def test_each_zone_is_queued_for_its_own_nine_oclock_on_the_next_working_day(
    app: App, clock: FakeClock, people: list[Recipient]
) -> None:
    await remind(app)
    assert await scan(app, clock, utc(2026, 8, 17, 23, 57)) == 0
    assert await scan(app, clock, utc(2026, 8, 17, 23, 58)) == 2  # WIT, 2 min ahead
    assert await scan(app, clock, utc(2026, 8, 17, 23, 59)) == 0  # never twice
    assert await scan(app, clock, utc(2026, 8, 18, 0, 59)) == 2  # WITA
    assert await scan(app, clock, utc(2026, 8, 18, 1, 59)) == 2  # WIB
    due = sorted({when for _, when in await queued(app)})
    assert due == [utc(2026, 8, 18, 0), utc(2026, 8, 18, 1), utc(2026, 8, 18, 2)]
    async with app.uow() as uow:
        assert await uow.reminders.open() == [], "done once every zone is queued"


async def test_cuti_bersama_moves_the_reminder_to_the_following_working_day(
    app: App, clock: FakeClock, people: list[Recipient]
) -> None:
    async with app.uow() as uow:
        await uow.cuti_bersama.add(date(2026, 8, 18), clock.now())
        await uow.commit()
    await remind(app)
    assert await scan(app, clock, utc(2026, 8, 18, 12)) == 0
    assert await scan(app, clock, utc(2026, 8, 19, 2)) == 6
    assert {when.date() for _, when in await queued(app)} == {date(2026, 8, 19)}


async def test_after_downtime_a_reminder_goes_once_at_the_first_allowed_moment(
    app: App, clock: FakeClock, people: list[Recipient]
) -> None:
    await remind(app)
    # back up on Thursday 20 August at 14:00 UTC: 21:00 WIB, 22:00 WITA, 23:00 WIT — quiet
    assert await scan(app, clock, utc(2026, 8, 20, 14)) == 6
    assert sorted({when for _, when in await queued(app)}) == [
        utc(2026, 8, 20, 22), utc(2026, 8, 20, 23), utc(2026, 8, 21, 0)  # 07:00 local
    ]  # fmt: skip
    assert await scan(app, clock, utc(2026, 8, 21, 3)) == 0


async def test_a_person_who_submitted_meanwhile_is_not_reminded(
    app: App, clock: FakeClock, people: list[Recipient]
) -> None:
    await remind(app, audience="stage:not_submitted")
    async with app.engine.begin() as connection:
        await connection.execute(insert(PlanRow).values(
            employee_id=people[0].employee_id, year=YEAR, status="submitted",
            created_at=clock.now(), updated_at=clock.now(),
        ))  # fmt: skip
    assert await scan(app, clock, utc(2026, 8, 18, 3)) == 5
    assert people[0].employee_id not in {employee_id for employee_id, _ in await queued(app)}


async def test_a_reminder_needs_a_coordinator_and_a_known_template(app: App) -> None:
    async with app.uow() as uow:
        with pytest.raises(BroadcastRefused) as error:
            await reminders.add(uow, Operator(), "all", "birthday", SATURDAY, time(9), None,
                                app.clock.now(), YEAR)  # fmt: skip
    assert error.value.reason == "template"


async def run_cli(app: App, *argv: str) -> int:
    return await delivery_cli.dispatch(app, cli.parser().parse_args(list(argv)))


async def test_the_operator_sets_reminders_and_cuti_bersama_from_the_command_line(
    app: App, people: list[Recipient], capsys: pytest.CaptureFixture[str]
) -> None:
    assert await run_cli(app, "cuti-bersama", "add", "2026-12-24") == 0
    assert await run_cli(app, "cuti-bersama", "add", "2026-12-24") == 0
    assert await run_cli(app, "cuti-bersama", "list") == 0
    assert await run_cli(app, "cuti-bersama", "remove", "2026-12-31") == 0
    assert await run_cli(app, "cuti-bersama", "add", "24/12/2026") == 2
    out = capsys.readouterr().out
    assert "24 Desember 2026 ditambahkan sebagai cuti bersama" in out
    assert "sudah tercatat" in out and "2026-12-24  24 Desember 2026" in out
    assert "31 Desember 2026 tidak tercatat" in out
    assert '"24/12/2026" tidak dapat dibaca: tulis YYYY-MM-DD' in out

    assert await run_cli(app, "reminder", "add", "--on", "2026-08-15",
                         "--deadline", "2026-08-31") == 0  # fmt: skip
    assert await run_cli(app, "reminder", "list") == 0
    assert await run_cli(app, "reminder", "remove", "1") == 0
    assert await run_cli(app, "reminder", "remove", "1") == 1
    out = capsys.readouterr().out
    assert "Pengingat #1 untuk stage:not_submitted:2026: 15 Agustus 2026 pukul 09:00" in out
    assert "#1  15 Agustus 2026 09:00  stage:not_submitted:2026" in out
    assert "Pengingat #1 dihapus." in out and "Tidak ada pengingat #1." in out


async def test_removing_a_reminder_calls_off_what_it_queued_and_has_not_gone_out(
    app: App, clock: FakeClock, people: list[Recipient]
) -> None:
    """Removed at 08:58 WIT, two minutes after WIT's rows were queued: WIT gets nothing."""
    reminder_id, _ = await remind(app)
    other_id, _ = await remind(app)  # another reminder's rows are not touched
    assert await scan(app, clock, utc(2026, 8, 17, 23, 58)) == 4  # WIT of both
    async with app.uow() as uow:
        assert await reminders.remove(uow, Operator(), reminder_id)
    async with app.engine.connect() as connection:
        rows = await connection.execute(select(OutboxRow.dedupe_key, OutboxRow.status))
        statuses = {(key.split(":")[1], status) for key, status in rows}
    assert statuses == {(str(reminder_id), "cancelled"), (str(other_id), "pending")}
