"""The outbox sender: claims a channel's due rows and delivers them, paced, through that
channel's :class:`~bot.channels.registry.ChannelSender`.

One loop per channel account of the bot. It claims a small batch (atomically: two senders
never take one row), renders each row in the channel's markup split at its length limit, sends
the parts to the recipient's address on that channel, and records each outcome as soon as the
platform answered: a row is marked sent only after every part was accepted. What an error
means is the channel's to say (:meth:`ChannelSender.failure`); what that means for the row is
decided by :mod:`handlers.delivery`. Nothing here knows one channel from another.
"""

from __future__ import annotations

import asyncio
import logging
import math
import time
import uuid
from dataclasses import dataclass, field
from datetime import timedelta

from jinja2 import TemplateError

from bot.app import App
from bot.channels.registry import ChannelSender
from bot.config import Settings
from bot.pacing import Pacer
from bot.patience import keep_going
from bot.recorder import OutcomeRecorder
from handlers.delivery import Attempt, Outcome, RetryPolicy
from handlers.outbox import OutboxItem, Status

log = logging.getLogger(__name__)

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


def retry_policy(settings: Settings) -> RetryPolicy:
    return RetryPolicy(
        max_attempts=settings.outbox_max_attempts,
        base=timedelta(seconds=settings.outbox_retry_base_seconds),
    )


class OutboxSender:
    def __init__(
        self,
        app: App,
        channel: ChannelSender,
        pacer: Pacer,
        worker: str | None = None,
        *,
        unbound: bool = True,
    ) -> None:
        """``unbound``: this sender also settles the rows of people with no account (one
        sender per deployment should; see :meth:`storage.outbox.SqlOutbox.claim`)."""
        settings = app.settings
        self.app, self.channel, self.pacer, self.unbound = app, channel, pacer, unbound
        self.worker = worker or f"sender-{uuid.uuid4().hex[:12]}"
        self.lease = timedelta(seconds=settings.outbox_lease_seconds)
        self.policy = retry_policy(settings)
        self.batch = max(1, math.ceil(channel.limits.overall * BATCH_SECONDS))
        self.max_in_flight = 2 * self.batch
        self.stats = SenderStats()
        self._wake = asyncio.Event()
        self._tasks: set[asyncio.Task[None]] = set()
        self._room = asyncio.Event()
        self._last_sweep = 0.0
        self.recorder = OutcomeRecorder(app, self.worker, channel.name, self.policy)

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
                self.channel.name, self.worker, self.app.clock.now(), self.lease,
                min(limit, self.batch), unbound=self.unbound,
            )  # fmt: skip
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
        channel = self.channel
        if item.address is None and not channel.mailbox:
            return Attempt(Outcome.NO_ACCOUNT, item.parts_sent)
        if item.unreachable:
            return Attempt(Outcome.UNREACHABLE, item.parts_sent)
        try:
            parts = channel.parts(item)
        except (TemplateError, ValueError) as error:  # a bug in the message, not the network
            log.error("outbox row %d: cannot render %s", item.id, item.template, exc_info=error)
            return Attempt(Outcome.REJECTED, item.parts_sent, f"template: {type(error).__name__}")
        sent = item.parts_sent
        while sent < len(parts):
            try:
                await self.pacer.turn(item.address or "")
                await channel.send(item.address, parts[sent])
            except channel.errors as error:
                failure = channel.failure(error)
                if failure.outcome is not Outcome.RATE_LIMITED:
                    return Attempt(failure.outcome, sent, failure.reason)
                wait = failure.retry_after
                self.stats.rate_limited += 1
                self.pacer.pause(wait)
                log.info("%s asked to wait %.1f s", channel.name, wait)
                if wait > self.lease.total_seconds() / 2:
                    return Attempt(Outcome.RATE_LIMITED, sent, failure.reason, wait)
                continue
            sent += 1
        return Attempt(Outcome.SENT, sent)


def pacer_for(channel: ChannelSender) -> Pacer:
    return Pacer(channel.limits.overall, channel.limits.per_chat)
