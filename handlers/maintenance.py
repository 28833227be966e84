"""Housekeeping the scheduler runs: forget what no longer protects anything."""

from __future__ import annotations

from datetime import datetime, timedelta

from handlers.identity import FAILURE_WINDOW
from handlers.ports import UnitOfWork

# Telegram redelivers an unconfirmed update for at most 24 hours; Slack retries within
# minutes. A week of delivery ids is a wide margin.
INBOX_KEEP = timedelta(days=7)


async def prune(uow: UnitOfWork, now: datetime) -> tuple[int, int]:
    """Drop delivery ids older than a week and code failures outside the throttle window."""
    inbox = await uow.inbox.prune(now - INBOX_KEEP)
    failures = await uow.bind_attempts.prune(now - FAILURE_WINDOW)
    await uow.commit()
    return inbox, failures
