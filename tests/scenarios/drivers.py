"""People at a chat client, on any channel: type a text, press a button by its label, and
read what the bot said back. The same stories run through every channel."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from typing import Protocol

import messages
from bot.channels.console import ConsoleChannel
from bot.outgoing import render_reply
from handlers.conversation import Conversation
from tests.channels.conftest import Person
from tests.fake_telegram import Sent

_MARKS = re.compile(r"^(?:✓ |⭐ )+")


def bare(label: str) -> str:
    """A button label without its tick and star marks."""
    return _MARKS.sub("", label)


@dataclass
class Screen:
    """What one action brought: the texts (plain) and the buttons under the last one."""

    texts: list[str]
    buttons: list[str]

    @property
    def text(self) -> str:
        return "\n".join(self.texts)

    @property
    def last(self) -> str:
        return self.texts[-1]


class Driver(Protocol):
    screen: Screen

    async def type(self, text: str, expect: int = 1) -> Screen: ...
    async def press(self, label: str, expect: int = 1) -> Screen: ...


@dataclass
class ConsoleDriver:
    """The terminal channel: buttons are numbered; pressing one types its number."""

    conversation: Conversation
    nip: str
    out: io.StringIO = field(default_factory=io.StringIO)

    def __post_init__(self) -> None:
        self.channel = ConsoleChannel(self.conversation, self.nip, self._no_input, self.out)
        self.screen = Screen([], [])

    @staticmethod
    async def _no_input() -> str | None:
        return None

    async def _send(self, line: str) -> Screen:
        """What ConsoleChannel.send does, keeping each reply's text apart for the test."""
        texts, buttons = [], []
        incoming = self.channel.to_incoming(line)
        self.channel.keys, self.channel.labels = {}, {}
        for reply in await self.conversation.handle(incoming):
            self.channel.show(reply)
            rendered = render_reply(reply)
            texts.append(messages.to_plain_text(rendered.text))
            buttons = [label for row in rendered.buttons for label, _ in row]
        self.screen = Screen(texts, buttons)
        return self.screen

    async def type(self, text: str, expect: int = 1) -> Screen:
        return self._counted(await self._send(text), expect)

    async def press(self, label: str, expect: int = 1) -> Screen:
        labels = [bare(b) for b in self.screen.buttons]
        if label not in labels:
            raise AssertionError(f"no button {label!r} in {self.screen.buttons}")
        return self._counted(await self._send(self.channel.key_for(label)), expect)

    @staticmethod
    def _counted(screen: Screen, expect: int) -> Screen:
        assert len(screen.texts) == expect, f"wanted {expect} replies, got {screen.texts}"
        return screen


@dataclass
class TelegramDriver:
    """A Telegram user against the fake Bot API, through the real PTB Application."""

    person: Person
    screen: Screen = field(default_factory=lambda: Screen([], []))

    def _screen(self, sent: list[Sent]) -> Screen:
        texts = [messages.to_plain_text(m.text) for m in sent]
        buttons = [label for label, _ in sent[-1].buttons] if sent else []
        self.screen = Screen(texts, buttons)
        return self.screen

    async def type(self, text: str, expect: int = 1) -> Screen:
        return self._screen(await self.person.say(text, expect))

    async def press(self, label: str, expect: int = 1) -> Screen:
        return self._screen(await self.person.press_bare(label, expect))
