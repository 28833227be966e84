"""Leadership: exactly one process schedules and sends.

On PostgreSQL, where several processes may run, the one holding a session-level advisory
lock leads; the others wait and take over when its connection goes. On SQLite the one
process that runs everything leads by itself.
"""

from __future__ import annotations

import asyncio
import logging

from sqlalchemy import text
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

log = logging.getLogger(__name__)

LOCK_KEY = 4_640_517_305  # "idp-bot scheduler and sender": any fixed 64-bit number
RETRY = 5.0  # seconds between attempts while another process leads
LOST = (DBAPIError, InterfaceError, OperationalError, OSError)


class Leadership:
    def __init__(self, engine: AsyncEngine, retry: float = RETRY) -> None:
        self.engine = engine
        self.retry = retry
        self._connection: AsyncConnection | None = None

    @property
    def needs_lock(self) -> bool:
        return self.engine.dialect.name == "postgresql"

    async def acquire(self, stop: asyncio.Event) -> bool:
        """Wait until this process leads (True) or ``stop`` is set (False)."""
        if not self.needs_lock:
            return not stop.is_set()
        waited = False
        while not stop.is_set():
            if await self._try():
                if waited:
                    log.info("took over scheduling and sending")
                return True
            if not waited:
                log.info("another worker schedules and sends; waiting to take over")
                waited = True
            try:
                await asyncio.wait_for(stop.wait(), self.retry)
            except TimeoutError:
                continue
        return False

    async def _try(self) -> bool:
        try:
            if self._connection is None:
                self._connection = await self.engine.connect()
            got = await self._connection.scalar(
                text("SELECT pg_try_advisory_lock(:key)"), {"key": LOCK_KEY}
            )
            await self._connection.commit()  # the lock outlives the transaction
        except LOST:
            await self._drop()
            return False
        return bool(got)

    async def held(self) -> bool:
        """Still leading? (The lock lives as long as its connection.)"""
        if not self.needs_lock:
            return True
        if self._connection is None:
            return False
        try:
            await self._connection.execute(text("SELECT 1"))
            await self._connection.commit()
        except LOST:
            await self._drop()
            return False
        return True

    async def release(self) -> None:
        if self._connection is None:
            return
        try:
            await self._connection.execute(
                text("SELECT pg_advisory_unlock(:key)"), {"key": LOCK_KEY}
            )
            await self._connection.commit()
        except LOST:
            log.info("lock connection already gone at release")
        await self._drop()

    async def _drop(self) -> None:
        connection, self._connection = self._connection, None
        if connection is not None:
            try:
                await connection.close()
            except LOST:
                log.info("lock connection closed with an error")
