"""Slack's rate limits and faults for the fake Slack (:class:`tests.fake_slack.FakeSlack`).

Rates, as Slack enforces them (api.slack.com/apis/rate-limits), each off until set:

* ``chat.postMessage``: about one message per second per channel, short bursts allowed (a
  token bucket: ``burst`` messages at once, refilled at ``per_channel`` a second), and an
  overall ceiling over every channel (a token bucket too: ``overall`` a second, a second's
  worth at once — over any long run never more than ``overall`` a second);
* every other method at its tier, calls per minute (a rolling minute, :data:`TIERS`).

Over a limit the answer is HTTP 429 with ``Retry-After`` (whole seconds) and
``{"ok": false, "error": "ratelimited"}``, and :attr:`SlackLimits.refused` counts it.

Faults are queued per user or channel (a user's id matches their DM too): an error code
(``account_inactive``, ``user_not_found``, ``channel_not_found``, ``is_archived`` …),
``ratelimited`` (a 429 with its ``Retry-After``), a 5xx, or a slow answer (``delay``
seconds, then the real answer: a client that gave up meanwhile never learns that Slack
took the message).
"""

from __future__ import annotations

import math
import time
from collections import Counter, deque
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

# Web API tiers, calls per minute (Tier 2: 20+, Tier 3: 50+, Tier 4: 100+)
TIERS = {
    "conversations.open": 50,
    "chat.update": 50,
    "users.info": 100,
    "users.lookupByEmail": 100,
    "files.getUploadURLExternal": 100,
    "files.completeUploadExternal": 100,
    "views.open": 100,
    "views.update": 100,
    "views.publish": 100,
}
TARGETS = {  # the parameter naming whom a call is about
    "chat.postMessage": "channel",
    "chat.update": "channel",
    "conversations.open": "users",
    "users.info": "user",
    "files.completeUploadExternal": "channel_id",
}


@dataclass(frozen=True)
class Fault:
    """One answer to give instead of the real one: ``error`` (a Slack error code, or
    ``ratelimited``), ``status`` (a 5xx), or ``delay`` seconds before the real answer."""

    error: str | None = None
    status: int | None = None
    delay: float = 0.0
    retry_after: int = 1

    def answer(self) -> dict[str, Any] | web.Response | None:
        if self.error == "ratelimited":
            return rate_limited(self.retry_after)
        if self.status is not None:
            return web.Response(status=self.status, text="upstream trouble")
        if self.error is not None:
            return {"ok": False, "error": self.error}
        return None


def rate_limited(retry_after: float) -> web.Response:
    return web.json_response(
        {"ok": False, "error": "ratelimited"},
        status=429,
        headers={"Retry-After": str(max(1, math.ceil(retry_after)))},
    )


@dataclass
class Bucket:
    """A token bucket: ``capacity`` at once, refilled at ``rate`` a second."""

    rate: float
    capacity: float
    tokens: float
    at: float

    def take(self, now: float) -> float:
        """0 when a token was taken, else the seconds until one is there."""
        self.tokens = min(self.capacity, self.tokens + (now - self.at) * self.rate)
        self.at = now
        if self.tokens >= 1:
            self.tokens -= 1
            return 0.0
        return (1 - self.tokens) / self.rate


@dataclass
class SlackLimits:
    per_channel: float | None = None  # chat.postMessage per channel, a second
    burst: int = 3  # messages a channel may take at once
    overall: float | None = None  # chat.postMessage over every channel, a second
    tiers: dict[str, int] = field(default_factory=dict)  # method → calls a minute
    refused: int = 0  # 429s answered for a limit (not for a queued fault)
    faults: dict[str, deque[Fault]] = field(default_factory=dict)
    _buckets: dict[str, Bucket] = field(default_factory=dict)
    _workspace: Bucket | None = None
    _minute: dict[str, deque[float]] = field(default_factory=dict)

    def limit(self, *, per_channel: float | None = 1.0, overall: float | None = None,
              burst: int = 3, tiers: dict[str, int] | None = None) -> None:  # fmt: skip
        """Enforce Slack's limits (``tiers``: :data:`TIERS` unless given)."""
        self.per_channel, self.overall, self.burst = per_channel, overall, burst
        self.tiers = dict(TIERS if tiers is None else tiers)

    def fail(self, target: str, fault: Fault, times: int = 1) -> None:
        """Answer the next ``times`` calls about ``target`` (a user id or channel) so."""
        self.faults.setdefault(target, deque()).extend([fault] * times)

    def check(self, method: str, params: dict[str, Any]) -> Fault | web.Response | None:
        """A queued fault for this call, or a 429 when it is over a limit, or None."""
        fault = self._fault(method, params)
        if fault is not None:
            return fault
        now = time.monotonic()
        wait = self._postmessage_wait(params, now) if method == "chat.postMessage" else 0.0
        per_minute = self.tiers.get(method)
        if not wait and per_minute is not None:
            calls = self._minute.setdefault(method, deque())
            while calls and calls[0] <= now - 60:
                calls.popleft()
            if len(calls) >= per_minute:
                wait = calls[0] + 60 - now
            else:
                calls.append(now)
        if wait > 0:
            self.refused += 1
            return rate_limited(wait)
        return None

    def _fault(self, method: str, params: dict[str, Any]) -> Fault | None:
        name = TARGETS.get(method)
        target = str(params.get(name, "")) if name else ""
        for key in (target, _other(target)):
            queue = self.faults.get(key)
            if queue:
                return queue.popleft()
        return None

    def _postmessage_wait(self, params: dict[str, Any], now: float) -> float:
        if self.overall is not None:
            if self._workspace is None:
                self._workspace = Bucket(self.overall, self.overall, self.overall, now)
            wait = self._workspace.take(now)
            if wait:
                return wait
        if self.per_channel is not None:
            channel = _dm(str(params.get("channel", "")))
            bucket = self._buckets.get(channel)
            if bucket is None:
                bucket = Bucket(self.per_channel, self.burst, self.burst, now)
                self._buckets[channel] = bucket
            wait = bucket.take(now)
            if wait:
                if self._workspace is not None:
                    self._workspace.tokens += 1  # refused: the workspace's token is given back
                return wait
        return 0.0


def _dm(target: str) -> str:
    """A user's id and their DM are one channel for the limits (see SlackUser.dm)."""
    return "D" + target[1:] if target.startswith("U") else target


def _other(target: str) -> str:
    if target.startswith("U"):
        return "D" + target[1:]
    if target.startswith("D"):
        return "U" + target[1:]
    return ""


def deliveries(history: dict[str, list[Any]]) -> Counter[str]:
    """Messages per channel (the benchmark's lost and duplicated count from these)."""
    return Counter({channel: len(posted) for channel, posted in history.items()})
