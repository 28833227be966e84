"""Durable intake: every update is kept before it is acknowledged, then handled — one
person's updates one after another, in the order received; different people's at once.

A channel gives :meth:`Intake.record` what it received and acknowledges it to the platform
only once that returned (the rows are committed). Each update then waits in its *lane* (the
person who sent it): a lane is worked by one task, so a person's answers never overtake each
other, while a slow chat — a reply waiting out Telegram's 429 — holds up no one else.

A handled update is forgotten. One that was not (the process was killed, or stopped while
the database was away) is taken up again by :meth:`Intake.recover` at the next start, or by a
sibling process's sweep once its lease ran out. Handling an update twice is harmless: the
core's inbox makes a replayed delivery id a no-op.

Across processes (``idp-bot web`` × N on PostgreSQL, a load balancer spreading one person's
updates over them), a lane also waits for the person's earlier updates recorded by a sibling:
before it handles an update it looks in ``incoming`` for an older unfinished one of the same
person held by another process; while there is one, it waits (that row is deleted once
handled); if that process died (its lease ran out), it takes the row over and handles it
first. The handling transaction itself holds the person's advisory lock
(:meth:`handlers.ports.Inbox.take_turn`), so two updates never interleave either.
"""

from __future__ import annotations

import asyncio
import bisect
import contextlib
import logging
import uuid
from collections import deque
from collections.abc import Awaitable, Callable
from datetime import timedelta

from bot.app import App
from bot.patience import patiently
from storage.intake import Earlier, Received, Recorded, SqlIncoming

log = logging.getLogger(__name__)

Handle = Callable[[Recorded], Awaitable[None]]
LEASE = timedelta(minutes=2)  # how long an update recorded here is this process's alone
SWEEP_EVERY = 30.0  # seconds between looks for updates a dead sibling left behind
CONCURRENCY = 64  # people handled at once
STOP_GRACE = 10.0  # seconds a stopping intake lets the updates under way finish
TURN_PAUSES = (0.02, 0.05, 0.1, 0.2, 0.5)  # seconds between looks for a sibling's earlier update


class Intake:
    def __init__(
        self, app: App, handle: Handle, *, concurrency: int = CONCURRENCY,
        worker: str | None = None, siblings: bool = False, channel: str | None = None,
    ) -> None:  # fmt: skip
        """``siblings``: other processes receive updates too (``idp-bot web``); on PostgreSQL
        a person's updates then also wait for their earlier ones recorded elsewhere.
        ``channel``: the channel whose unfinished updates this intake takes up (each channel
        handles its own; None: every channel's, for a process with one channel only)."""
        self.channel = channel
        self.app, self.handle = app, handle
        self.worker = worker or f"intake-{uuid.uuid4().hex[:12]}"
        self.in_order_across = siblings and app.engine.dialect.name == "postgresql"
        self._lanes: dict[str, deque[Recorded]] = {}
        self._runners: dict[str, asyncio.Task[None]] = {}
        self._held: set[int] = set()  # ids recorded or claimed by this process, not finished
        self._slots = asyncio.Semaphore(concurrency)
        self.handled = 0

    async def record(
        self, updates: list[Received], *, give_up_after: float | None = None
    ) -> list[Recorded]:
        """Commit ``updates`` (those not seen before) and queue them; the caller may then
        acknowledge all of them. Waits out a busy database (up to ``give_up_after``)."""
        if not updates:
            return []

        async def write() -> list[Recorded]:
            async with self.app.uow() as uow:
                rows = await SqlIncoming(uow.session).record(
                    updates, self.worker, self.app.clock.now(), LEASE
                )
                await uow.commit()
            return rows

        rows = await patiently(write, "recording updates", give_up_after=give_up_after)
        for row in rows:
            self._enqueue(row)
        return rows

    async def recover(self, *, every_claim: bool = False) -> int:
        """Queue what was recorded and never finished: every such row when this is the only
        process receiving updates (``idp-bot run``), else those whose lease ran out."""

        async def claim() -> list[Recorded]:
            async with self.app.uow() as uow:
                rows = await SqlIncoming(uow.session).claim_unfinished(
                    self.worker,
                    self.app.clock.now(),
                    LEASE,
                    every_claim=every_claim,
                    channel=self.channel,
                )
                await uow.commit()
            return rows

        rows = [row for row in await patiently(claim, "recovering updates")
                if row.id not in self._held]  # fmt: skip
        if rows:
            log.warning("%d updates were received but not handled before; handling them now",
                        len(rows))  # fmt: skip
        for row in rows:
            self._enqueue(row)
        return len(rows)

    async def sweep(self, stop: asyncio.Event, every: float = SWEEP_EVERY) -> None:
        """Until ``stop``: keep the leases of what waits here, take up what others left."""
        while not stop.is_set():
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), every)
            if stop.is_set():
                return
            await patiently(self._extend, "keeping update leases", stop=stop)
            await self.recover()

    async def _extend(self) -> None:
        if not self._held:
            return
        async with self.app.uow() as uow:
            until = self.app.clock.now() + LEASE
            await SqlIncoming(uow.session).extend(sorted(self._held), self.worker, until)
            await uow.commit()

    async def idle(self) -> None:
        """Return once every queued update has been handled (for tests and shutdown)."""
        while self._runners:
            await asyncio.gather(*list(self._runners.values()), return_exceptions=True)

    async def close(self, grace: float = STOP_GRACE) -> None:
        """Let the updates under way finish for up to ``grace`` seconds; what is left stays
        recorded for the next start."""
        runners = list(self._runners.values())
        if not runners:
            return
        _, late = await asyncio.wait(runners, timeout=grace)
        for task in late:
            task.cancel()
        await asyncio.gather(*late, return_exceptions=True)
        if late:
            log.warning("stopped with updates still queued; they are handled at the next start")

    def _enqueue(self, row: Recorded) -> None:
        self._held.add(row.id)
        lane = self._lanes.setdefault(row.lane, deque())
        if lane and lane[-1].id > row.id:  # taken over from a sibling: before what came later
            lane.insert(bisect.bisect(lane, row.id, key=lambda queued: queued.id), row)
        else:
            lane.append(row)
        if row.lane not in self._runners:
            self._runners[row.lane] = asyncio.create_task(self._work(row.lane))

    async def _work(self, lane_name: str) -> None:
        lane = self._lanes[lane_name]
        waited = 0
        try:
            while lane:
                if self.in_order_across and not await self._its_turn(lane[0]):
                    await asyncio.sleep(TURN_PAUSES[min(waited, len(TURN_PAUSES) - 1)])
                    waited += 1
                    continue
                waited = 0
                row = lane.popleft()
                async with self._slots:
                    await self._handle(row)
        finally:
            self._lanes.pop(lane_name, None)
            self._runners.pop(lane_name, None)

    async def _its_turn(self, row: Recorded) -> bool:
        """True when no earlier update of ``row``'s person waits in another process. One
        that a dead process left (its lease over) is taken over, to be handled first here."""

        async def look() -> Earlier | None:
            async with self.app.uow() as uow:
                return await SqlIncoming(uow.session).earlier_elsewhere(row, self.worker)

        earlier = await patiently(look, "looking for earlier updates")
        if earlier is None:
            return True
        if earlier.lease_until is None or earlier.lease_until < self.app.clock.now():
            await self.recover()  # claims it (and any other orphan) and queues it in order
        return False

    async def _handle(self, row: Recorded) -> None:
        try:
            await self.handle(row)
        except Exception:  # the channel told the person; one bad update must not stall a lane
            log.exception("update %s from %s could not be handled", row.key, row.channel)

        async def finish() -> None:
            async with self.app.uow() as uow:
                await SqlIncoming(uow.session).finish(row.id)
                await uow.commit()

        await patiently(finish, "finishing an update")
        self._held.discard(row.id)
        self.handled += 1
