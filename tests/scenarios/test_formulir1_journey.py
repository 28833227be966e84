"""Budi fills his Formulir 1 from the first question to submission — wrong answers, going
back, a stale button, changing an answer from the review, the bot restarted halfway — on
the terminal channel and on Telegram (the real PTB Application against the fake Bot API)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass

import pytest
from sqlalchemy import select

from bot import admin
from bot.app import App, bootstrap
from bot.config import Settings
from handlers.effects import Incoming
from handlers.ports import Priority
from storage.models import EmployeeRow
from storage.outbox import OutboxRow
from tests.channels.conftest import Person, RunningBot, invite_code, reset_postgres
from tests.conftest import FakeClock, open_story_cycle
from tests.fake_telegram import FakeBotApi
from tests.scenarios.drivers import ConsoleDriver, Driver, TelegramDriver

BUDI = "199004172015031003"
SRI = "198206202008012002"  # Budi's supervisor
GAP_KOMUNIKASI = "Komunikasi (0→2)"  # on its button; in full in the message:
GAP_KOMUNIKASI_LISTED = "⭐ Komunikasi (kesenjangan 2: 0→2)"


@dataclass
class Channel:
    """A driver for Budi, and a way to restart the bot under him (same database)."""

    driver: Driver
    restart: Callable[[], Awaitable[None]]
    press_stale: Callable[[], Awaitable[list[str]]]
    supervisor_notices: Callable[[], Awaitable[list[str]]]


async def fill_a_and_b(budi: Driver) -> None:
    screen = await budi.type("/isi", expect=2)
    assert "Formulir 1" in screen.texts[0] and "Budi Santoso" in screen.last
    screen = await budi.press("✏ Pendidikan")
    assert "Ketik Pendidikan yang benar" in screen.last
    screen = await budi.type("S2 Psikologi")
    assert "S2 Psikologi" in screen.last
    await budi.press("✏ NIP")
    screen = await budi.type("12345", expect=2)
    assert "NIP harus 18 angka" in screen.text and "Ketik NIP yang benar" in screen.last
    await budi.type("199004172015031099")
    screen = await budi.press("✔ Data sudah benar", expect=2)
    assert "dikirim ke admin" in screen.texts[0] and "Dasar 1" in screen.last
    await fill_b(budi)


async def fill_b(budi: Driver) -> None:
    """Section B's bases, from "Dasar 1" to the self-assessment's first competency."""
    screen = await budi.press("Ada")
    assert screen.buttons[:2] == ["Integritas", "Transformasi Digital"]  # the board's priorities
    await budi.press("Transformasi Digital")
    screen = await budi.type("Digitalisasi layanan kepegawaian")
    assert "Digitalisasi layanan kepegawaian" in screen.last
    assert "✓ Transformasi Digital" in screen.buttons
    screen = await budi.press("✔ Selesai")
    assert "1.2" in screen.last
    screen = await budi.type("/lewati")
    assert "Dasar 2" in screen.last
    await budi.press("Tidak Ada")
    await budi.press("Ada")  # basis 3
    await budi.type("SKP 2026: tiga sasaran terkait analisis jabatan")
    screen = await budi.type("x" * 3000, expect=2)
    assert "terlalu panjang" in screen.texts[0] and "3.2" in screen.last
    await budi.type("Penilaian kinerja 2025: Baik")
    await budi.press("Ada")  # basis 4
    screen = await budi.type("tahun lalu", expect=2)
    assert "Mohon ketik tahun" in screen.texts[0]
    await budi.type("2024")
    screen = await budi.type("Kompetensi komunikasi belum memenuhi standar")
    assert "Penilaian mandiri kompetensi (opsional)" in screen.last
    screen = await budi.press("Ya, nilai diri sekarang")
    assert "Penilaian mandiri: Integritas" in screen.last


async def notices_for(app: App, nip: str) -> list[str]:
    """The templates of the messages queued for ``nip`` in the outbox."""
    async with app.engine.connect() as connection:
        rows = await connection.execute(
            select(OutboxRow.template)
            .join(EmployeeRow, EmployeeRow.id == OutboxRow.employee_id)
            .where(EmployeeRow.nip == nip)
        )
        return [template for (template,) in rows]


async def publish_priorities(app: App, year: int = 2026) -> None:
    """The steering board's priorities for ``year``: one agency-wide, one for Budi's unit."""
    async with app.uow() as uow:
        await uow.reference.save_priorities(
            [
                Priority(year, None, "Integritas", "integritas", ""),
                Priority(year, "Pusat Pengembangan Kompetensi", "Transformasi Digital", None, ""),
            ],
            replace_years=False,
        )
        await uow.commit()


async def rate_and_plan(
    budi: Driver,
    gaps: tuple[str, str, str] = (
        GAP_KOMUNIKASI,
        GAP_KOMUNIKASI_LISTED,
        "Orientasi pada Hasil (1→2)",
    ),
) -> None:
    """Rate the self-assessment; ``gaps``: the communication gap's button, its line in the
    message, and the button after it (they depend on the position's standard levels)."""
    gap, listed, after = gaps
    ratings = {"Komunikasi": "0 · belum", "Orientasi pada Hasil": "1"}
    for _ in range(9):
        asked = budi.screen.last
        screen = await budi.press(next((v for k, v in ratings.items() if f": {k} ·" in asked), "2"))
    assert "4.2 Kebutuhan kompetensi manajerial" in screen.last
    assert screen.buttons[:2] == [f"⭐ {gap}", after]
    assert f"1. {listed}" in screen.last
    await budi.press(gap)
    await budi.press("✔ Selesai")
    await budi.type("/lewati")  # no socio-cultural gap
    await budi.type("/lewati")  # no technical gap
    screen = await budi.press("Tidak Ada")  # basis 5
    assert "Item ini relevan" in screen.last


async def fill_item(budi: Driver, jp: str, gap: str = GAP_KOMUNIKASI) -> None:
    screen = await budi.press("3.1")  # the code on the button, its name in the message
    assert "1. 1.1 Arah pembelajaran instansi" in screen.last
    await budi.press("✔ Selesai")
    await budi.type("Mampu memimpin rapat koordinasi dengan jelas")
    await budi.type("Notulen dan tindak lanjut rapat bulanan")
    await budi.press("Manajerial")
    await budi.press(gap)
    screen = await budi.press("Keterampilan / perilaku")
    assert "⭐" in screen.last
    screen = await budi.press("Sosial")
    assert "Mentoring" in screen.last
    await budi.press("Mentoring")
    await budi.type("Kepala Bidang Pelatihan")
    screen = await budi.type("Maret-Mei", expect=2)  # on 29 November: a note, then on
    assert "Maret–Mei 2026 sudah lewat" in screen.texts[0]
    assert "level pelaksanaan" in screen.last
    await budi.press("Teknis (di unit kerja)")
    await budi.type("Bidang Pelatihan")
    screen = await budi.type("banyak", expect=2)
    assert "angka bulat" in screen.texts[0]
    await budi.type(jp)


async def journey(channel: Channel) -> None:
    budi = channel.driver
    await fill_a_and_b(budi)
    await rate_and_plan(budi)
    await channel.restart()  # the bot restarts halfway: nothing is lost
    screen = await budi.type("/isi", expect=2)
    assert "Melanjutkan" in screen.texts[0] and "Item ini relevan" in screen.last
    await fill_item(budi, "16")
    screen = await budi.press("Tidak")  # no further item
    assert "Ringkasan Formulir 1" in screen.last
    assert "Jam pelajaran (JP) direncanakan: 16" in screen.last
    assert "di bawahnya" in screen.last  # PNS: at least 20 JP, shown not enforced

    stale = await channel.press_stale()
    assert any("pertanyaan sebelumnya" in text or text == "form/stale_button" for text in stale)

    await budi.press("✏ Ubah jawaban")
    await budi.press("C. Usulan Rencana Pengembangan Kompetensi 1")
    screen = await budi.press("13. Jam pelajaran (JP)")
    assert "Jawaban Anda sekarang: 16" in screen.last
    screen = await budi.type("24")
    assert "Jam pelajaran (JP) direncanakan: 24" in screen.last

    screen = await budi.press("📨 Kirim untuk dialog kinerja")
    assert "terkirim" in screen.last and "Sri Wahyuni" in screen.last
    assert await channel.supervisor_notices() == ["form1/supervisor_notice"]
    screen = await budi.type("/rencana", expect=2)
    assert "terkirim" in screen.texts[0] and "Mentoring" in screen.last
    screen = await budi.type("/isi")
    assert "hanya bisa dibaca" in screen.last


@pytest.fixture
async def console_channel(settings: Settings, clock: FakeClock) -> AsyncIterator[Channel]:
    apps: list[App] = [await bootstrap(settings, clock=clock)]
    await reset_postgres(apps[0])
    await open_story_cycle(apps[0])
    await admin.seed_demo(apps[0])
    await publish_priorities(apps[0])
    await admin.bind_console(apps[0], BUDI)
    budi = ConsoleDriver(apps[0].conversation, BUDI)

    async def restart() -> None:
        await apps[-1].close()
        apps.append(await bootstrap(settings, clock=clock))
        budi.__init__(apps[-1].conversation, BUDI)  # type: ignore[misc]

    async def press_stale() -> list[str]:
        # The terminal always numbers the current buttons; an old payload can only arrive
        # forged, so send one: the first question's "confirm" of this session.
        stale = Incoming("console", BUDI, payload="f:1:1:ok")
        return [r.text.template for r in await apps[-1].conversation.handle(stale)]

    yield Channel(budi, restart, press_stale, lambda: notices_for(apps[-1], SRI))
    await apps[-1].close()


@pytest.fixture
async def telegram_channel(
    telegram_settings: Settings, clock: FakeClock, bot_api: FakeBotApi
) -> AsyncIterator[Channel]:
    app = await bootstrap(telegram_settings, clock=clock)
    await reset_postgres(app)
    await open_story_cycle(app)
    await admin.seed_demo(app)
    await publish_priorities(app)
    bots = [await RunningBot(app).start()]
    person = Person(bot_api, bot_api.user(5001, "Budi"))
    await person.say(f"/start {await invite_code(app, BUDI)}")

    async def restart() -> None:
        await bots[-1].close()
        bots.append(await RunningBot(app).start())  # a new Application, same database

    async def press_stale() -> list[str]:
        first_keyboard = next(m for m in bot_api.sent_to(person.user.id) if m.buttons)
        before = len(bot_api.sent_to(person.user.id))
        await bot_api.press(person.user, first_keyboard.buttons[0][1], on=first_keyboard)
        return [m.text for m in (await bot_api.wait_for(person.user.id, before + 2))[before:]]

    yield Channel(TelegramDriver(person), restart, press_stale, lambda: notices_for(app, SRI))
    await bots[-1].close()
    await app.close()


async def test_budi_fills_formulir1_in_the_terminal(console_channel: Channel) -> None:
    await journey(console_channel)


async def test_budi_fills_formulir1_in_telegram(telegram_channel: Channel) -> None:
    await journey(telegram_channel)
