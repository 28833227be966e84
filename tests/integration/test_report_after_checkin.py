"""From the check-in to the figures, on the real storage (SQLite and PostgreSQL): on Q3's
date Budi records his first item done (16 JP, a certificate) and cancels the second; Sri
agrees the cancellation, gives feedback and closes the quarter. Budi's /progres, Sri's team,
Hendra's units, the XLSX of every check-in and Budi's Formulir 1 E say what was entered."""

from __future__ import annotations

import io
from datetime import UTC, datetime

from docx import Document

from bot import admin
from bot.app import App
from handlers.calendar import NO_QUIET_HOURS
from handlers.checkin import opening
from tests.conftest import FakeClock
from tests.integration.checkin_support import Chat, Files, agreed_plan, months
from tests.integration.test_plan_records import BUDI, SRI
from tests.unit.report_checks import png_size, sheets

HENDRA = "197002151995031001"  # the demo's learning coordinator
PDF = b"%PDF-1.4 sertifikat"


async def test_the_figures_say_what_the_check_in_recorded(app: App, clock: FakeClock) -> None:
    await admin.seed_demo(app)
    await agreed_plan(app, BUDI, [months(3, 5, jp=12), months(7, 9, jp=10)])
    clock.current = datetime(2026, 9, 30, 0, 30, tzinfo=UTC)  # Q3's check-in date
    async with app.uow() as uow:
        assert await opening.scan(uow, clock.now(), NO_QUIET_HOURS) == 1
    files = Files()
    budi = await Chat(app, BUDI, files).bind()
    await budi.say("/triwulan")
    await budi.press("Terlaksana")
    await budi.say("15-04-2026")
    await budi.token("c2")
    await budi.token("c0")
    await budi.say("16")
    await budi.send_file("sertifikat.pdf", PDF)
    await budi.token("c0")  # sesuai
    await budi.token("c3")  # benefit 4
    await budi.say("Notulen selesai di hari yang sama.")
    await budi.token("c3")  # item 2: batal
    await budi.say("Kegiatan ditiadakan.")
    await budi.press("Kirim check-in")
    sri = await Chat(app, SRI, files).bind()
    await sri.say("/triwulan tim")
    await sri.press("Budi Santoso")
    await sri.press("Setujui perubahan")  # the cancellation
    await sri.say("/triwulan tim")
    await sri.press("Budi Santoso")
    await sri.press("Beri umpan balik")
    await sri.say("Terapkan di rapat bulanan.")  # item 1
    await sri.say("/lewati")  # item 2: nothing to add
    await sri.say("/lewati")  # no closing note
    await sri.press("Tutup dialog triwulan")

    clock.current = datetime(2026, 10, 2, 3, 0, tzinfo=UTC)  # Q3's date has passed
    [own] = await budi.say("/progres")
    context = own.text.context
    assert (context["jp_planned"], context["jp_realized"]) == (12, 16)  # the cancelled 10 left
    assert (context["done"], context["cancelled"], context["late"]) == (1, 1, 0)

    _own, team = await sri.say("/progres")
    assert [(g["label"], g["jp_realized"], g["cancelled"]) for g in team.text.context["groups"]
            ] == [("Budi Santoso", 16, 1)]  # fmt: skip
    assert team.attachment is not None and team.attachment.data is not None
    png_size(team.attachment.data)

    hendra = await Chat(app, HENDRA, files).bind()
    [units] = await hendra.say("/progres checkin")
    assert units.text.context["total"]["jp_realized"] == 16
    [everything] = await hendra.say("/progres rekap")
    assert everything.attachment is not None and everything.attachment.data is not None
    [rows] = sheets(everything.attachment.data).values()
    cells = [(*r, *[None] * (17 - len(r))) for r in rows[1:]]  # empty cells at a row's end
    assert [(c[0], c[3], c[4], c[5], c[6], c[7], c[10], c[15], c[16]) for c in cells] == [
        (BUDI, 1, "Komunikasi", 3, "Terlaksana", None, 16, "sertifikat.pdf",
         "Terapkan di rapat bulanan."),
        (BUDI, 2, "Komunikasi", 3, "Batal/diganti", "Kegiatan ditiadakan.", None, None, None),
    ]  # fmt: skip

    [sent] = [r.attachment for r in await budi.say("/unduh") if r.attachment is not None]
    assert sent.data is not None
    *_, e = [[[c.text for c in r.cells] for r in t.rows]
             for t in Document(io.BytesIO(sent.data)).tables]  # fmt: skip
    assert e[0][0] == "No." and [row[0] for row in e[1:]] == ["1", "2"]
    assert "Triwulan 3: Terlaksana" in e[1][6] and "Bukti: sertifikat.pdf" in e[1][6]
    assert "Umpan balik atasan: Terapkan di rapat bulanan." in e[1][6]
    assert "Triwulan 3: Batal/diganti (Kegiatan ditiadakan.)" in e[2][6]
