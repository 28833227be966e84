"""Waiting out a database that is busy or briefly away, instead of failing or exiting.

SQLite lets one writer in at a time: a large import, a backup or a slow disk can hold the lock
for longer than any timeout. PostgreSQL can restart, fail over or answer with a serialization
failure. None of these is a reason to tell someone "internal error", lose an update or stop
the process: the operation is tried again, with growing pauses and a log line each time.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Awaitable, Callable
from typing import TypeVar

from sqlalchemy import exc as sa_exc

from storage.db import is_transient

log = logging.getLogger(__name__)

T = TypeVar("T")
FIRST_PAUSE = 0.2  # seconds
LONGEST_PAUSE = 10.0
FAULTS = (sa_exc.SQLAlchemyError, ConnectionError, OSError)


def describe(error: BaseException) -> str:
    """The fault's kind, never its statement or parameters (they hold personal data)."""
    original = getattr(error, "orig", None)
    state = getattr(original, "sqlstate", None)
    if state:
        return f"{type(original).__name__} {state}"
    if isinstance(error, sa_exc.OperationalError):
        return str(original).splitlines()[0][:60]  # SQLite's own words: "database is locked"
    return type(error).__name__


async def patiently(
    operation: Callable[[], Awaitable[T]],
    what: str,
    *,
    give_up_after: float | None = None,
    stop: asyncio.Event | None = None,
) -> T:
    """Run ``operation``; while it fails for a passing database fault, wait and run it again.

    Gives up (raising the last fault) after ``give_up_after`` seconds, or when ``stop`` is set;
    any other error is raised at once.
    """
    started = time.monotonic()
    pause = FIRST_PAUSE
    while True:
        try:
            return await operation()
        except FAULTS as error:
            waited = time.monotonic() - started
            over = give_up_after is not None and waited + pause > give_up_after
            if not is_transient(error) or over or (stop is not None and stop.is_set()):
                raise
            await rest(what, error, pause, stop)
            pause = min(pause * 2, LONGEST_PAUSE)


async def keep_going(step: Callable[[], Awaitable[object]], what: str, stop: asyncio.Event) -> None:
    """Run ``step`` again and again until ``stop``. A passing database fault pauses the loop
    (growing pauses, a log line each), never ends it; any other error ends it."""
    pause = FIRST_PAUSE
    while not stop.is_set():
        try:
            await step()
            pause = FIRST_PAUSE
        except FAULTS as error:
            if not is_transient(error):
                raise
            await rest(what, error, pause, stop)
            pause = min(pause * 2, LONGEST_PAUSE)


async def rest(what: str, error: BaseException, pause: float, stop: asyncio.Event | None) -> None:
    log.warning("%s: database busy or unreachable (%s); trying again in %.1f s",
                what, describe(error), pause)  # fmt: skip
    if stop is None:
        await asyncio.sleep(pause)
        return
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(stop.wait(), pause)
