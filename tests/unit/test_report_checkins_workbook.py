"""Every check-in as XLSX for the coordinator (/progres rekap): a row per employee, item and
quarter in NIP order, read page by page; numbers stay numbers, whatever a person typed stays
text — even when it looks like a formula; nobody but the coordinator gets it."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date

import pytest
from openpyxl import Workbook, load_workbook

from handlers.checkin.model import Fit, ItemStatus
from handlers.documents.cells import row
from handlers.model import Role
from handlers.report import checkins_workbook
from handlers.report.checkins_workbook import Words, line_cells
from handlers.report.model import CheckinEntry, CheckinLine
from tests.unit.chat_bot import Bot
from tests.unit.fakes import STORY_YEAR, employee
from tests.unit.report_checks import sheets

SITI = employee(1, "Siti Rahmawati", "197002151995032001", [Role.KOORDINATOR_PEMBELAJARAN])
BUDI = employee(2, "Budi Santoso", "199004172015031003")
DONE = CheckinEntry(21, 2, ItemStatus.TERLAKSANA, held_on=date(2026, 5, 12),
                    method_class="formal", method_form="pelatihan", jp=16, fit=Fit.SEBAGIAN,
                    fit_reason="=1+1", benefit=4, benefit_example="@laporan",
                    evidence="sertifikat.pdf", feedback="-bagus")  # fmt: skip
LINES = [
    CheckinLine("199105122019032001", "Dewi Lestari", "Pusat", 1, "", "komunikasi",
                CheckinEntry(31, 1, ItemStatus.BERJALAN, jp=4)),
    CheckinLine("199004172015031003", "Budi Santoso", "Pusat", 2, "Manajemen Data", None,
                CheckinEntry(22, 2, ItemStatus.BATAL, reason="diganti")),
    CheckinLine("199004172015031003", "Budi Santoso", "Pusat", 1, "Analisis Kebijakan", None,
                DONE),
]  # fmt: skip


async def coordinator_and_budi() -> Bot:
    bot = Bot(SITI, BUDI)
    bot.database.state.report.lines[STORY_YEAR] = list(LINES)
    await bot.linked("siti", SITI)
    await bot.linked("budi", BUDI)
    return bot


@pytest.mark.parametrize("page", [1, 2, 2000])
async def test_siti_gets_every_check_in_in_nip_order_page_by_page(
    page: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(checkins_workbook, "PAGE", page)
    bot = await coordinator_and_budi()
    [reply] = await bot.say("siti", "/progres rekap")
    assert reply.text.template == "report/checkins_sent" and reply.text.context["rows"] == 3
    assert reply.attachment is not None and reply.attachment.data is not None
    [rows] = sheets(reply.attachment.data).values()
    assert rows[0][:6] == ("NIP", "Nama Pegawai", "Unit Kerja", "No. Rencana",
                           "Kompetensi yang Dikembangkan", "Triwulan")  # fmt: skip
    assert [(r[0], r[3], r[5]) for r in rows[1:]] == [
        ("199004172015031003", 1, 2),
        ("199004172015031003", 2, 2),
        ("199105122019032001", 1, 1),
    ]
    assert rows[1][6:] == ("Terlaksana", None, "2026-05-12", "Pelatihan", 16, "Sebagian sesuai",
                           "=1+1", 4, "@laporan", "sertifikat.pdf", "-bagus")  # fmt: skip
    assert rows[2][6:8] == ("Batal/diganti", "diganti")
    assert [r[4] for r in rows[1:]] == ["Analisis Kebijakan", "Manajemen Data", "Komunikasi"]


async def test_an_english_reader_gets_english_columns_and_words() -> None:
    bot = await coordinator_and_budi()
    await bot.say("siti", "/bahasa en")
    [reply] = await bot.say("siti", "/progress recap")
    assert reply.attachment is not None and reply.attachment.data is not None
    [rows] = sheets(reply.attachment.data).values()
    assert rows[0][1] == "Employee Name" and rows[1][6] == "Done" and rows[3][6] == "Running"


async def test_budi_is_refused_everyones_check_ins() -> None:
    bot = await coordinator_and_budi()
    [refused] = await bot.say("budi", "/progres rekap")
    assert refused.text.template == "report/not_allowed" and refused.attachment is None


def test_a_formula_typed_anywhere_stays_text() -> None:
    line = replace(LINES[2], nama='=HYPERLINK("http://x","y")')
    out = io.BytesIO()
    book = Workbook(write_only=True)
    sheet = book.create_sheet("x")
    sheet.append(row(sheet, line_cells(line, Words("id"))))
    book.save(out)
    cells = next(load_workbook(io.BytesIO(out.getvalue())).worksheets[0].iter_rows())
    assert all(c.data_type != "f" for c in cells)
    assert cells[1].value == line.nama and cells[12].value == "=1+1"
