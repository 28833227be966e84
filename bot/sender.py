"""The Telegram sender: claims due outbox rows and delivers them, paced, through ``Bot``.

One loop per bot token. It claims a small batch (atomically: two senders never take one
row), sends each through the recipient's bound chat (``accounts.address``) in HTML — the
same rendering and splitting as replies — and records each outcome as soon as Telegram
answered: a row is marked sent only after Telegram accepted every part of it.
What an error means for the row is decided by :mod:`handlers.delivery`.
"""

from __future__ import annotations

import asyncio
import logging
import math
import os
import time
import uuid
from dataclasses import dataclass, field
from datetime import timedelta

import httpx
from jinja2 import TemplateError
from telegram import Bot
from telegram.constants import ParseMode
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    NetworkError,
    RetryAfter,
    TimedOut,
)
from telegram.request import HTTPXRequest

from bot.app import App
from bot.attachments import send_document
from bot.channels.telegram_replies import keyboard, seconds
from bot.config import Settings
from bot.outgoing import render_reply, split_text
from bot.pacing import Pacer
from bot.patience import keep_going
from bot.recorder import OutcomeRecorder
from handlers.delivery import Attempt, Outcome, RetryPolicy
from handlers.effects import Msg, Reply
from handlers.outbox import OutboxItem, Status

# Periods as timedelta, as PTB's next major version does (no deprecation warning per 429).
os.environ.setdefault("PTB_TIMEDELTA", "true")

log = logging.getLogger(__name__)

CHANNEL = "telegram"
BATCH_SECONDS = 0.25  # claim about this much sending time at once
IDLE_POLL = 2.0  # seconds between looks at the outbox when nothing is due
RELEASE_EVERY = 10.0  # seconds between sweeps for rows whose sender died
STOP_GRACE = 10.0  # seconds a stopping sender lets deliveries under way finish


@dataclass
class SenderStats:
    """What this sender saw since it started (for logs and the benchmark; no personal data)."""

    sent: int = 0
    rate_limited: int = 0
    timeouts: int = 0
    outcomes: dict[str, int] = field(default_factory=dict)


def telegram_bot(settings: Settings) -> Bot:
    """A ``Bot`` for sending, with ``IDP_TELEGRAM_CONNECTIONS`` pooled connections: the
    requests under way at once (rate × Telegram's answer time), not the sends waiting for
    their turn — httpx does work for every pooled connection on every request."""
    assert settings.telegram_token is not None
    connections = settings.telegram_connections
    timeout = settings.telegram_send_timeout
    request = HTTPXRequest(
        connection_pool_size=connections,
        read_timeout=timeout,
        write_timeout=timeout,
        connect_timeout=timeout,
        pool_timeout=timeout,
        # surplus connections opened in a burst close soon instead of being checked on
        # every later request
        httpx_kwargs={"limits": httpx.Limits(max_connections=connections, keepalive_expiry=1.0)},
    )
    return Bot(
        settings.telegram_token.get_secret_value(),
        base_url=f"{settings.telegram_api_url}/bot",
        base_file_url=f"{settings.telegram_api_url}/file/bot",
        request=request,
    )


def retry_policy(settings: Settings) -> RetryPolicy:
    return RetryPolicy(
        max_attempts=settings.outbox_max_attempts,
        base=timedelta(seconds=settings.outbox_retry_base_seconds),
    )


def network_reason(error: NetworkError) -> str:
    """A short reason without URLs (they hold the token) or message text."""
    text = str(error)
    if text.startswith("httpx."):
        return f"network: {text.split(':', 1)[0].removeprefix('httpx.')}"
    return f"server: {text[:80]}"


class TelegramSender:
    def __init__(self, app: App, bot: Bot, pacer: Pacer, worker: str | None = None) -> None:
        settings = app.settings
        self.app, self.bot, self.pacer = app, bot, pacer
        self.worker = worker or f"sender-{uuid.uuid4().hex[:12]}"
        self.lease = timedelta(seconds=settings.outbox_lease_seconds)
        self.policy = retry_policy(settings)
        self.batch = max(1, math.ceil(settings.telegram_rate_global * BATCH_SECONDS))
        self.max_in_flight = 2 * self.batch
        self.stats = SenderStats()
        self._wake = asyncio.Event()
        self._tasks: set[asyncio.Task[None]] = set()
        self._room = asyncio.Event()
        # requests enter httpx only as fast as its pool takes them (its queue is costly)
        self._calls = asyncio.Semaphore(settings.telegram_connections)
        self._last_sweep = 0.0
        self.recorder = OutcomeRecorder(app, self.worker, CHANNEL, self.policy)

    def wake(self) -> None:
        """Look at the outbox now (something was queued or fell due)."""
        self._wake.set()

    async def recover(self) -> int:
        """Give back every claimed row: call only where this is the one sender running."""
        async with self.app.uow() as uow:
            released = await uow.outbox.release_expired(self.app.clock.now(), every_claim=True)
            await uow.commit()
        if released:
            log.warning("%d messages were being sent when the last sender stopped", released)
        return released

    async def run(self, stop: asyncio.Event) -> None:
        """Deliver due rows until ``stop`` is set; deliveries under way are let finish. A busy
        or vanished database pauses the loop (see :mod:`bot.patience`); it never ends it."""
        self._last_sweep = 0.0
        try:
            await keep_going(lambda: self._step(stop), "outbox sender", stop)
        finally:
            await self._let_finish()

    async def _step(self, stop: asyncio.Event) -> None:
        """Claim what is due and start delivering it, or wait for room or for something due."""
        if time.monotonic() - self._last_sweep > RELEASE_EVERY:
            await self._release_expired()
            self._last_sweep = time.monotonic()
        room = self.max_in_flight - len(self._tasks)
        if room < self.batch and self._tasks:
            self._room.clear()
            await self._room.wait()  # set as each delivery finishes
            return
        self._wake.clear()  # a wake from here on is not lost: _idle sees it
        items = await self._claim(room)
        if not items:
            await self._idle(stop)
            return
        for item in items:
            task = asyncio.create_task(self._deliver(item))
            self._tasks.add(task)
            task.add_done_callback(self._finished)

    async def send_due(self) -> int:
        """Deliver what is due now, batch by batch, and return (no loop, no waiting)."""
        delivered = 0
        while items := await self._claim(self.batch):
            await asyncio.gather(*(self._deliver(item) for item in items))
            delivered += len(items)
        return delivered

    def _finished(self, task: asyncio.Task[None]) -> None:
        self._tasks.discard(task)
        self._room.set()
        if not task.cancelled() and task.exception() is not None:
            log.error("delivery failed unexpectedly", exc_info=task.exception())

    async def _let_finish(self) -> None:
        if not self._tasks:
            return
        _, late = await asyncio.wait(set(self._tasks), timeout=STOP_GRACE)
        for task in late:
            task.cancel()
        await asyncio.gather(*late, return_exceptions=True)

    async def _claim(self, limit: int) -> list[OutboxItem]:
        async with self.app.uow() as uow:
            items = await uow.outbox.claim(
                CHANNEL, self.worker, self.app.clock.now(), self.lease, min(limit, self.batch)
            )
            await uow.commit()
        return items

    async def _release_expired(self) -> None:
        async with self.app.uow() as uow:
            released = await uow.outbox.release_expired(self.app.clock.now())
            await uow.commit()
        if released:
            log.warning("%d messages taken back from a sender whose lease ran out", released)

    async def _idle(self, stop: asyncio.Event) -> None:
        async with self.app.uow() as uow:
            next_due = await uow.outbox.next_due()
        wait = IDLE_POLL
        if next_due is not None:
            until = (next_due - self.app.clock.now()).total_seconds()
            wait = min(wait, max(until, 0.05))
        waiters = [asyncio.create_task(self._wake.wait()), asyncio.create_task(stop.wait())]
        await asyncio.wait(waiters, timeout=wait, return_when=asyncio.FIRST_COMPLETED)
        for waiter in waiters:
            waiter.cancel()

    async def _deliver(self, item: OutboxItem) -> None:
        attempt = await self.attempt(item)
        self.stats.outcomes[attempt.outcome] = self.stats.outcomes.get(attempt.outcome, 0) + 1
        if attempt.outcome is Outcome.SENT:
            self.stats.sent += 1
        elif attempt.outcome is Outcome.TIMED_OUT:
            self.stats.timeouts += 1
        settlement = await self.recorder.record(item, attempt)
        if settlement is None:
            log.warning("outbox row %d: claim lost before its outcome was recorded", item.id)
        elif settlement.status is Status.PENDING:
            self.wake()  # a retry is due soon: the idle loop should look again
        elif settlement.status.final and settlement.sent_at is None:
            log.info("outbox row %d: %s (%s)", item.id, settlement.status, settlement.last_error)

    async def attempt(self, item: OutboxItem) -> Attempt:
        """Send every part not sent yet; say what happened."""
        if item.address is None:
            return Attempt(Outcome.NO_ACCOUNT, item.parts_sent)
        if item.unreachable:
            return Attempt(Outcome.UNREACHABLE, item.parts_sent)
        try:
            rendered = render_reply(
                Reply(Msg(item.template, item.context), item.locale, item.buttons)
            )
            parts, markup = split_text(rendered.text), keyboard(rendered)
        except (TemplateError, ValueError) as error:  # a bug in the message, not the network
            log.error("outbox row %d: cannot render %s", item.id, item.template, exc_info=error)
            return Attempt(Outcome.REJECTED, item.parts_sent, f"template: {type(error).__name__}")
        sent = item.parts_sent
        total = len(parts) + (item.attachment is not None)  # the file goes after the text
        while sent < total:
            try:
                async with self._calls:
                    await self.pacer.turn(item.address)
                    if sent == len(parts) and item.attachment is not None:
                        await send_document(self.bot, int(item.address), item.attachment)
                        sent += 1
                        continue
                    await self.bot.send_message(
                        int(item.address),
                        parts[sent],
                        parse_mode=ParseMode.HTML,
                        reply_markup=markup if sent == len(parts) - 1 else None,
                    )
            except RetryAfter as error:
                wait = seconds(error.retry_after)
                self.stats.rate_limited += 1
                self.pacer.pause(wait)
                log.info("Telegram asked to wait %.1f s", wait)
                if wait > self.lease.total_seconds() / 2:
                    return Attempt(Outcome.RATE_LIMITED, sent, "rate limited", wait)
                continue
            except Forbidden as error:
                reason = "deactivated" if "deactivated" in str(error) else "blocked"
                return Attempt(Outcome.BLOCKED, sent, reason)
            except TimedOut as error:
                if isinstance(error.__cause__, (httpx.PoolTimeout, httpx.ConnectTimeout)):
                    return Attempt(Outcome.TRANSIENT, sent, "network: not sent in time")
                return Attempt(Outcome.TIMED_OUT, sent, "timeout")
            except BadRequest as error:
                return Attempt(Outcome.REJECTED, sent, f"rejected: {str(error)[:80]}")
            except ChatMigrated:
                return Attempt(Outcome.REJECTED, sent, "rejected: chat migrated")
            except NetworkError as error:
                return Attempt(Outcome.TRANSIENT, sent, network_reason(error))
            sent += 1
        return Attempt(Outcome.SENT, sent)
