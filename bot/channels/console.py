"""Terminal channel: the same core over stdin/stdout; buttons become numbered choices."""

from __future__ import annotations

import asyncio
import logging
import sys
from collections.abc import Awaitable, Callable
from typing import TextIO

import messages
from bot.outgoing import render_reply
from handlers.conversation import Conversation
from handlers.effects import Incoming, Reply

log = logging.getLogger(__name__)

CHANNEL = "console"
PROMPT = "> "


class ConsoleChannel:
    """Talk to the core as one person; typing a number presses the matching button."""

    def __init__(
        self,
        conversation: Conversation,
        external_id: str,
        read_line: Callable[[], Awaitable[str | None]],
        out: TextIO,
    ) -> None:
        self.conversation = conversation
        self.external_id = external_id
        self.read_line = read_line
        self.out = out
        self.choices: list[str] = []

    def to_incoming(self, line: str) -> Incoming:
        text = line.strip()
        if text.isdigit() and 1 <= int(text) <= len(self.choices):
            return Incoming(CHANNEL, self.external_id, payload=self.choices[int(text) - 1])
        return Incoming(CHANNEL, self.external_id, text=text)

    def show(self, reply: Reply) -> None:
        rendered = render_reply(reply)
        self.out.write(messages.to_plain_text(rendered.text) + "\n")
        self.choices = [payload for row in rendered.buttons for _, payload in row]
        labels = [label for row in rendered.buttons for label, _ in row]
        for number, label in enumerate(labels, start=1):
            self.out.write(f"  [{number}] {label}\n")
        self.out.write("\n")

    async def send(self, line: str) -> None:
        try:
            replies = await self.conversation.handle(self.to_incoming(line))
        except Exception:
            # Logged for the operator; the person is told, and the transaction was rolled
            # back, so what was saved before is untouched.
            log.exception("terminal input failed")
            self.out.write(messages.render("menu/internal_error", messages.DEFAULT_LOCALE) + "\n\n")
            return
        for reply in replies:
            self.show(reply)

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
