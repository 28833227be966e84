"""Formulir 2 and Formulir 1 as files in Telegram (the real python-telegram-bot against the
fake Bot API): Hendra, the learning coordinator, picks a group's recap from a list and asks
for the recap per level; Sri of the Pengembangan SDM group gets her group's; Budi downloads
his Formulir 1 with what was agreed and verified, and is refused a colleague's and the recaps."""

from __future__ import annotations

import io

from docx import Document
from openpyxl import load_workbook

from tests import verified_plans as vp
from tests.channels.conftest import RunningBot
from tests.channels.dialog_steps import bound
from tests.fake_telegram import FakeBotApi, Sent

SRI = vp.Person(vp.nip(1), "Sri Wahyuni", "Biro Umum", "Pengembangan SDM",
                ("pegawai", "kelompok_keahlian"))  # fmt: skip
BUDI = vp.Person(vp.nip(2), "Budi Santoso", "Pusat Data", "Pengembangan SDM")
DEWI = vp.Person(vp.nip(3), "Dewi Lestari", "Pusat Data", "Teknologi Informasi")
ORG = vp.Organisation(vp.staff([SRI, BUDI, DEWI]))
HENDRA = ORG.people[0]


def workbook(sent: Sent) -> object:
    assert sent.document is not None and sent.document.name.endswith(".xlsx")
    return load_workbook(io.BytesIO(sent.document.content))


async def test_recaps_and_formulir1_arrive_as_files(
    running_bot: RunningBot, bot_api: FakeBotApi
) -> None:
    app = running_bot.app
    async with app.engine.begin() as connection:
        await vp.write(connection, ORG)
    hendra = await bound(app, bot_api, 8001, HENDRA.nip, "Hendra")
    sri = await bound(app, bot_api, 8002, SRI.nip, "Sri")
    budi = await bound(app, bot_api, 8003, BUDI.nip, "Budi")

    [menu] = await hendra.say("/rekap")
    assert ("📁 Pengembangan SDM" in [label for label, _ in menu.buttons]
            and "📊 Rekap per level" in [label for label, _ in menu.buttons])  # fmt: skip
    text, file = await hendra.press("📁 Pengembangan SDM", expect=2)
    assert "8 rencana pengembangan terverifikasi" in text.text
    rows = list(workbook(file).worksheets[0].iter_rows(values_only=True))  # type: ignore[attr-defined]
    assert rows[1][1] == "Nama Pegawai" and rows[1][9] == "Prioritas (Tinggi/Sedang/Rendah)"
    assert sorted({r[1] for r in rows[2:]}) == ["Budi Santoso", "Sri Wahyuni"]

    text, file = await hendra.press("📊 Rekap per level", expect=2)
    assert "Strategis:" in text.text and "Teknis:" in text.text
    book = workbook(file)
    assert book.sheetnames == ["Strategis", "Operasional", "Teknis"]  # type: ignore[attr-defined]
    total = sum(int(r[6]) for sheet in book.worksheets  # type: ignore[attr-defined]
                for r in sheet.iter_rows(min_row=3, values_only=True))  # fmt: skip
    assert total == 12  # 3 employees × 4 items, one line per need and unit

    text, file = await sri.say("/rekap", expect=2)
    assert "Pengembangan SDM" in text.text and file.document is not None

    text, file = await budi.say("/unduh", expect=2)
    assert "Formulir 1 — Budi Santoso" in text.text
    assert file.document is not None and file.document.name == f"formulir1-{BUDI.nip}-2026.docx"
    tables = Document(io.BytesIO(file.document.content)).tables
    assert tables[0].rows[1].cells[2].text == BUDI.nip
    assert len(tables) == 4 and tables[3].rows[0].cells[4].text == "Metode"
    assert tables[3].rows[1].cells[2].text == "Tujuan: Tujuan 1\nOutput: Output 1"

    [refused] = await budi.say(f"/unduh {DEWI.nip}")
    assert "hanya dapat mengunduh Formulir 1 Anda sendiri" in refused.text
    [refused] = await budi.say("/rekap")
    assert "hanya untuk anggota kelompok keahlian" in refused.text
    text, file = await hendra.say(f"/unduh {DEWI.nip}", expect=2)
    assert file.document is not None and DEWI.nip in file.document.name


async def test_a_programme_decided_in_the_chat_reaches_formulir1_d(
    running_bot: RunningBot, bot_api: FakeBotApi
) -> None:
    app = running_bot.app
    async with app.engine.begin() as connection:
        await vp.write(connection, ORG)
    hendra = await bound(app, bot_api, 8001, HENDRA.nip, "Hendra")
    budi = await bound(app, bot_api, 8003, BUDI.nip, "Budi")

    [board] = await hendra.say("/rekap program")
    assert "1. Analisis Kebijakan Publik — 4 rencana dari Biro Umum, Pusat Data" in board.text
    made, board = await hendra.press("➕ Jadikan program usulan 1", expect=2)
    assert "Program #1 Analisis Kebijakan Publik dibuat" in made.text
    decided, _ = await hendra.press("#1 → Strategis", expect=2)
    assert "level Strategis" in decided.text
    assert "3 rencana terverifikasi diperbarui" in decided.text  # of 4: one was strategis
    said, _ = await hendra.say("/rekap program pelaksana 1 =Pusbang ASN", expect=2)
    assert "pelaksana =Pusbang ASN" in said.text
    [refused] = await hendra.say("/rekap program level 1 nasional")
    assert "Level harus salah satu dari" in refused.text
    [refused] = await budi.say("/rekap program")
    assert "diputuskan Koordinator Pembelajaran dan admin" in refused.text

    _, file = await budi.say("/unduh", expect=2)
    assert file.document is not None
    d = Document(io.BytesIO(file.document.content)).tables[3]
    analysis = [
        row.cells[6].text for row in d.rows[1:] if "Analisis Kebijakan" in row.cells[3].text
    ]
    assert analysis and all(
        cell.startswith("Level Pelaksana: Strategis\nPelaksana: =Pusbang ASN") for cell in analysis
    )
