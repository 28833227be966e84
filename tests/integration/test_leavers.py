"""Budi leaves the agency: the next organisation file no longer names him, and the import
with ``--deactivate-missing`` makes him a leaver. He gets no broadcast, no reminder, no
notice; his roles, group, supervisor and chat account end. When a later file names him again
he is active again, and needs a new invite."""

from __future__ import annotations

import asyncio
import csv
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from bot import admin, cli
from bot.app import App
from handlers import broadcast, reminders
from handlers.broadcast import Operator
from handlers.calendar import NO_QUIET_HOURS, parse_quiet_hours
from handlers.effects import Msg
from handlers.model import Role
from handlers.notify import Notify, notify
from storage.models import EmployeeRow, InviteRow
from storage.outbox import OutboxRow

DEMO = Path(admin.DEMO_FILE)
BUDI = "199004172015031003"
SRI = "198206202008012002"  # Budi's supervisor
DEWI = "199511302020122004"
YEAR = 2026
with DEMO.open(newline="", encoding="utf-8") as demo_file:
    EVERYONE = [row["nip"] for row in csv.DictReader(demo_file)]
AUDIENCES = ("all", "unit:Pusat Pengembangan Kompetensi", "group:Pengembangan SDM",
             "role:pegawai", "stage:not_started")  # fmt: skip


def without(tmp_path: Path, *nips: str, name: str = "organisasi.csv") -> Path:
    """The demo file without the rows of ``nips``."""
    with DEMO.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    path = tmp_path / name
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(row for row in rows if row["nip"] not in nips)
    return path


@pytest.fixture
async def agency(app: App) -> App:
    """The demo agency; Budi has a Telegram account, an open invite and a message queued."""
    assert await admin.seed_demo(app)
    now = app.clock.now()
    async with app.uow() as uow:
        budi = await uow.employees.by_nip(BUDI)
        assert budi is not None
        await uow.accounts.bind("telegram", "7001", budi.id, "7001", now)
        await uow.invites.replace(budi.id, "b" * 64, now, now + timedelta(days=14))
        assert await notify(uow, Notify(budi.id, Msg("change/outcome", {})), now)
        await uow.commit()
    return app


async def budi_row(app: App) -> EmployeeRow:
    async with app.engine.connect() as connection:
        row = (await connection.execute(select(EmployeeRow).where(EmployeeRow.nip == BUDI))).one()
    return row  # type: ignore[no-any-return]


async def test_a_person_missing_from_the_file_becomes_a_leaver(
    agency: App, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    app = agency
    assert await admin.import_file(app, without(tmp_path, BUDI), deactivate_missing=True) == 0
    out = capsys.readouterr().out
    assert "1 pegawai yang tidak ada lagi di berkas ditandai keluar" in out
    assert BUDI not in out and "Budi" not in out, "the report lists nobody"
    row = await budi_row(app)
    assert row.left_at == app.clock.now()
    assert (row.supervisor_id, row.expertise_group_id) == (None, None)
    async with app.uow() as uow:
        budi = await uow.employees.by_nip(BUDI)
        assert budi is not None and budi.roles == frozenset()
        assert await uow.accounts.get("telegram", "7001") is None
        assert await uow.employees.select_nips(unit=None, nip=BUDI) == [], "no new invite"
        assert BUDI not in await uow.employees.supervisor_links()
        assert not await notify(uow, Notify(budi.id, Msg("change/outcome", {})), app.clock.now())
        progress = await uow.plans.progress_by_unit(YEAR)
    assert sum(unit.employees for unit in progress) == 5
    async with app.engine.connect() as connection:
        invite = (await connection.execute(select(InviteRow))).one()
        queued = (await connection.execute(select(OutboxRow.status, OutboxRow.last_error))).all()
    assert invite.revoked_at == app.clock.now()
    assert queued == [("cancelled", "left")]


async def recipients(app: App, nip: str) -> int:
    async with app.engine.connect() as connection:
        return len(
            (
                await connection.execute(
                    select(OutboxRow.id)
                    .join(EmployeeRow, EmployeeRow.id == OutboxRow.employee_id)
                    .where(EmployeeRow.nip == nip, OutboxRow.status == "pending")
                )
            ).all()
        )


async def test_a_leaver_gets_no_broadcast_and_no_reminder(agency: App, tmp_path: Path) -> None:
    app = agency
    assert await admin.import_file(app, without(tmp_path, BUDI), deactivate_missing=True) == 0
    async with app.uow() as uow:
        for audience in AUDIENCES:
            created = await broadcast.create(
                uow,
                Operator(),
                audience,
                "Rapat IDP",
                None,
                app.clock.now(),
                YEAR,
                quiet=NO_QUIET_HOURS,
            )
            assert created.recipients >= 1, audience
    assert await recipients(app, BUDI) == 0
    assert await recipients(app, DEWI) == 4
    day = datetime(2026, 12, 7, 2, tzinfo=UTC)  # a Monday, 09:00 WIB
    async with app.uow() as uow:
        await reminders.add(
            uow, Operator(), "stage:not_submitted", "formulir1_not_submitted",
            day.date(), time(9), date(2026, 12, 31), app.clock.now(), YEAR,
        )  # fmt: skip
    async with app.uow() as uow:
        assert await reminders.scan(uow, day, parse_quiet_hours("21-07"), YEAR) == 5
    assert await recipients(app, BUDI) == 0
    assert await recipients(app, DEWI) == 5


async def test_a_leaver_named_again_is_active_again_but_needs_a_new_invite(
    agency: App, tmp_path: Path
) -> None:
    app = agency
    assert await admin.import_file(app, without(tmp_path, BUDI), deactivate_missing=True) == 0
    assert await admin.import_file(app, DEMO, deactivate_missing=True) == 0
    row = await budi_row(app)
    assert row.left_at is None and row.supervisor_id is not None
    async with app.uow() as uow:
        budi = await uow.employees.by_nip(BUDI)
        assert budi is not None and budi.roles == frozenset({Role.PEGAWAI})
        assert budi.supervisor_nip == SRI and budi.kelompok_keahlian == "Pengembangan SDM"
        assert await uow.accounts.get("telegram", "7001") is None, "the old account stays gone"
        assert await uow.employees.select_nips(unit=None, nip=BUDI) == [(budi.id, BUDI)]


async def test_without_the_flag_nobody_leaves(agency: App, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    app = agency
    assert await admin.import_file(app, without(tmp_path, BUDI)) == 0
    assert "ditandai keluar" not in capsys.readouterr().out
    assert (await budi_row(app)).left_at is None
    async with app.uow() as uow:
        assert await uow.accounts.get("telegram", "7001") is not None


async def test_a_supervisor_who_leaves_takes_no_one_with_them(agency: App, tmp_path: Path) -> None:
    """Sri leaves; her people stay, and a row naming her as supervisor is refused (she is
    neither in the file nor an active employee)."""
    app = agency
    assert await admin.import_file(app, without(tmp_path, SRI), deactivate_missing=True) == 1
    async with app.uow() as uow:
        budi = await uow.employees.by_nip(BUDI)
        assert budi is not None and budi.supervisor_nip is None
    assert (await budi_row(app)).left_at is None


async def test_a_file_naming_nobody_makes_nobody_a_leaver(
    agency: App, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = without(tmp_path, *EVERYONE)
    assert await admin.import_file(agency, empty, deactivate_missing=True) == 2
    assert "tidak memuat satu NIP pun" in capsys.readouterr().out
    assert (await budi_row(agency)).left_at is None


async def test_the_command_line_flag(
    agency: App, database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("IDP_DATABASE_URL", database_url)
    monkeypatch.setenv("IDP_DEFAULT_LOCALE", "en")
    monkeypatch.delenv("IDP_TELEGRAM_TOKEN", raising=False)
    argv = ["org", "import", str(without(tmp_path, BUDI, DEWI)), "--deactivate-missing"]
    assert await asyncio.to_thread(cli.main, argv) == 0
    assert "2 employee(s) no longer in the file marked as leavers" in capsys.readouterr().out
    assert await asyncio.to_thread(cli.main, ["chat", "--as", BUDI]) == 1, "no chat for a leaver"
