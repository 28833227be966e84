"""The check-in figures in Telegram (real python-telegram-bot against the fake Bot API):
Pegawai 00 recorded an item done in Q1 with 12 JP. Hendra, the learning coordinator, types
``/progres checkin`` and receives the units' figures, then the chart as a photo; he presses
"Unduh XLSX" and receives the workbook, whose numbers are what was entered; ``/progres rekap``
brings every check-in as XLSX; Pegawai 00's ``/unduh`` carries Formulir 1 E."""

from __future__ import annotations

import io

from docx import Document

from tests import checkin_rows
from tests import verified_plans as vp
from tests.channels.conftest import RunningBot
from tests.channels.dialog_steps import bound
from tests.fake_telegram import FakeBotApi
from tests.unit.report_checks import png_size, sheets


async def test_the_coordinator_receives_the_chart_and_the_xlsx(
    running_bot: RunningBot, bot_api: FakeBotApi
) -> None:
    app = running_bot.app
    people = [vp.Person(vp.nip(n), f"Pegawai {n:02d}", ("Biro Umum", "Pusat Data")[n % 2])
              for n in range(3)]  # fmt: skip
    org = vp.Organisation(vp.staff(people))
    async with app.engine.begin() as connection:
        await vp.write(connection, org)
        await checkin_rows.sent(connection, 2, 1, {1: {"status": "terlaksana", "jp_realized": 12}})
    hendra = await bound(app, bot_api, 8001, org.people[0].nip, "Hendra")

    text, photo = await hendra.say("/progres checkin", expect=2)
    assert "Check-in 2026: per unit kerja" in text.text
    assert "Biro Umum: 12/64 JP" in text.text and "Pusat Data: 0/32 JP" in text.text
    assert photo.method == "sendPhoto" and photo.document is not None
    png_size(photo.document.content)
    assert ("📊 Unduh XLSX", "report:xlsx:units") in text.buttons

    said, workbook = await hendra.press("📊 Unduh XLSX", expect=2)
    assert "sebagai XLSX" in said.text
    assert workbook.method == "sendDocument" and workbook.document is not None
    assert workbook.document.name == "progres-units-2026.xlsx"
    rows = sheets(workbook.document.content)["Ringkasan"]
    assert [r[:7] for r in rows[1:]] == [("Biro Umum", 2, 2, 0, 64, 12, 40),
                                         ("Pusat Data", 1, 1, 0, 32, 0, 20),
                                         ("Semua", 3, 3, 0, 96, 12, 60)]  # fmt: skip

    said, everything = await hendra.say("/progres rekap", expect=2)
    assert "1 baris" in said.text and everything.document is not None
    [checkins] = sheets(everything.document.content).values()
    competency = vp.version(1, 0)["kompetensi_deskripsi"]
    assert checkins[1][:7] == (org.people[1].nip, "Pegawai 00", "Biro Umum", 1, competency, 1,
                               "Terlaksana")  # fmt: skip

    pegawai = await bound(app, bot_api, 8002, org.people[1].nip, "Pegawai")
    said, docx = await pegawai.say("/unduh", expect=2)
    assert docx.document is not None
    *_, e = [[[c.text for c in r.cells] for r in t.rows]
             for t in Document(io.BytesIO(docx.document.content)).tables]  # fmt: skip
    assert "Triwulan 1: Terlaksana" in e[1][6] and "JP terealisasi: 12" in e[1][6]


async def test_a_supervisor_receives_the_team_chart_and_its_xlsx(
    running_bot: RunningBot, bot_api: FakeBotApi
) -> None:
    app = running_bot.app
    sri = vp.Person(vp.nip(900), "Sri Wahyuni", "Biro Umum", roles=("pegawai", "atasan"), items=0)
    team = [vp.Person(vp.nip(n), f"Pegawai {n:02d}", "Biro Umum", supervisor=sri.nip)
            for n in range(2)]  # fmt: skip
    org = vp.Organisation([*team, sri])
    async with app.engine.begin() as connection:
        await vp.write(connection, org)
        await checkin_rows.sent(connection, 1, 1, {1: {"status": "terlaksana", "jp_realized": 20}})
    supervisor = await bound(app, bot_api, 8101, sri.nip, "Sri")

    own, team_text, photo = await supervisor.say("/progres", expect=3)
    assert "Belum ada rencana tahun 2026" in own.text  # Sri has no plan of her own
    assert "tim Anda" in team_text.text and "Pegawai 00: 20/32 JP" in team_text.text
    assert photo.method == "sendPhoto" and photo.document is not None
    png_size(photo.document.content)
    _said, workbook = await supervisor.press("📊 Unduh XLSX", expect=2)
    assert workbook.document is not None
    rows = sheets(workbook.document.content)["Ringkasan"]
    assert [r[:6] for r in rows[1:]] == [("Pegawai 01", 1, 1, 0, 32, 0),  # furthest behind
                                         ("Pegawai 00", 1, 1, 0, 32, 20),
                                         ("Semua", 2, 2, 0, 64, 20)]  # fmt: skip
