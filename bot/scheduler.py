"""APScheduler 3.11 ticks: a few periodic jobs over our tables, never one job per person."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot.app import App
from handlers import maintenance

log = logging.getLogger(__name__)

JOB_DEFAULTS = {"coalesce": True, "max_instances": 1, "misfire_grace_time": 3600}


async def prune(app: App) -> None:
    async with app.uow() as uow:
        inbox, failures = await maintenance.prune(uow, app.clock.now())
    log.info("pruned %d delivery ids and %d code failures", inbox, failures)


def build_scheduler(app: App) -> AsyncIOScheduler:
    """The scheduler with every tick registered; the caller starts it inside its loop."""
    scheduler = AsyncIOScheduler(timezone=app.settings.timezone, job_defaults=JOB_DEFAULTS)
    start = datetime.now(UTC)
    scheduler.add_job(prune, "interval", hours=1, args=[app], id="prune", next_run_time=start)
    return scheduler
