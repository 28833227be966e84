"""APScheduler 3.11 ticks: a few periodic jobs over our tables, never one job per person."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot.app import App
from bot.patience import patiently
from handlers import cycle, maintenance, reminders
from handlers.calendar import parse_quiet_hours
from handlers.checkin import nudge_run as checkin_nudges
from handlers.checkin import opening as checkin_opening
from handlers.dialog import nudge_run

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


async def scan_reminders(app: App, wake: Callable[[], None] | None) -> None:
    """Queue the reminders whose moment has come in some zone (dedupe: never twice)."""
    quiet = parse_quiet_hours(app.settings.quiet_hours)

    async def run() -> int:
        async with app.uow() as uow:
            now = app.clock.now()  # a stored stage audience names its year; this is a fallback
            fallback = await cycle.year_on(uow, cycle.agency_day(now))
            return await reminders.scan(uow, now, quiet, fallback)

    queued = await patiently(run, "scanning reminders", give_up_after=JOB_PATIENCE)
    if queued:
        log.info("queued %d reminders", queued)
        if wake is not None:
            wake()


async def scan_nudges(app: App, wake: Callable[[], None] | None) -> None:
    """Queue the dialog kinerja's nudges and escalations due now (recorded: never twice)."""
    quiet = parse_quiet_hours(app.settings.quiet_hours)

    async def run() -> int:
        async with app.uow() as uow:
            return await nudge_run.scan(uow, app.clock.now(), quiet)

    queued = await patiently(run, "scanning dialogue nudges", give_up_after=JOB_PATIENCE)
    if queued:
        log.info("queued %d dialogue nudges", queued)
        if wake is not None:
            wake()


async def scan_checkins(app: App, wake: Callable[[], None] | None) -> None:
    """Open the quarter's check-ins whose date has come, and queue their late nudges (both
    recorded: never twice)."""
    quiet = parse_quiet_hours(app.settings.quiet_hours)

    async def run() -> int:
        async with app.uow() as uow:
            opened = await checkin_opening.scan(uow, app.clock.now(), quiet)
        async with app.uow() as uow:
            return opened + await checkin_nudges.scan(uow, app.clock.now(), quiet)

    queued = await patiently(run, "scanning check-ins", give_up_after=JOB_PATIENCE)
    if queued:
        log.info("queued %d check-in notices", queued)
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
    scheduler.add_job(
        scan_reminders, "interval", minutes=1, args=[app, wake], id="reminders",
        next_run_time=start,
    )  # fmt: skip
    scheduler.add_job(
        scan_nudges, "interval", minutes=NUDGE_MINUTES, args=[app, wake], id="nudges",
        next_run_time=start,
    )  # fmt: skip
    scheduler.add_job(
        scan_checkins, "interval", minutes=NUDGE_MINUTES, args=[app, wake], id="checkins",
        next_run_time=start,
    )  # fmt: skip
    if wake is not None:
        scheduler.add_job(wake, "interval", seconds=5, id="outbox", next_run_time=start)
    return scheduler
