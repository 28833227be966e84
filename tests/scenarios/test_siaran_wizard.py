"""Hendra, the learning coordinator, sets up a broadcast step by step in Telegram: he picks
an audience, writes the text, schedules it, checks the preview and sends it; he lists and
cancels it. Budi, an employee, is refused."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from bot import admin
from handlers import broadcast
from storage.models import EmployeeRow
from storage.outbox import OutboxRow
from tests.channels.conftest import Person, RunningBot, invite_code
from tests.conftest import FakeClock
from tests.fake_telegram import FakeBotApi
from tests.scenarios.drivers import TelegramDriver

HENDRA = "197002151995031001"
BUDI = "199004172015031003"


async def person(
    running_bot: RunningBot, bot_api: FakeBotApi, user_id: int, nip: str
) -> TelegramDriver:
    someone = Person(bot_api, bot_api.user(user_id, nip[-3:]))
    await someone.say(f"/start {await invite_code(running_bot.app, nip)}")
    return TelegramDriver(someone)


@pytest.fixture
async def demo(running_bot: RunningBot) -> None:
    await admin.seed_demo(running_bot.app)


async def test_a_coordinator_schedules_previews_sends_and_cancels_a_broadcast(
    running_bot: RunningBot, bot_api: FakeBotApi, demo: None
) -> None:
    hendra = await person(running_bot, bot_api, 6001, HENDRA)
    screen = await hendra.type("/siaran", expect=2)
    assert "Siaran" in screen.texts[0] and "untuk siapa" in screen.last
    await hendra.press("Satu unit kerja")
    screen = await hendra.type("Pusat Pengembangan Kompetensi x", expect=2)
    assert "tidak ada di data organisasi" in screen.texts[0]
    await hendra.press("Pusat Pengembangan Kompetensi")
    await hendra.type("Batas pengisian Formulir 1: <b>15 Januari</b> & jangan lupa dialog kinerja.")
    await hendra.press("Jadwalkan tanggal dan jam")
    screen = await hendra.type("1-1-2020 09:00", expect=2)
    assert "sudah lewat" in screen.texts[0]
    screen = await hendra.type("31-11-2026 09:00", expect=2)
    assert "Tanggal itu tidak ada di kalender" in screen.texts[0]
    screen = await hendra.type("1/12/2026 09.00")
    assert "Pratinjau siaran" in screen.last and "Penerima saat ini: 5 orang" in screen.last
    assert "1 Desember 2026 pukul 09:00 waktu setempat" in screen.last
    assert "<b>15 Januari</b> & jangan" in screen.last  # shown as typed, not as markup

    screen = await hendra.press("📣 Kirim siaran")
    assert (
        "untuk 5 orang (unit kerja Pusat Pengembangan Kompetensi) dijadwalkan 1 Desember 2026 "
        "pukul 09:00 waktu setempat setiap penerima"
    ) in screen.last
    async with running_bot.app.uow() as uow:
        [scheduled] = await uow.broadcasts.open()
    assert scheduled.recipients == 5 and scheduled.status == "scheduled"

    screen = await hendra.type("/siaran daftar")
    assert f"#{scheduled.id}" in screen.last
    assert "terjadwal 1 Desember 2026 pukul 09:00 waktu setempat" in screen.last
    screen = await hendra.press(f"✖ Batalkan #{scheduled.id}")
    assert "5 pesan tidak akan dikirim" in screen.last
    screen = await hendra.type("/siaran", expect=2)  # a new wizard starts afresh
    assert "untuk siapa" in screen.last and "Jawaban Anda sekarang" not in screen.last


async def test_an_employee_may_not_broadcast(
    running_bot: RunningBot, bot_api: FakeBotApi, demo: None
) -> None:
    budi = await person(running_bot, bot_api, 6002, BUDI)
    screen = await budi.type("/siaran")
    assert "Hanya koordinator pembelajaran dan admin" in screen.last
    async with running_bot.app.uow() as uow:
        with pytest.raises(broadcast.BroadcastRefused):
            await broadcast.open_broadcasts(uow, await uow.employees.by_nip(BUDI))  # type: ignore[arg-type]


async def test_a_coordinator_sets_a_formulir1_reminder_in_the_chat(
    running_bot: RunningBot, bot_api: FakeBotApi, demo: None
) -> None:
    hendra = await person(running_bot, bot_api, 6003, HENDRA)
    screen = await hendra.type("/pengingat", expect=2)
    assert "Pengingat Formulir 1" in screen.texts[0] and "Ingatkan siapa" in screen.last
    await hendra.press("Belum mengirim Formulir 1")
    screen = await hendra.type("31-2-2027", expect=2)
    assert "Tanggal itu tidak ada di kalender" in screen.texts[0]
    screen = await hendra.type("besok", expect=2)
    assert "Tanggal tidak dikenali" in screen.texts[0]
    await hendra.type("16-1-2027")  # a Saturday
    screen = await hendra.type("jam sembilan", expect=2)
    assert "Jam tidak dikenali" in screen.texts[0]
    await hendra.type("09:00")
    screen = await hendra.type("10-1-2027", expect=2)
    assert "tidak boleh sebelum" in screen.texts[0]
    screen = await hendra.type("31-1-2027")
    assert "Saat ini 6 pegawai" in screen.last  # nobody has submitted yet
    assert (
        "Dikirim 18 Januari 2027 pukul 09:00 waktu setempat setiap penerima (karena tanggal itu "
        "bukan hari kerja)"
    ) in screen.last
    screen = await hendra.press("⏰ Simpan pengingat")
    assert "dijadwalkan 16 Januari 2027 pukul 09:00" in screen.last
    assert "bukan hari kerja, pengingat dikirim 18 Januari 2027 pukul 09:00" in screen.last
    async with running_bot.app.uow() as uow:
        [(reminder, _)] = await uow.reminders.listing()
    assert reminder.audience == "stage:not_submitted:2027"  # the plans of the reminder's year
    assert reminder.template == "reminder/formulir1_not_submitted"

    screen = await hendra.type("/pengingat daftar")
    listed = (f"#{reminder.id} · belum mengirim Formulir 1 2027 · 18 Januari 2027 pukul 09:00 "
              "waktu setempat (diminta 16 Januari 2027 pukul 09:00)")  # fmt: skip
    assert listed in screen.last
    screen = await hendra.press(f"✖ Hapus #{reminder.id}")
    assert f"Pengingat #{reminder.id} dihapus" in screen.last
    async with running_bot.app.uow() as uow:
        assert await uow.reminders.listing() == []
    screen = await hendra.type("/pengingat daftar")
    assert "Tidak ada pengingat yang menunggu dikirim" in screen.last


async def test_a_reminder_set_for_the_night_says_it_waits_for_the_morning(
    running_bot: RunningBot, bot_api: FakeBotApi, demo: None
) -> None:
    hendra = await person(running_bot, bot_api, 6004, HENDRA)
    await hendra.type("/pengingat", expect=2)
    await hendra.press("Belum mulai mengisi Formulir 1")
    await hendra.type("15-1-2027")  # a Friday
    screen = await hendra.type("22:30", expect=2)
    assert "Pukul 22:30 termasuk jam tenang (21:00–07:00)" in screen.texts[0]
    assert "akan sampai 18 Januari 2027 pukul 07:00 waktu setempat" in screen.texts[0]
    await hendra.type("/lewati")
    screen = await hendra.press("⏰ Simpan pengingat")
    assert (
        "Karena pukul 22:30 termasuk jam tenang, pengingat dikirim 18 Januari 2027 pukul 07:00"
    ) in screen.last  # Saturday 07:00 is no working day either: Monday


async def test_an_employee_may_not_list_or_remove_reminders(
    running_bot: RunningBot, bot_api: FakeBotApi, demo: None
) -> None:
    budi = await person(running_bot, bot_api, 6005, BUDI)
    screen = await budi.type("/pengingat daftar")
    assert "Hanya koordinator pembelajaran dan admin" in screen.last
    [refused] = await budi.person.press_payload("rm:remove:1")
    assert "Hanya koordinator pembelajaran dan admin" in refused.text


async def test_a_paused_broadcast_says_how_to_resume_it(
    running_bot: RunningBot, bot_api: FakeBotApi, demo: None
) -> None:
    hendra = await person(running_bot, bot_api, 6006, HENDRA)
    await hendra.type("/siaran", expect=2)
    screen = await hendra.type("/batal")
    assert "ketik /siaran kapan saja untuk melanjutkan" in screen.last
    screen = await hendra.type("/siaran", expect=2)
    assert "untuk siapa" in screen.last


async def test_a_broadcast_sent_now_in_the_evening_waits_for_the_morning_where_it_is_night(
    running_bot: RunningBot, bot_api: FakeBotApi, demo: None, clock: FakeClock
) -> None:
    clock.current = datetime(2026, 12, 3, 13, 30, tzinfo=UTC)  # 20:30 WIB, 21:30 in Makassar
    hendra = await person(running_bot, bot_api, 6007, HENDRA)
    await hendra.type("/siaran", expect=2)
    await hendra.press("Semua pegawai")
    await hendra.type("Rapat IDP besok pukul 08.00 di aula.")
    screen = await hendra.press("Kirim sekarang")
    night = (
        "⚠️ WITA: sekarang jam tenang di sana (21:00–07:00) — penerima di zona itu "
        "mendapatkannya 4 Desember 2026 pukul 07:00 waktu setempat."
    )
    assert "Pratinjau siaran" in screen.last and night in screen.last
    assert "WIB" not in screen.last, "Jakarta gets it now: nothing to say"

    screen = await hendra.press("📣 Kirim siaran")
    assert "sedang dikirim" in screen.last and night in screen.last
    async with running_bot.app.engine.connect() as connection:
        makassar = await connection.scalar(
            select(OutboxRow.due_at).join(EmployeeRow, EmployeeRow.id == OutboxRow.employee_id)
            .where(EmployeeRow.zona_waktu == "WITA")
        )  # fmt: skip
    assert makassar == datetime(2026, 12, 3, 23, 0, tzinfo=UTC)
