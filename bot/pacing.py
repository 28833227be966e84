"""Pacing: never faster than the platform allows — overall and per chat.

Each call takes a turn: it waits until its chat's last turn is ``1 / per_chat`` seconds
old, then takes the next free slot of the overall rate (slots ``1 / overall`` apart, never
saved up into a burst). A 429 pauses every turn until its ``retry_after`` is over.

The pacer aims a little under the limits (:data:`HEADROOM`): requests leave evenly spaced
but arrive with network jitter, and a server that counts arrivals in a 1-second window must
never see one too many.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable

HEADROOM = 0.98  # fraction of the configured rate actually used
CHAT_MEMORY = 10_000  # chats remembered before old entries are dropped


class Pacer:
    def __init__(
        self,
        overall: float,
        per_chat: float,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self.interval = 1.0 / (overall * HEADROOM)
        self.chat_interval = 1.0 / (per_chat * HEADROOM)
        self._clock = clock
        self._sleep = sleep
        self._next_slot = 0.0
        self._chat_next: dict[str, float] = {}
        self._paused_until = 0.0

    def pause(self, seconds: float) -> None:
        """Nobody sends for ``seconds`` (a 429's ``retry_after``)."""
        self._paused_until = max(self._paused_until, self._clock() + seconds)

    async def turn(self, chat: str) -> None:
        """Wait for this chat's next turn and take it."""
        while True:
            now = self._clock()
            ready = max(self._chat_next.get(chat, 0.0), self._paused_until)
            if ready > now:
                await self._wait(ready - now)
                continue
            slot = max(now, self._next_slot)
            self._next_slot = slot + self.interval
            self._chat_next[chat] = slot + self.chat_interval
            if slot > now:
                await self._wait(slot - now)
            if self._clock() >= self._paused_until:
                self._forget_old(now)
                return

    async def _wait(self, seconds: float) -> None:
        await self._sleep(seconds)

    def _forget_old(self, now: float) -> None:
        if len(self._chat_next) > CHAT_MEMORY:
            self._chat_next = {c: t for c, t in self._chat_next.items() if t > now}
