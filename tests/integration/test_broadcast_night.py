"""At 19:30 in Jakarta the operator schedules a broadcast for 20:00 local time, from the
command line: in Makassar (WITA) 20:00 has passed and it is still evening, so Rahmat gets it
at once; in Jayapura (WIT) it is 21:30, the quiet hours, so Budi (moved there for this story)
gets it at 07:00 his time — and the operator is told both, on the same screen as the order."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select, update

from bot import admin, cli, delivery_cli
from bot.app import App
from storage.models import EmployeeRow
from storage.outbox import OutboxRow
from tests.conftest import FakeClock

HENDRA = "197002151995031001"  # WIB
RAHMAT = "198801012012011006"  # WITA
BUDI = "199004172015031003"  # WIB in the demo; WIT here


async def due_of(app: App, nip: str) -> datetime:
    async with app.engine.connect() as connection:
        due: datetime = await connection.scalar(
            select(OutboxRow.due_at).join(EmployeeRow, EmployeeRow.id == OutboxRow.employee_id)
            .where(EmployeeRow.nip == nip)
        )  # fmt: skip
    return due


async def test_the_command_line_holds_the_night_zone_and_says_when_each_zone_gets_it(
    app: App, clock: FakeClock, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert app.settings.quiet_hours == "21-07"
    await admin.seed_demo(app)
    async with app.engine.begin() as connection:
        await connection.execute(
            update(EmployeeRow).where(EmployeeRow.nip == BUDI).values(zona_waktu="WIT")
        )
    clock.current = datetime(2026, 12, 3, 12, 30, tzinfo=UTC)  # 19:30 WIB
    text = tmp_path / "pengumuman.txt"
    text.write_text("Rapat IDP besok pagi", encoding="utf-8")

    argv = ["broadcast", "--to", "all", "--at", "2026-12-03 20:00", "--text-file", str(text)]
    assert await delivery_cli.dispatch(app, cli.parser().parse_args(argv)) == 0

    assert await due_of(app, HENDRA) == datetime(2026, 12, 3, 13, 0, tzinfo=UTC)  # 20:00 WIB
    assert await due_of(app, RAHMAT) == clock.current  # 20:30 in Makassar: at once
    assert await due_of(app, BUDI) == datetime(2026, 12, 3, 22, 0, tzinfo=UTC)  # 07:00 WIT
    out = capsys.readouterr().out
    assert (
        "⚠️ WITA: pukul 20:00 sudah lewat di sana — penerima di zona itu mendapatkannya segera."
        in out
    )
    assert (
        "⚠️ WIT: pukul 20:00 sudah lewat di sana — penerima di zona itu mendapatkannya "
        "4 Desember 2026 pukul 07:00 waktu setempat."
    ) in out
