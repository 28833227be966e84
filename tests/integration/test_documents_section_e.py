"""Formulir 1 E in the DOCX (read back with python-docx): Dewi's verified plan, loaded from
the real storage (SQLite and PostgreSQL), with what two quarters' check-ins recorded — a row
per item and quarter, the item's columns as verified, the last cell the quarter's record
(status, date, method, JP, fit, benefit, evidence, the supervisor's feedback)."""

from __future__ import annotations

import io
from datetime import date

from docx import Document

from bot.app import App
from handlers.checkin.model import Fit, ItemStatus
from handlers.documents import formulir1
from handlers.documents.download import formulir1_file
from handlers.recap.labels import Labels
from handlers.report.model import CheckinEntry
from tests import checkin_rows
from tests import verified_plans as vp

DEWI = vp.Person(vp.nip(2), "Dewi Lestari", "Pusat Data", items=2)


def tables(data: bytes) -> list[list[list[str]]]:
    document = Document(io.BytesIO(data))
    return [[[c.text for c in row.cells] for row in t.rows] for t in document.tables]


def paragraphs(data: bytes) -> list[str]:
    return [p.text for p in Document(io.BytesIO(data)).paragraphs if p.text]


async def test_section_e_shows_each_quarters_record_per_item(app: App) -> None:
    async with app.engine.begin() as connection:
        await vp.write(connection, vp.Organisation([DEWI]))
    async with app.uow() as uow:
        content = await uow.plan_records.load(1)
    assert content is not None
    first, second = (item.id for item in content.items)
    assert first is not None and second is not None
    checkins = [
        CheckinEntry(second, 1, ItemStatus.BERJALAN, method_class="sosial",
                     method_form="coaching", jp=2),
        CheckinEntry(first, 2, ItemStatus.TERLAKSANA, held_on=date(2026, 5, 12),
                     method_class="formal", method_form="pelatihan", jp=16, fit=Fit.SEBAGIAN,
                     fit_reason="=lebih singkat", benefit=4, benefit_example="laporan <cepat>",
                     evidence="sertifikat.pdf", feedback="Terapkan di unit"),
        CheckinEntry(second, 2, ItemStatus.BATAL, reason="diganti mentoring"),
    ]  # fmt: skip
    plan = formulir1.Plan(content, 2026, {}, checkins)
    data = formulir1.render(plan, Labels("id", 2026))
    *_, e = tables(data)
    assert "E. Evaluasi Kinerja (Hasil Dialog Kinerja dalam Proses Penilaian Kinerja)" in (
        paragraphs(data))  # fmt: skip
    assert e[0][0] == "No." and len(e) == 1 + 3
    done, running, cancelled = e[1], e[2], e[3]
    assert (done[0], running[0], cancelled[0]) == ("1", "2", "2")
    assert done[6].split("\n")[3:] == [
        "Triwulan 2: Terlaksana", "Tanggal pelaksanaan: 12 Mei 2026",
        "Metode yang dilaksanakan: Pelatihan", "JP terealisasi: 16",
        "(a) Kesesuaian rencana dan pelaksanaan: Sebagian sesuai — =lebih singkat",
        "(b) Kemanfaatan bagi kinerja: 4/5 — laporan <cepat>", "Bukti: sertifikat.pdf",
        "Umpan balik atasan: Terapkan di unit"]  # fmt: skip
    assert "Triwulan 1: Sedang berjalan" in running[6]
    assert "Triwulan 2: Batal/diganti (diganti mentoring)" in cancelled[6]


async def test_no_check_in_yet_no_section_e(app: App) -> None:
    async with app.engine.begin() as connection:
        await vp.write(connection, vp.Organisation([DEWI]))
    async with app.uow() as uow:
        content = await uow.plan_records.load(1)
    assert content is not None
    data = formulir1.render(formulir1.Plan(content, 2026), Labels("en", 2026))
    assert len(tables(data)) == 4  # A, B, C, D


async def test_unduh_carries_section_e_from_the_stored_check_ins(app: App) -> None:
    async with app.engine.begin() as connection:
        await vp.write(connection, vp.Organisation([DEWI]))
        certificate = await checkin_rows.evidence(connection, "sertifikat.pdf")
        await checkin_rows.sent(connection, 1, 2, {1: {
            "status": "terlaksana", "jp_realized": 16, "done_on": date(2026, 5, 12),
            "method_class": "formal", "method_form": "pelatihan", "fit": "sesuai",
            "benefit": 5, "evidence_file_id": certificate, "feedback": "Bagus"}})  # fmt: skip
    async with app.uow() as uow:
        owner = await uow.employees.by_nip(DEWI.nip)
        assert owner is not None
        made = await formulir1_file(uow, owner, 2026, "en")
    assert made.sections == ("C", "D", "E")
    *_, e = tables(made.data)
    assert len(e) == 2 and e[1][0] == "1"
    assert e[1][6].split("\n")[-8:] == [
        "Quarter 2: Done", "Carried out on: 12 May 2026", "Method used: Training",
        "JP realized: 16", "(a) Fit between plan and realization: Fits",
        "(b) Benefit for performance: 5/5", "Evidence: sertifikat.pdf",
        "Supervisor's feedback: Bagus"]  # fmt: skip
