"""Without a Telegram bot, the terminal is everyone's mailbox: what the bot queues for anyone
is shown there after each input, headed by whom it is for, and marked sent — so one person
trying the demo sees the whole cycle (a change request reaches the admin, the decision
reaches the employee, a broadcast reaches its audience and the report its sender)."""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import date, time

from sqlalchemy import func, select

from bot import admin
from bot.app import App
from bot.channels.console import ConsoleChannel
from bot.channels.terminal_mail import TerminalMail
from handlers import reminders
from handlers.broadcast import Operator
from handlers.effects import Msg
from handlers.notify import Notify, notify
from storage.outbox import OutboxRow
from tests.conftest import FakeClock

HENDRA = "197002151995031001"  # admin and coordinator in the demo
BUDI = "199004172015031003"


class Terminal:
    """``idp-bot chat --as NIP`` with no token: typed lines in, the screen as text out."""

    def __init__(self, app: App, nip: str, lines: list[str]) -> None:
        self.out = io.StringIO()
        self._lines: Iterator[str] = iter(lines)
        self.channel = ConsoleChannel(app.conversation, nip, self._read, self.out)
        self.app, self.nip = app, nip

    async def _read(self) -> str | None:
        return next(self._lines, None)

    async def run(self) -> str:
        person = await admin.bind_console(self.app, self.nip)
        assert person is not None
        mail = TerminalMail(self.app, person.id, self.out, self.channel.show)
        self.channel.after = mail.deliver
        await self.channel.run()
        return self.out.getvalue()


async def pending(app: App) -> int:
    async with app.engine.connect() as connection:
        query = select(func.count()).where(OutboxRow.status.in_(["pending", "sending"]))
        return int(await connection.scalar(query) or 0)


async def test_a_change_request_and_its_decision_arrive_in_the_terminal(app: App) -> None:
    await admin.seed_demo(app)
    budi = await Terminal(app, BUDI, ["/isi", "8", "Balai Diklat Makassar", "benar"]).run()
    assert "📨 Pesan bot untuk Dr. Hendra Wijaya:" in budi
    assert "Unit kerja: Pusat Pengembangan Kompetensi → Balai Diklat Makassar" in budi
    assert f"untuk menekannya: idp-bot chat --as {HENDRA}" in budi
    assert await pending(app) == 0

    # Hendra's own buttons work in his terminal: 1 presses "✔ Setujui" on the listed request
    hendra = await Terminal(app, HENDRA, ["/perubahan", "1"]).run()
    assert "Permintaan #1 disetujui" in hendra
    assert "📨 Pesan bot untuk Budi Santoso:" in hendra
    assert "Admin menyetujui perubahan Unit kerja Anda: kini Balai Diklat Makassar" in hendra
    assert await pending(app) == 0


async def test_a_broadcast_reaches_its_audience_and_the_report_its_sender(app: App) -> None:
    await admin.seed_demo(app)
    lines = ["/siaran", "2", "Balai Diklat Makassar", "Rapat IDP Senin.", "1", "1"]
    hendra = await Terminal(app, HENDRA, lines).run()
    assert hendra.count("Rapat IDP Senin.") >= 2  # the preview, then each recipient
    assert "📨 Pesan bot untuk Rahmat Hidayat:" in hendra
    assert "📬 Pesan bot untuk Anda:\nLaporan siaran #1" in hendra
    assert "Laporan siaran #1 (unit kerja Balai Diklat Makassar)" in hendra
    assert "Terkirim: 1" in hendra
    assert await pending(app) == 0


async def test_a_reminder_that_fell_due_shows_when_the_terminal_opens(
    app: App, clock: FakeClock
) -> None:
    await admin.seed_demo(app)
    async with app.uow() as uow:  # Monday 30 November 2026, 09:00 in each zone
        await reminders.add(uow, Operator(), "stage:not_started", "formulir1_not_started",
                            date(2026, 11, 30), time(9), None, clock.now(), 2026)  # fmt: skip
    clock.advance(days=1, hours=8)
    budi = await Terminal(app, BUDI, []).run()
    assert "📬 Pesan bot untuk Anda:" in budi
    assert "Formulir 1" in budi.split("📬 Pesan bot untuk Anda:", 1)[1]


async def test_the_terminal_leaves_alone_what_telegram_is_to_deliver(app: App) -> None:
    """An operator's terminal without a token on a shared database: Budi is bound to
    Telegram, so his notice stays queued for the Telegram sender; nor is it shown here."""
    await admin.seed_demo(app)
    async with app.uow() as uow:
        budi = await uow.employees.by_nip(BUDI)
        assert budi is not None
        await uow.accounts.bind("telegram", "7001", budi.id, "7001", app.clock.now())
        note = Msg("change/outcome", {"status": "approved", "field": "unit_kerja", "old": "A",
                                      "new": "B"})  # fmt: skip
        await notify(uow, Notify(budi.id, note, dedupe_key="for-telegram"), app.clock.now())
        await uow.commit()
    shown = await Terminal(app, HENDRA, ["/bantuan"]).run()
    assert "Budi Santoso" not in shown.split("Yang bisa Anda lakukan", 1)[0]
    assert "📨" not in shown
    assert await pending(app) == 1


async def test_a_message_that_cannot_be_shown_is_set_aside_and_the_chat_goes_on(app: App) -> None:
    await admin.seed_demo(app)
    async with app.uow() as uow:
        sri = await uow.employees.by_nip("198206202008012002")
        assert sri is not None
        broken = Msg("broadcast/report", {"id": 1})  # a context from an older release
        await notify(uow, Notify(sri.id, broken, dedupe_key="broken"), app.clock.now())
        await uow.commit()
    shown = await Terminal(app, HENDRA, ["/bantuan", "/profil"]).run()
    assert "Data diri" in shown or "NIP" in shown  # /profil still answered
    async with app.engine.connect() as connection:
        row = (await connection.execute(select(OutboxRow.status, OutboxRow.last_error))).one()
    assert row == ("failed", "template: UndefinedError")


async def test_the_mailbox_lines_are_in_the_language_of_whoever_reads_the_terminal(
    app: App,
) -> None:
    await admin.seed_demo(app)
    lines = ["/bahasa en", "/isi", "8", "Balai Diklat Makassar", "1"]
    budi = await Terminal(app, BUDI, lines).run()
    assert "📨 The bot's message to Dr. Hendra Wijaya:" in budi
    assert "Setujui atau tolak" in budi  # Hendra's message stays in his language
    assert f"(buttons: ✔ Setujui · ✖ Tolak — to press them: idp-bot chat --as {HENDRA})" in budi
    assert "Pesan bot untuk" not in budi and "untuk menekannya" not in budi
