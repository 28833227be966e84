"""The terminal as everyone's mailbox, when no Telegram bot is configured (the demo, a trial
on a laptop): after each input, what the bot queued for anyone — a supervisor's notice, an
admin's change request, a reminder, a broadcast and its report — is shown in the terminal,
headed by whom it is for, and marked sent as Telegram's deliveries are. One person plays
every role there, so they see the whole cycle.

It takes the rows queued for terminal accounts and for people with no account; rows for a
Telegram account are the Telegram sender's, even when both run on one database.
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TextIO

import messages
from bot.app import App
from bot.channels.console import file_line
from bot.channels.registry import Failure, Limits, Part
from bot.outgoing import render_reply
from bot.scheduler import SCANS, scan
from bot.sender import OutboxSender, pacer_for
from handlers import broadcast
from handlers.effects import Msg, Reply
from handlers.outbox import OutboxItem

log = logging.getLogger(__name__)

CHANNEL = "console"


@dataclass(frozen=True)
class Mail:
    """A message for the terminal: the reply (its buttons work for the person at the
    terminal) and whom it is for."""

    employee_id: int
    reply: Reply
    labels: tuple[str, ...]


class TerminalMail:
    """The terminal's :class:`~bot.channels.registry.ChannelSender`: plain text, no length
    limit, and a mailbox (it shows what is queued for people with no account)."""

    name = CHANNEL
    errors: tuple[type[Exception], ...] = (OSError,)
    mailbox = True
    limits = Limits(overall=1000.0, per_chat=1000.0, text=None)

    def __init__(self, app: App, me: int, out: TextIO, show_mine: Callable[[Reply], None]) -> None:
        """``show_mine`` shows a message to the person at the terminal (its buttons work);
        messages for anyone else are printed without buttons (pressing them here would act
        as the wrong person)."""
        self.app, self.me, self.out, self.show_mine = app, me, out, show_mine
        self.sender = OutboxSender(
            app, self, pacer_for(self), f"terminal-{uuid.uuid4().hex[:12]}", unbound=True
        )

    async def deliver(self) -> int:
        """Run the scheduler's scans (reminders, nudges, digests, check-ins), close finished
        broadcasts (their reports are queued), and show everything due; the number shown."""
        for job in SCANS:
            await scan(self.app, None, job)
        before = self.sender.stats.sent
        while True:
            await self._close_finished_broadcasts()
            if not await self.sender.send_due():
                return self.sender.stats.sent - before

    def parts(self, item: OutboxItem) -> Sequence[Part]:
        """One part: a rendering error is raised here, so the row is settled as rejected,
        as on every channel."""
        reply = Reply(Msg(item.template, item.context), item.locale, item.buttons,
                      attachment=item.attachment)  # fmt: skip
        rendered = render_reply(reply)
        labels = tuple(label for row in rendered.buttons for label, _ in row)
        return [Part(self.text(rendered.text), Mail(item.employee_id, reply, labels))]

    def text(self, rendered: str) -> str:
        return messages.to_plain_text(rendered)

    async def send(self, address: str | None, part: Part) -> str:
        mail: Mail = part.markup
        if mail.employee_id == self.me:
            self._say(Msg("cli/mail_for", {"name": None}), mail.reply.locale)
            self.show_mine(mail.reply)
            return ""
        async with self.app.uow() as uow:
            recipient = await uow.employees.by_id(mail.employee_id)
            reader = await uow.employees.by_id(self.me)
        # the lines around the message are for the person at the terminal, in their language
        locale = reader.bahasa if reader else self.app.settings.default_locale
        name = recipient.nama if recipient else "?"
        self._say(Msg("cli/mail_for", {"name": name}), locale)
        self.out.write(part.text + "\n")
        if mail.labels and recipient is not None:
            self._say(Msg("cli/mail_buttons", {"labels": mail.labels, "nip": recipient.nip}),
                      locale)  # fmt: skip
        if mail.reply.attachment is not None:
            self.out.write(file_line(mail.reply.attachment, locale) + "\n")
        self.out.write("\n")
        return ""

    async def edit(self, ref: str, text: str) -> bool:
        return False  # what is printed stays printed

    def failure(self, error: Exception) -> Failure:
        return Failure.failed(f"terminal: {type(error).__name__}")

    async def upkeep(self, app: App, stop: asyncio.Event) -> None:
        await stop.wait()  # nothing to keep up to date

    async def close(self) -> None:
        return None

    def _say(self, text: Msg, locale: str) -> None:
        rendered = messages.render(text.template, locale, text.context)
        self.out.write(messages.to_plain_text(rendered) + "\n")

    async def _close_finished_broadcasts(self) -> None:
        async with self.app.uow() as uow:
            await broadcast.finish_completed(uow, self.app.clock.now())
