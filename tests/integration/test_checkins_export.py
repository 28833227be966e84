"""``idp-bot checkins export --out FILE`` on the real storage (SQLite and PostgreSQL): the
year's check-ins as XLSX that only the operator can read, its header in the regulation's
words; a folder that does not exist is one clear line and exit status 2."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from bot import cli
from bot.app import App
from tests.unit.report_checks import sheets


@pytest.fixture
def operator(app: App, monkeypatch: pytest.MonkeyPatch) -> App:
    async def this_app(settings: object, clock: object = None) -> App:
        return app

    async def stays_open() -> None:
        return None

    monkeypatch.setattr(cli, "bootstrap", this_app)
    monkeypatch.setattr(app, "close", stays_open)
    return app


async def run(app: App, *argv: str) -> int:
    return await cli.dispatch(cli.parser().parse_args(list(argv)), app.settings)


async def test_the_export_is_a_private_workbook_of_the_running_cycle(
    operator: App, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "checkin.xlsx"
    assert await run(operator, "checkins", "export", "--out", str(out)) == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    [rows] = sheets(out.read_bytes()).values()
    assert rows[0][:3] == ("NIP", "Nama Pegawai", "Unit Kerja")
    said = capsys.readouterr().out
    assert f"Check-in tahun 2026: {len(rows) - 1} baris ditulis ke {out}" in said


async def test_a_missing_folder_is_said_in_one_line(
    operator: App, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "no-such-folder" / "checkin.xlsx"
    assert await run(operator, "checkins", "export", "--out", str(out), "--year", "2026") == 2
    assert not out.exists()
    assert "checkin.xlsx" in capsys.readouterr().out
