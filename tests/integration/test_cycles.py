"""Cycles in the database: the upgrade gives every year with plans its cycle, the operator
opens one at the command line, the demo opens the one that makes sense today, and every
command of the operator agrees with the chat on the year — on SQLite and PostgreSQL."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from datetime import UTC, date, datetime
from pathlib import Path

import asyncpg
import pytest
from sqlalchemy import column, delete, insert, table

from bot import admin, cli, cycle_cli, delivery_cli
from bot.app import App, bootstrap
from bot.config import Settings
from handlers.cycle import current_cycle
from handlers.effects import Incoming
from storage import migrate
from storage.db import create_engine
from storage.models import CycleRow
from tests.conftest import PG_URL, FakeClock, _admin_dsn

DECEMBER = datetime(2026, 12, 3, 3, 0, tzinfo=UTC)  # 10:00 in Jakarta
BUDI = "199004172015031003"  # in the demo organisation
HENDRA = "197002151995031001"  # the demo's learning coordinator


@pytest.fixture
async def empty_url(database_url: str, tmp_path: Path) -> AsyncIterator[str]:
    """A database of its own, not migrated yet (a new one on PostgreSQL, dropped after)."""
    if database_url.startswith("sqlite"):
        yield f"sqlite:///{tmp_path / 'old.db'}"
        return
    assert PG_URL is not None
    name = f"idp_old_{uuid.uuid4().hex[:12]}"
    connection = await asyncpg.connect(_admin_dsn(PG_URL))
    try:
        await connection.execute(f'CREATE DATABASE "{name}"')
        yield _admin_dsn(PG_URL, name)
        await connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await connection.close()


async def test_the_upgrade_opens_a_cycle_for_every_year_that_has_plans(empty_url: str) -> None:
    """A database written before cycles existed (at 0009), with plans of 2025 and 2026: after
    the upgrade both years are cycles with the default dates, and nothing else is."""
    engine = create_engine(empty_url)
    await migrate.upgrade(engine, "0009_breaks_b")
    first_2026 = datetime(2025, 12, 20, 1, 0, tzinfo=UTC)  # planned in Q4 of 2025
    # the tables as they stood at 0009 (the models have grown columns since)
    employees = table("employees", *map(column, (
        "id", "nip", "nama", "jenis_pegawai", "pangkat_golongan", "pendidikan", "masa_kerja",
        "jabatan", "unit_id", "zona_waktu", "bahasa", "updated_at")))  # fmt: skip
    plan_rows = table("plans", *map(column, ("id", "employee_id", "year", "status",
                      "created_at", "updated_at")))  # fmt: skip
    async with engine.begin() as connection:
        await connection.execute(insert(table("units", column("id"), column("name"))),
                                 [{"id": 1, "name": "Pusat Data"}])  # fmt: skip
        await connection.execute(insert(employees), [
            {"id": number, "nip": f"19900417201503100{number}", "nama": f"Pegawai {number}",
             "jenis_pegawai": "PNS", "pangkat_golongan": "III/a", "pendidikan": "",
             "masa_kerja": "", "jabatan": "Analis", "unit_id": 1, "zona_waktu": "WIB",
             "bahasa": "id", "updated_at": first_2026} for number in (1, 2)])  # fmt: skip
        plans = [(1, 2025, datetime(2025, 2, 3, tzinfo=UTC)),
                 (1, 2026, datetime(2026, 1, 5, tzinfo=UTC)), (2, 2026, first_2026)]  # fmt: skip
        await connection.execute(insert(plan_rows), [
            {"id": plan_id, "employee_id": who, "year": year, "status": "submitted",
             "created_at": created, "updated_at": created}
            for plan_id, (who, year, created) in enumerate(plans, start=1)])  # fmt: skip
    await migrate.upgrade(engine)
    await engine.dispose()
    app = await bootstrap(
        Settings(_env_file=None, database_url=empty_url, telegram_token=None),  # type: ignore[call-arg]
        clock=FakeClock(datetime(2026, 6, 1, 3, tzinfo=UTC)),
    )
    try:
        async with app.uow() as uow:
            cycles = await uow.cycles.all()
            assert [c.year for c in cycles] == [2025, 2026]
            assert {c.opened_by for c in cycles} == {"upgrade"}
            assert cycles[1].opened_at == first_2026  # the year's first plan
            assert cycles[1].formulir1_opens == date(2025, 12, 20)  # planned in Q4 of 2025
            assert cycles[0].formulir1_opens == date(2025, 1, 1)
            assert cycles[1].checkins[3] == date(2026, 12, 31)
            found = await current_cycle(uow, app.clock.now())
            assert found is not None and found.year == 2026  # the plans go on being read
    finally:
        await app.close()


async def test_a_database_without_plans_gets_no_cycle_on_upgrade(empty_url: str) -> None:
    app = await bootstrap(
        Settings(_env_file=None, database_url=empty_url, telegram_token=None),  # type: ignore[call-arg]
    )
    try:
        async with app.uow() as uow:
            assert await uow.cycles.all() == []
    finally:
        await app.close()


async def run_cycle(app: App, capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    args = cli.parser().parse_args(["cycle", *argv])
    code = await cycle_cli.dispatch(app, args)
    return code, capsys.readouterr().out


async def test_the_operator_opens_next_years_cycle_with_its_own_dates(
    app: App, clock: FakeClock, capsys: pytest.CaptureFixture[str]
) -> None:
    clock.current = DECEMBER
    code, out = await run_cycle(
        app, capsys, "open", "2027", "--dialogue", "2027-01-15", "2027-02-28",
        "--verification-by", "2027-03-31",
        "--checkins", "2027-03-31", "2027-06-30", "2027-09-30", "2027-12-15",
    )  # fmt: skip
    assert code == 0, out
    assert "Siklus IDP 2027 dibuka." in out
    assert "Dialog kinerja: 15 Januari 2027 – 28 Februari 2027" in out
    assert "15 Desember 2027" in out
    async with app.uow() as uow:
        [_, opened] = await uow.cycles.all()
        assert (opened.year, opened.opened_by) == (2027, "cli")
        assert opened.formulir1_opens == date(2026, 12, 3)
        assert opened.verification_by == date(2027, 3, 31)
    code, again = await run_cycle(app, capsys, "open", "2027")
    assert code == 1
    assert "Siklus IDP 2027 sudah dibuka sebelumnya; tidak ada yang diubah." in again
    code, listed = await run_cycle(app, capsys, "list")
    assert code == 0 and "Yang sedang direncanakan sekarang: 2027." in listed
    assert listed.index("2027 (sekarang)") < listed.index("2026 — dibuka")


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["open", "2025"], "Siklus 2025 tidak dapat dibuka"),
        (["open", "2027", "--dialogue", "2027-03-31", "2027-02-01"], "tidak berurutan"),
        (["open", "2027", "--checkins", "2027-03-31", "2027-06-30", "2027-09-30", "2028-01-10"],
         "harus jatuh pada tahun 2027"),
        (["open", "2027", "--verification-by", "30-04-2027"], "YYYY-MM-DD"),
    ],
)  # fmt: skip
async def test_a_cycle_that_cannot_be_opened_is_one_line_and_exit_2(
    app: App, clock: FakeClock, capsys: pytest.CaptureFixture[str], argv: list[str], said: str
) -> None:
    clock.current = DECEMBER
    code, out = await run_cycle(app, capsys, *argv)
    assert code == 2 and said in out
    async with app.uow() as uow:
        assert [c.year for c in await uow.cycles.all()] == [2026]


async def cycles_opened(app: App) -> list[int]:
    async with app.uow() as uow:
        return [c.year for c in await uow.cycles.all()]


@pytest.mark.parametrize(
    ("today", "opened"),
    [(datetime(2026, 11, 29, 2, tzinfo=UTC), 2027), (datetime(2027, 3, 15, 2, tzinfo=UTC), 2027),
     (datetime(2026, 9, 30, 2, tzinfo=UTC), 2026)],
)  # fmt: skip
async def test_the_demo_opens_the_cycle_that_makes_sense_today(
    app: App, clock: FakeClock, today: datetime, opened: int
) -> None:
    async with app.uow() as uow:
        await uow.session.execute(delete(CycleRow))  # type: ignore[attr-defined]
        await uow.commit()
    clock.current = today
    assert await admin.seed_demo(app)
    assert await cycles_opened(app) == [opened]
    assert await admin.open_demo_cycle(app) is None  # a second start opens nothing more
    assert await cycles_opened(app) == [opened]


async def test_the_demo_keeps_the_cycle_being_planned(app: App) -> None:
    """29 November 2026 with the 2026 cycle open: the demo plans 2026 (not next year)."""
    assert await admin.seed_demo(app)
    assert await cycles_opened(app) == [2026]


async def test_the_chat_and_the_command_line_agree_on_the_year_in_december(
    app: App, clock: FakeClock, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """With 2027 opened, on 3 December 2026 Budi's /isi, Hendra's /progres, a broadcast to
    a stage and a reminder from the command line all mean 2027."""
    await admin.seed_demo(app)
    clock.current = DECEMBER
    await run_cycle(app, capsys, "open", "2027")
    budi = await admin.bind_console(app, BUDI)
    hendra = await admin.bind_console(app, HENDRA)
    assert budi is not None and hendra is not None
    [intro, *_] = await app.conversation.handle(Incoming("console", BUDI, text="/isi"))
    assert intro.text.context["year"] == 2027
    progress, dialogues = await app.conversation.handle(
        Incoming("console", HENDRA, text="/progres")
    )
    assert progress.text.context["year"] == dialogues.text.context["year"] == 2027
    text = tmp_path / "siaran.txt"
    text.write_text("Formulir 1 2027 sudah dibuka.", encoding="utf-8")
    sent = cli.parser().parse_args(["broadcast", "--to", "stage:not_started", "--text-file",
                                    str(text)])  # fmt: skip
    assert await delivery_cli.dispatch(app, sent) == 0
    reminder = cli.parser().parse_args(["reminder", "add", "--on", "2026-12-10"])
    assert await delivery_cli.dispatch(app, reminder) == 0
    async with app.uow() as uow:
        [broadcast] = await uow.broadcasts.open()
        [(stored, _)] = await uow.reminders.listing()
    assert broadcast.audience == "stage:not_started:2027"
    assert stored.audience == "stage:not_submitted:2027"


async def test_the_setting_opens_a_first_cycle_only_in_a_database_without_one(
    settings: Settings, clock: FakeClock, app: App
) -> None:
    """IDP_CYCLE_YEAR, a bootstrap default: nothing when a cycle exists (the fixture's 2026);
    in a database with none, that year's cycle is opened at start."""
    configured = settings.model_copy(update={"cycle_year": 2027})
    again = await bootstrap(configured, clock=clock)
    await again.close()
    assert await cycles_opened(app) == [2026]
    async with app.uow() as uow:
        await uow.session.execute(delete(CycleRow))  # type: ignore[attr-defined]
        await uow.commit()
    again = await bootstrap(configured, clock=clock)
    await again.close()
    async with app.uow() as uow:
        [opened] = await uow.cycles.all()
    assert (opened.year, opened.opened_by) == (2027, "IDP_CYCLE_YEAR")
