"""The terminal as everyone's mailbox, when no Telegram bot is configured (the demo, a trial
on a laptop): after each input, what the bot queued for anyone — a supervisor's notice, an
admin's change request, a reminder, a broadcast and its report — is shown in the terminal,
headed by whom it is for, and marked sent as Telegram's deliveries are. One person plays
every role there, so they see the whole cycle.

With a Telegram token this never runs: the outbox then belongs to the Telegram sender.
"""

from __future__ import annotations

import logging
import random
import uuid
from collections.abc import Callable
from datetime import timedelta
from typing import TextIO

from jinja2 import TemplateError

import messages
from bot.app import App
from bot.channels.console import file_line
from bot.outgoing import render_reply
from bot.scheduler import scan_reminders
from bot.sender import retry_policy
from handlers import broadcast
from handlers.delivery import Attempt, Outcome, RecordingTime, record_attempts
from handlers.effects import Msg, Reply
from handlers.outbox import OutboxItem

log = logging.getLogger(__name__)

CHANNEL, TELEGRAM = "console", "telegram"
BATCH = 50
LEASE = timedelta(minutes=1)


class TerminalMail:
    def __init__(self, app: App, me: int, out: TextIO, show_mine: Callable[[Reply], None]) -> None:
        """``show_mine`` shows a message to the person at the terminal (its buttons work);
        messages for anyone else are printed without buttons (pressing them here would act
        as the wrong person)."""
        self.app, self.me, self.out, self.show_mine = app, me, out, show_mine
        self.worker = f"terminal-{uuid.uuid4().hex[:12]}"
        self.policy = retry_policy(app.settings)

    async def deliver(self) -> int:
        """Queue due reminders, close finished broadcasts (their reports are queued), and
        show everything due; the number of messages shown."""
        await scan_reminders(self.app, None)
        shown = 0
        while True:
            await self._close_finished_broadcasts()
            async with self.app.uow() as uow:
                items = await uow.outbox.claim(
                    CHANNEL, self.worker, self.app.clock.now(), LEASE, BATCH,
                    not_bound_to=TELEGRAM,  # theirs to deliver, if a sender ever runs
                )  # fmt: skip
                await uow.commit()
            if not items:
                return shown
            outcomes = [(item, await self._show(item)) for item in items]
            at = RecordingTime(self.app.clock.now(), self.policy, lambda: random.uniform(0.5, 1))  # noqa: S311
            async with self.app.uow() as uow:
                await record_attempts(uow, outcomes, self.worker, CHANNEL, at)
            shown += sum(attempt.outcome is Outcome.SENT for _, attempt in outcomes)

    async def _show(self, item: OutboxItem) -> Attempt:
        """Show one message; one that cannot be rendered (a template bug, a context from an
        older release) is settled as rejected, as the Telegram sender does."""
        message = Reply(Msg(item.template, item.context), item.locale, item.buttons,
                        attachment=item.attachment)  # fmt: skip
        try:
            rendered = render_reply(message)
        except (TemplateError, ValueError) as error:
            log.error("outbox row %d: cannot render %s", item.id, item.template, exc_info=error)
            return Attempt(Outcome.REJECTED, 0, f"template: {type(error).__name__}")
        locale = self.app.settings.default_locale
        if item.employee_id == self.me:
            self._say(Msg("cli/mail_for", {"name": None}), locale)
            self.show_mine(message)
            return Attempt(Outcome.SENT, 1)
        async with self.app.uow() as uow:
            recipient = await uow.employees.by_id(item.employee_id)
        name = recipient.nama if recipient else "?"
        self._say(Msg("cli/mail_for", {"name": name}), locale)
        self.out.write(messages.to_plain_text(rendered.text) + "\n")
        labels = [label for row in rendered.buttons for label, _ in row]
        if labels and recipient is not None:
            self._say(Msg("cli/mail_buttons", {"labels": labels, "nip": recipient.nip}), locale)
        if item.attachment is not None:
            self.out.write(file_line(item.attachment) + "\n")
        self.out.write("\n")
        return Attempt(Outcome.SENT, 1)

    def _say(self, text: Msg, locale: str) -> None:
        rendered = messages.render(text.template, locale, text.context)
        self.out.write(messages.to_plain_text(rendered) + "\n")

    async def _close_finished_broadcasts(self) -> None:
        async with self.app.uow() as uow:
            await broadcast.finish_completed(uow, self.app.clock.now())
