"""Channels as plug-ins: each channel registers a sender, and the core asks the registry.

A channel's :class:`ChannelSender` turns a claimed outbox row into its own parts (its markup,
split at its own length limit), sends one part to an address, edits a message in place when
it can, states its :class:`Limits`, and maps its errors onto a :class:`Failure` — gone (the
person blocked or left: unreachable), retry later (after some seconds: a rate limit), retry
(the network or server, backed off by :mod:`handlers.delivery`), delivery unknown (a
timeout) or failed (the platform refused the message). The outbox sender
(:mod:`bot.sender`) does the rest for every channel alike: claiming, pacing, retries,
unreachable marking, recording.

A channel joins by calling :func:`register` with a :class:`ChannelPlugin` when its module is
imported; :func:`configured` lists those whose settings are present (Telegram when a token
is set). Nothing in the core names a channel.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from bot.app import App
from bot.config import Settings
from handlers.delivery import Outcome
from handlers.effects import Attachment
from handlers.outbox import OutboxItem


@dataclass(frozen=True)
class Limits:
    """What the platform allows: messages per second overall and per chat, and the longest
    message in the channel's own units (None: no limit)."""

    overall: float
    per_chat: float
    text: int | None


@dataclass(frozen=True)
class Part:
    """One message of a delivery, in the channel's own format; ``markup``: its buttons, in
    the channel's own form (only the last part of a delivery carries them). A part with an
    ``attachment`` is that file, sent after the text (an .ics appointment, a guide)."""

    text: str
    markup: Any = None
    attachment: Attachment | None = None


@dataclass(frozen=True)
class Failure:
    """What a channel's error means for the row (see the module's docstring)."""

    outcome: Outcome
    reason: str
    retry_after: float = 0.0

    @classmethod
    def gone(cls, reason: str) -> Failure:
        return cls(Outcome.BLOCKED, reason)

    @classmethod
    def retry_later(cls, after: float) -> Failure:
        return cls(Outcome.RATE_LIMITED, "rate limited", after)

    @classmethod
    def retry(cls, reason: str) -> Failure:
        return cls(Outcome.TRANSIENT, reason)

    @classmethod
    def unknown(cls) -> Failure:
        return cls(Outcome.TIMED_OUT, "timeout")

    @classmethod
    def failed(cls, reason: str) -> Failure:
        return cls(Outcome.REJECTED, reason)


class ChannelSender(Protocol):
    name: str
    limits: Limits
    errors: tuple[type[Exception], ...]  # the exceptions :meth:`failure` maps
    # True: messages for people with no account are shown too (the terminal, where one
    # person plays every role); False: they are settled as unreachable
    mailbox: bool

    def parts(self, item: OutboxItem) -> Sequence[Part]:
        """The row rendered and split for this channel; raises TemplateError or ValueError
        when the message itself is broken."""
        ...

    async def send(self, address: str | None, part: Part) -> str:
        """Send one part; a reference to the message sent (for :meth:`edit`)."""
        ...

    async def edit(self, ref: str, text: str) -> bool:
        """Replace the text of a message sent before; False when the channel cannot."""
        ...

    def text(self, rendered: str) -> str:
        """A text in the neutral markup of :mod:`messages`, in this channel's format."""
        ...

    def failure(self, error: Exception) -> Failure:
        """What one of :attr:`errors` means for the delivery."""
        ...

    async def upkeep(self, app: App, stop: asyncio.Event) -> None:
        """What the channel keeps up to date while it sends, until ``stop`` (Slack: the time
        zones of people newly bound); a channel with nothing to do waits for ``stop`` (the
        worker ends its lead when any of its tasks ends)."""
        ...

    async def close(self) -> None: ...


class ChannelPlugin(Protocol):
    name: str

    def configured(self, settings: Settings) -> bool:
        """Whether this deployment has what the channel needs to send (a token, …)."""
        ...

    async def open(self, app: App) -> ChannelSender:
        """A sender ready to deliver (connected, initialised)."""
        ...


_PLUGINS: dict[str, ChannelPlugin] = {}


def register(plugin: ChannelPlugin) -> None:
    """Make ``plugin`` known; registering a name again replaces it (tests register fakes)."""
    _PLUGINS[plugin.name] = plugin


def unregister(name: str) -> None:
    _PLUGINS.pop(name, None)


def configured(settings: Settings) -> list[ChannelPlugin]:
    """The channels this deployment sends on, in the order they registered."""
    return [plugin for plugin in _PLUGINS.values() if plugin.configured(settings)]
