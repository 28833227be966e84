"""The operator names a file on the command line that will not do — missing, a folder, not
readable, not text — and ``idp-bot`` says so in one line and exits non-zero, whichever
command it was; a text saved by Notepad in Windows-1252 ("ANSI") is read, and said to be."""

from __future__ import annotations

import asyncio
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import func, select

from bot import admin, cli
from bot.app import App
from storage.models import InviteRow
from storage.outbox import BroadcastRow

BROADCAST = ["broadcast", "--to", "all", "--text-file"]
COMMANDS = {
    "broadcast": BROADCAST,
    "org": ["org", "import"],
    "priorities": ["priorities", "import"],
    "competencies": ["competencies", "import"],
}
NOTEPAD_TEXT = "Rapat “penting” di kafé: Senin 09.00 — harap hadir."


@pytest.fixture
def operator(app: App, database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)  # no stray .env
    monkeypatch.setenv("IDP_DATABASE_URL", database_url)
    monkeypatch.setenv("IDP_DEFAULT_LOCALE", "id")
    monkeypatch.delenv("IDP_TELEGRAM_TOKEN", raising=False)
    return tmp_path


def missing(folder: Path, suffix: str) -> Path:
    return folder / f"tidak-ada{suffix}"


def a_folder(folder: Path, suffix: str) -> Path:
    path = folder / f"folder{suffix}"
    path.mkdir()
    return path


def unreadable(folder: Path, suffix: str) -> Path:
    path = folder / f"terkunci{suffix}"
    path.write_text("nip,nama\n", encoding="utf-8")
    path.chmod(0)
    return path


def utf16(folder: Path, suffix: str) -> Path:
    path = folder / f"unicode{suffix}"  # Notepad's "Unicode": UTF-16 with its mark
    path.write_text("nip,nama\n199001012015011001,José\n", encoding="utf-16")
    return path


BAD_FILES: dict[str, tuple[Callable[[Path, str], Path], str]] = {
    "missing": (missing, "tidak ditemukan."),
    "folder": (a_folder, "adalah folder, bukan berkas."),
    "unreadable": (unreadable, "tidak boleh dibaca oleh pengguna ini (izin berkas)."),
    "utf16": (utf16, "bukan teks UTF-8 maupun Windows-1252 (ANSI)."),
}


async def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    code = await asyncio.to_thread(cli.main, argv)
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    return code, captured.out.strip().splitlines()


@pytest.mark.parametrize("command", sorted(COMMANDS))
@pytest.mark.parametrize("bad", sorted(BAD_FILES))
async def test_a_file_that_will_not_do_is_one_line_and_a_non_zero_exit(
    operator: Path, capsys: pytest.CaptureFixture[str], command: str, bad: str
) -> None:
    make, says = BAD_FILES[bad]
    if bad == "unreadable" and os.geteuid() == 0:
        pytest.skip("root reads every file")
    path = make(operator, ".txt" if command == "broadcast" else ".csv")

    code, out = await run([*COMMANDS[command], str(path)], capsys)

    assert code != 0
    assert len(out) == 1 and out[0].startswith(f"Berkas tidak bisa dibaca: {path.name} {says}")


async def test_a_notepad_ansi_text_is_broadcast_as_written_and_said_to_be_windows_1252(
    app: App, operator: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    await admin.seed_demo(app)
    path = operator / "pengumuman.txt"
    path.write_bytes(NOTEPAD_TEXT.encode("cp1252"))

    code, out = await run([*BROADCAST, str(path)], capsys)

    assert code == 0
    assert out[0].startswith("Catatan: pengumuman.txt bukan UTF-8; dibaca sebagai Windows-1252")
    async with app.engine.connect() as connection:
        assert await connection.scalar(select(BroadcastRow.text)) == NOTEPAD_TEXT


async def test_a_utf8_text_with_a_byte_order_mark_is_read_without_it(
    app: App, operator: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    await admin.seed_demo(app)
    path = operator / "pengumuman.txt"
    path.write_text(NOTEPAD_TEXT, encoding="utf-8-sig")

    code, out = await run([*BROADCAST, str(path)], capsys)

    assert code == 0 and not any("Windows-1252" in line for line in out)
    async with app.engine.connect() as connection:
        assert await connection.scalar(select(BroadcastRow.text)) == NOTEPAD_TEXT


async def test_an_ansi_organisation_file_is_read_and_said_to_be(
    app: App, operator: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = admin.DEMO_FILE.read_text(encoding="utf-8").replace("Budi Santoso", "Budi Santoço")
    path = operator / "pegawai.csv"
    path.write_bytes(source.encode("cp1252"))

    code, out = await run(["org", "import", str(path)], capsys)

    assert code == 0
    assert out[0].startswith("Catatan: pegawai.csv bukan UTF-8; dibaca sebagai Windows-1252")
    async with app.uow() as uow:
        budi = await uow.employees.by_nip("199004172015031003")
    assert budi is not None and budi.nama == "Budi Santoço"


@pytest.mark.parametrize(
    ("target", "says"),
    [
        ("tidak-ada/undangan.csv", "undangan.csv: folder tidak-ada tidak ada."),
        ("folder", "folder adalah folder, bukan berkas."),
    ],
)
async def test_invites_to_a_place_that_cannot_be_written_issue_nothing(
    app: App, operator: Path, capsys: pytest.CaptureFixture[str], target: str, says: str
) -> None:
    await admin.seed_demo(app)
    (operator / "folder").mkdir()

    code, out = await run(["invite", "--all", "-o", target], capsys)

    assert code != 0
    assert out == [f"Berkas tidak bisa ditulis: {says} Tidak ada yang diubah."]
    async with app.engine.connect() as connection:
        assert await connection.scalar(select(func.count()).select_from(InviteRow)) == 0


async def test_invites_for_an_unknown_unit_are_refused_and_a_unit_in_another_case_is_found(
    app: App, operator: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    await admin.seed_demo(app)
    target = str(operator / "undangan.csv")
    code, out = await run(["invite", "--unit", "Nope", "-o", target], capsys)
    assert code == 2 and out[0].startswith("Unit kerja «Nope» tidak ada")
    assert not (operator / "undangan.csv").exists()
    code, out = await run(["invite", "--unit", "balai diklat makassar", "-o", target], capsys)
    assert code == 0 and (operator / "undangan.csv").read_text().count("\n") == 2  # head, Rahmat
