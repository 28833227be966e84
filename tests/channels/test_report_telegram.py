"""The check-in figures in Telegram: Hendra, the learning coordinator, types
``/progres checkin`` and receives the units' figures, then the chart as a photo; he presses
"Unduh XLSX" and receives the workbook, whose numbers are the rows' (real
python-telegram-bot against the fake Bot API)."""

from __future__ import annotations

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
    hendra = await bound(app, bot_api, 8001, org.people[0].nip, "Hendra")

    text, photo = await hendra.say("/progres checkin", expect=2)
    assert "Check-in 2026: per unit kerja" in text.text
    assert "Biro Umum: 0/64 JP" in text.text and "Pusat Data: 0/32 JP" in text.text
    assert photo.method == "sendPhoto" and photo.document is not None
    png_size(photo.document.content)
    assert ("📊 Unduh XLSX", "report:xlsx:units") in text.buttons

    said, workbook = await hendra.press("📊 Unduh XLSX", expect=2)
    assert "sebagai XLSX" in said.text
    assert workbook.method == "sendDocument" and workbook.document is not None
    assert workbook.document.name == "progres-units-2026.xlsx"
    rows = sheets(workbook.document.content)["Ringkasan"]
    assert [r[:7] for r in rows[1:]] == [("Biro Umum", 2, 2, 0, 64, 0, 40),
                                         ("Pusat Data", 1, 1, 0, 32, 0, 20),
                                         ("Semua", 3, 3, 0, 96, 0, 60)]  # fmt: skip
