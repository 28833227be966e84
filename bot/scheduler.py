"""APScheduler 3.11 ticks: a few periodic jobs over our tables, never one job per person."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot.app import App
from bot.patience import patiently
from handlers import cycle, maintenance, reminders
from handlers.calendar import QuietHours, parse_quiet_hours
from handlers.checkin import nudge_run as checkin_nudges
from handlers.checkin import opening as checkin_opening
from handlers.dialog import nudge_run
from handlers.ports import UnitOfWork
from handlers.verify import digest_run

log = logging.getLogger(__name__)

JOB_DEFAULTS = {"coalesce": True, "max_instances": 1, "misfire_grace_time": 3600}


NUDGE_MINUTES = 5  # the nudges go at 09:00 on each clock: at most this late
JOB_PATIENCE = 50.0  # seconds a tick waits out a busy database; then it runs at its next turn


async def prune(app: App) -> None:
    async def run() -> tuple[int, int]:
        async with app.uow() as uow:
            return await maintenance.prune(uow, app.clock.now())

    inbox, failures = await patiently(run, "pruning", give_up_after=JOB_PATIENCE)
    log.info("pruned %d delivery ids and %d code failures", inbox, failures)


Scan = Callable[[UnitOfWork, datetime, QuietHours], Awaitable[int]]


async def _reminders(uow: UnitOfWork, now: datetime, quiet: QuietHours) -> int:
    fallback = await cycle.year_on(uow, cycle.agency_day(now))  # a stored stage audience
    return await reminders.scan(uow, now, quiet, fallback)  # names its year; this is a fallback


# What each tick queues (each recorded or deduped in the outbox: never twice), in order, one
# transaction each: the reminders whose moment has come in some zone; the dialog kinerja's
# nudges and escalations; the expertise groups' daily verification digests (one per member
# and working day); the quarter's check-ins whose date has come, then their late nudges.
SCANS: dict[str, tuple[str, tuple[Scan, ...]]] = {
    "reminders": ("reminders", (_reminders,)),
    "nudges": ("dialogue nudges", (nudge_run.scan,)),
    "verify_digests": ("verification digests", (digest_run.scan,)),
    "checkins": ("check-in notices", (checkin_opening.scan, checkin_nudges.scan)),
}


async def scan(app: App, wake: Callable[[], None] | None, job: str) -> None:
    """Run one tick's scans; wake the sender when they queued something."""
    what, steps = SCANS[job]
    quiet = parse_quiet_hours(app.settings.quiet_hours)

    async def run() -> int:
        queued = 0
        for step in steps:
            async with app.uow() as uow:
                queued += await step(uow, app.clock.now(), quiet)
        return queued

    queued = await patiently(run, f"scanning {what}", give_up_after=JOB_PATIENCE)
    if queued:
        log.info("queued %d %s", queued, what)
        if wake is not None:
            wake()


def build_scheduler(app: App, wake: Callable[[], None] | None = None) -> AsyncIOScheduler:
    """The scheduler with every tick registered; the caller starts it inside its loop.

    ``wake`` nudges the outbox sender (a continuous loop beside the scheduler): a tick every
    few seconds, and after a reminder scan queued something. Every tick also runs at start,
    so what fell due while the bot was down goes out once, right away.
    """
    scheduler = AsyncIOScheduler(timezone=app.settings.timezone, job_defaults=JOB_DEFAULTS)
    start = datetime.now(UTC)
    scheduler.add_job(prune, "interval", hours=1, args=[app], id="prune", next_run_time=start)
    for job in SCANS:
        scheduler.add_job(
            scan, "interval", minutes=1 if job == "reminders" else NUDGE_MINUTES,
            args=[app, wake, job], id=job, next_run_time=start,
        )  # fmt: skip
    if wake is not None:
        scheduler.add_job(wake, "interval", seconds=5, id="outbox", next_run_time=start)
    return scheduler
