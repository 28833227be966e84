"""Terminal channel: the same core over stdin/stdout; buttons become numbered choices."""

from __future__ import annotations

import asyncio
import logging
import re
import sys
from collections.abc import Awaitable, Callable
from typing import TextIO

import messages
from bot.attachments import keep
from bot.outgoing import render_reply
from bot.patience import patiently
from handlers.conversation import Conversation
from handlers.effects import Attachment, Incoming, Reply

log = logging.getLogger(__name__)

CHANNEL = "console"
NAV_KEYS = "abcdefgh"
_MARKS = re.compile(r"^(?:✓ |⭐ )+")


_LEADING_NUMBER = re.compile(r"^([0-9]+)(?:\s|$)")


def _fold(label: str) -> str:
    return _MARKS.sub("", label.strip()).casefold()


def own_numbers(labels: list[str]) -> list[str]:
    """Choices that are numbers themselves (levels 0–5) are typed as those numbers, so "2"
    means level 2; other choices are numbered 1, 2, 3… ([] here)."""
    found = [_LEADING_NUMBER.match(_fold(label)) for label in labels]
    numbers = [match.group(1) for match in found if match]
    if labels and len(numbers) == len(labels) and len(set(numbers)) == len(numbers):
        return numbers
    return []


PROMPT = "> "


def file_line(attachment: Attachment, locale: str) -> str:
    """A file sent with a message: written to a folder, its path shown in ``locale``."""
    path = keep(attachment)
    return messages.to_plain_text(messages.render("cli/file_saved", locale, {"path": str(path)}))


class ConsoleChannel:
    """Talk to the core as one person; typing a number presses the matching button."""

    def __init__(
        self,
        conversation: Conversation,
        external_id: str,
        read_line: Callable[[], Awaitable[str | None]],
        out: TextIO,
        after: Callable[[], Awaitable[object]] | None = None,
        locale: str = messages.DEFAULT_LOCALE,
    ) -> None:
        """``after`` runs after each answer (the terminal mailbox shows what came in);
        ``locale`` is the person's language until a reply says another (``/bahasa``)."""
        self.conversation = conversation
        self.external_id = external_id
        self.read_line = read_line
        self.out = out
        self.after = after
        self.locale = locale
        self.keys: dict[str, str] = {}  # what to type → the button's payload
        self.labels: dict[str, str] = {}  # a button's label (folded) → its payload

    def to_incoming(self, line: str) -> Incoming:
        """A button's key presses it (its number; a letter for back, skip, keep…), and so does
        typing its label; anything else is text."""
        text = line.strip()
        payload = self.keys.get(text.lower()) or self.labels.get(_fold(text))
        if payload is not None:
            return Incoming(CHANNEL, self.external_id, payload=payload)
        return Incoming(CHANNEL, self.external_id, text=text)

    def key_for(self, label: str) -> str:
        """What to type to press the button labelled ``label`` (ticks and stars aside)."""
        payload = self.labels[_fold(label)]
        return next(key for key, found in self.keys.items() if found == payload)

    def show(self, reply: Reply) -> None:
        self.locale = reply.locale
        rendered = render_reply(reply)
        self.out.write(messages.to_plain_text(rendered.text) + "\n")
        buttons = [button for row in rendered.buttons for button in row]
        choices = [(label, payload) for label, payload in buttons if payload not in rendered.nav]
        numbered = own_numbers([label for label, _ in choices])
        if any(number in self.keys for number in numbered):  # keys of an earlier reply
            numbered = []
        for label, payload in buttons:
            if payload in rendered.nav:
                key = NAV_KEYS[sum(1 for k in self.keys if k.isalpha())]
            elif numbered:
                key = numbered.pop(0)
            else:
                key = str(sum(1 for k in self.keys if k.isdigit()) + 1)
            self.keys[key] = payload
            self.labels.setdefault(_fold(label), payload)
            self.out.write(f"  [{key}] {label}\n")
        if reply.attachment is not None:
            self.out.write(file_line(reply.attachment, reply.locale) + "\n")
        self.out.write("\n")

    async def send(self, line: str) -> None:
        incoming = self.to_incoming(line)
        self.keys, self.labels = {}, {}  # the buttons of this answer replace the old ones
        try:
            replies = await patiently(  # a busy database is waited for (give up after a while)
                lambda: self.conversation.handle(incoming), "terminal input", give_up_after=60
            )
        except Exception:
            # Logged for the operator; the person is told, and the transaction was rolled
            # back, so what was saved before is untouched.
            log.exception("terminal input failed")
            self.out.write(messages.render("menu/internal_error", self.locale) + "\n\n")
            return
        for reply in replies:
            self.show(reply)
        if self.after is not None:
            try:
                await self.after()
            except Exception:  # the answer above stands; undelivered mail is taken again later
                log.exception("terminal mailbox failed")

    async def run(self, first: str | None = "/start") -> None:
        """Loop until end of input (Ctrl-D) or ``/keluar``."""
        if first:
            await self.send(first)
        while True:
            self.out.write(PROMPT)
            self.out.flush()
            line = await self.read_line()
            if line is None or line.strip().lower() in ("/keluar", "/exit", "/quit"):
                return
            if line.strip():
                await self.send(line)


async def stdin_line() -> str | None:
    """One line from stdin without blocking the event loop; None at end of input."""
    line = await asyncio.to_thread(sys.stdin.readline)
    return line if line else None
