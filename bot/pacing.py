"""Pacing: never faster than the platform allows — overall and per chat.

Each call takes a turn right before its request leaves. Turns are spaced ``1 / overall``
apart (idle time is never saved up into a burst, and a sender running late catches up by at
most :data:`CATCH_UP`), no rolling second ever holds more turns
than the overall rate allows, a chat's turns are ``1 / per_chat`` apart, and a 429 pauses
every turn until its ``retry_after`` is over.

The pacer aims a little under the limits (:data:`HEADROOM`): requests leave on time but
arrive with network and server jitter, and a server that counts arrivals in a 1-second
window must never see one too many.
"""

from __future__ import annotations

import asyncio
import time
from collections import deque
from collections.abc import Awaitable, Callable

HEADROOM = 0.97  # fraction of the configured rates actually used
WINDOW = 1.0  # seconds: the span the platform counts messages over
CATCH_UP = 0.02  # seconds of turns a late sender may take back to back (within the window)
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
        self.per_window = max(1, int(overall * HEADROOM * WINDOW))
        self._clock = clock
        self._sleep = sleep
        self._next_slot = 0.0
        self._chat_next: dict[str, float] = {}
        self._paused_until = 0.0
        self._recent: deque[float] = deque()
        self._lock = asyncio.Lock()

    def pause(self, seconds: float) -> None:
        """Nobody sends for ``seconds`` (a 429's ``retry_after``)."""
        self._paused_until = max(self._paused_until, self._clock() + seconds)

    async def turn(self, chat: str) -> None:
        """Wait for this chat's next turn and take it; the request should leave at once.

        Callers queue in order on a lock for the overall slot, so each slot wakes one caller.
        """
        while True:
            chat_wait = max(self._chat_next.get(chat, 0.0), self._paused_until) - self._clock()
            if chat_wait > 0:
                await self._sleep(chat_wait)
                continue
            async with self._lock:
                wait = self._overall_ready() - self._clock()
                if wait > 0:
                    await self._sleep(wait)
                now = self._clock()
                if max(self._chat_next.get(chat, 0.0), self._paused_until) > now:
                    continue  # a 429 came, or this chat took a turn, while we waited
                self._next_slot = max(self._next_slot, now - CATCH_UP) + self.interval
                self._chat_next[chat] = now + self.chat_interval
                self._recent.append(now)
                self._forget_old(now)
                return

    def _overall_ready(self) -> float:
        """When the next overall turn may be taken: its slot, and room in the last second."""
        recent, now = self._recent, self._clock()
        while recent and recent[0] <= now - WINDOW:
            recent.popleft()
        ready = max(self._next_slot, self._paused_until)
        if len(recent) >= self.per_window:
            ready = max(ready, recent[0] + WINDOW)
        return ready

    def _forget_old(self, now: float) -> None:
        if len(self._chat_next) > CHAT_MEMORY:
            self._chat_next = {c: t for c, t in self._chat_next.items() if t > now}
