"""Files sent to the bot in Telegram: Rahmat of the steering board sends the year's priority
competencies as a CSV — the good rows are loaded, the bad one is named with its row number;
Hendra sends his own guide captioned "/dialog panduan" and everyone receives that file; a
file from Budi gets a sentence saying what the bot takes."""

from __future__ import annotations

from tests.channels.conftest import Person, RunningBot, demo_person
from tests.channels.dialog_steps import bound as person
from tests.delivery_support import start_sender
from tests.fake_telegram import FakeBotApi, Upload

HENDRA, RAHMAT = "197002151995031001", "198801012012011006"
PRIORITIES = (
    b"tahun,unit_kerja,kompetensi,keterangan\n"
    b"2026,,Pelayanan Publik,Arah pembelajaran 2026\n"
    b"20x6,,Mengelola Perubahan,tahun salah\n"
    b"2026,Balai Diklat Makassar,Analisis Data Pembelajaran,\n"
)


async def sends(someone: Person, upload: Upload, caption: str | None = None) -> str:
    before = len(someone.api.sent_to(someone.user.id))
    await someone.api.send_document(someone.user, upload, caption)
    [answer] = (await someone.api.wait_for(someone.user.id, before + 1))[before:]
    return answer.text


async def test_priorities_and_a_guide_sent_as_files(
    running_bot: RunningBot, bot_api: FakeBotApi
) -> None:
    app = running_bot.app
    budi = await demo_person(app, bot_api, 5001)
    rahmat = await person(app, bot_api, 7001, RAHMAT, "Rahmat")
    hendra = await person(app, bot_api, 8001, HENDRA, "Hendra")

    loaded = await sends(rahmat, Upload("prioritas-2026.csv", "text/csv", PRIORITIES))
    assert "2 kompetensi prioritas dimuat" in loaded and "1 baris ditolak" in loaded
    assert "Baris 3: tahun harus berupa tahun empat angka" in loaded
    async with app.uow() as uow:
        stored = await uow.reference.priorities(2026, "Balai Diklat Makassar")
    assert {p.kompetensi for p in stored} == {"Pelayanan Publik", "Analisis Data Pembelajaran"}

    not_a_table = await sends(rahmat, Upload("prioritas.pdf", "application/pdf", b"%PDF-1.4"))
    assert "tidak saya ketahui" in not_a_table and ".csv atau .xlsx" in not_a_table

    guide = Upload("Panduan Dialog 2026.pdf", "application/pdf", b"%PDF-1.4 panduan")
    published = await sends(hendra, guide, caption="/dialog panduan")
    assert "Panduan Dialog 2026.pdf" in published and "dikirim ke 6 orang" in published
    sender = await start_sender(app)
    try:
        await sender.send_due()
    finally:
        await sender.channel.close()
    notice, document = bot_api.sent_to(budi.user.id)[-2:]
    assert "Panduan dialog kinerja tahun 2026" in notice.text
    assert document.document is not None and document.document.content == guide.content
    assert document.document.name == "Panduan Dialog 2026.pdf"

    refused = await sends(budi, Upload("catatan.txt", "text/plain", b"halo"))
    assert refused == "Berkas ini tidak saya ketahui untuk apa."
