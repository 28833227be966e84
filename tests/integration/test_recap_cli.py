"""The operator at the command line (SQLite and PostgreSQL): ``idp-bot recap group`` and
``recap levels`` write Formulir 2, ``recap programmes`` forms and decides a programme, and
``idp-bot documents formulir1`` writes one person's DOCX or everyone's ZIP."""

from __future__ import annotations

import asyncio
import io
import re
import zipfile
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook

from bot import cli
from bot.app import App
from tests import verified_plans as vp
from tests.integration.test_recap_formulir2 import organisation


@pytest.fixture
async def operator(
    app: App, database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> vp.Organisation:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("IDP_DATABASE_URL", database_url)
    monkeypatch.setenv("IDP_DEFAULT_LOCALE", "id")
    monkeypatch.delenv("IDP_TELEGRAM_TOKEN", raising=False)
    org = organisation()
    async with app.engine.begin() as connection:
        await vp.write(connection, org)
    return org


async def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = await asyncio.to_thread(cli.main, argv)
    return code, capsys.readouterr().out


async def test_recaps_and_programmes_at_the_command_line(
    operator: vp.Organisation, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "sdm.xlsx"
    code, said = await run(["recap", "group", "--group", "Pengembangan SDM", "--year", "2026",
                            "--out", str(out)], capsys)  # fmt: skip
    assert code == 0 and "16 baris" in said  # 4 members × 4 items
    assert load_workbook(out).worksheets[0].max_row == 2 + 16
    code, said = await run(["recap", "programmes", "list", "--year", "2026"], capsys)
    assert code == 0 and "Belum ada program" in said
    number = re.search(r"(\d)\. Kerja Sama — 9 rencana dari Biro Umum, Inspektorat, Pusat Data",
                       said)  # fmt: skip
    assert number is not None
    code, said = await run(["recap", "programmes", "accept", number[1], "--year", "2026"], capsys)
    assert code == 0 and "#1 Kerja Sama" in said
    code, said = await run(["recap", "programmes", "decide", "1", "--level", "operasional",
                            "--organiser", "Pusbang ASN", "--year", "2026"], capsys)  # fmt: skip
    assert code == 0 and "level Operasional, pelaksana Pusbang ASN" in said
    code, said = await run(["recap", "programmes", "decide", "9", "--level", "teknis",
                            "--year", "2026"], capsys)  # fmt: skip
    assert code == 1 and "Tidak ada program" in said
    levels = tmp_path / "level.xlsx"
    code, _ = await run(["recap", "levels", "--year", "2026", "--out", str(levels)], capsys)
    assert code == 0
    operational = [
        list(r) for r in load_workbook(levels)["Operasional"].iter_rows(values_only=True)
    ]
    programme = [r for r in operational if r[0] == "Kerja Sama"]
    assert programme == [["Kerja Sama", "Pelatihan", "Formal", "Pusbang ASN",
                          "Sepanjang tahun 2026", "Biro Umum, Inspektorat, Pusat Data",
                          sum(1 for p in operator.people if p.items)]]  # fmt: skip


async def test_formulir1_for_one_person_and_for_everyone(
    operator: vp.Organisation, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    one = tmp_path / "budi.docx"
    person = operator.people[1]
    code, _ = await run(["documents", "formulir1", "--nip", person.nip, "--year", "2026",
                         "--out", str(one)], capsys)  # fmt: skip
    assert code == 0 and Document(str(one)).tables[0].rows[1].cells[2].text == person.nip
    code, said = await run(["documents", "formulir1", "--nip", "123", "--out", str(one)], capsys)
    assert code == 1 and "Tidak ada pegawai dengan NIP 123" in said and "/unduh" not in said
    everyone = tmp_path / "semua.zip"
    code, said = await run(["documents", "formulir1", "--all", "--year", "2026", "--out",
                            str(everyone)], capsys)  # fmt: skip
    assert code == 0 and "1 pegawai belum mengirim" in said  # the coordinator has no plan
    with zipfile.ZipFile(everyone) as archive:
        names = archive.namelist()
        assert len(names) == 7
        first = Document(io.BytesIO(archive.read(names[0])))
    assert len(first.tables) == 4  # A, B, C, D


async def test_a_name_in_another_case_is_the_same_group_or_unit(
    operator: vp.Organisation, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "sdm.xlsx"
    code, said = await run(["recap", "group", "--group", "pengembangan sdm", "--year", "2026",
                            "--out", str(out)], capsys)  # fmt: skip
    assert code == 0 and "16 baris" in said
    archive = tmp_path / "biro.zip"
    code, said = await run(["documents", "formulir1", "--unit", "BIRO UMUM", "--year", "2026",
                            "--out", str(archive)], capsys)  # fmt: skip
    assert code == 0
    with zipfile.ZipFile(archive) as written:
        assert written.namelist()


async def test_an_unknown_group_or_unit_is_refused_and_writes_nothing(
    operator: vp.Organisation, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "nope.xlsx"
    code, said = await run(["recap", "group", "--group", "Nope", "--out", str(out)], capsys)
    assert code == 2 and "Kelompok keahlian «Nope» tidak ada" in said
    assert "Pengembangan SDM" in said and not out.exists()
    archive = tmp_path / "nope.zip"
    code, said = await run(["documents", "formulir1", "--unit", "Nope", "--out", str(archive)],
                           capsys)  # fmt: skip
    assert code == 2 and "Unit kerja «Nope» tidak ada" in said
    assert "Biro Umum" in said and not archive.exists()
