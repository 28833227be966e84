"""The session surface the repositories use, and an inline one for SQLite.

PostgreSQL is reached through SQLAlchemy's AsyncSession (asyncpg). For SQLite, an
AsyncSession over aiosqlite hops to a worker thread several times per statement, which
costs ~0.3 ms a statement; SQLite's own work is microseconds, in this process. So on SQLite
the repositories get :class:`InlineSession`: the same async methods over a plain
(synchronous) Session, run on the event loop thread. Writers are already serialised by
:func:`storage.db.write_lock`, so nothing waits behind a statement but the statement itself.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import Any, Protocol, cast

from sqlalchemy.engine import Connection, Engine, Result
from sqlalchemy.exc import OperationalError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session

BUSY_PATIENCE = 10.0  # seconds to wait for SQLite's write lock, as busy_timeout does


class DbSession(Protocol):
    async def execute(self, statement: Any, params: Any = None, **kw: Any) -> Any: ...
    async def scalar(self, statement: Any, params: Any = None, **kw: Any) -> Any: ...
    async def scalars(self, statement: Any, params: Any = None, **kw: Any) -> Any: ...
    async def get(self, entity: Any, ident: Any, **kw: Any) -> Any: ...
    def add(self, instance: object) -> None: ...
    async def flush(self) -> None: ...
    async def commit(self) -> None: ...
    async def rollback(self) -> None: ...
    async def close(self) -> None: ...
    def get_bind(self) -> Any: ...


class InlineSession:
    """AsyncSession's methods over a synchronous Session (see the module docstring)."""

    def __init__(self, session: Session) -> None:
        self.sync = session

    async def begin_now(self, patience: float | None = None) -> None:
        """Take SQLite's write lock (BEGIN IMMEDIATE) without blocking the event loop.

        The inline engine's connections have no busy timeout: if another connection (an
        aiosqlite one, another process) holds the lock, the attempt fails at once and is
        retried after an asynchronous sleep, so the holder can run and finish meanwhile.
        """
        patience = BUSY_PATIENCE if patience is None else patience
        delay, deadline = 0.001, time.monotonic() + patience
        while True:
            try:
                self.sync.connection()
                return
            except OperationalError as error:
                if "locked" not in str(error) or time.monotonic() > deadline:
                    raise
                self.sync.close()
            await asyncio.sleep(delay)
            delay = min(delay * 2, 0.05)

    async def execute(self, statement: Any, params: Any = None, **kw: Any) -> Result[Any]:
        if not kw and not _orm_enabled(statement):
            # A Core statement (on tables, not mapped classes) skips the ORM's execution
            # layer: half the Python time of the hot per-step statements.
            return self.sync.connection().execute(statement, params)
        return self.sync.execute(statement, params, **kw)

    async def scalar(self, statement: Any, params: Any = None, **kw: Any) -> Any:
        return self.sync.scalar(statement, params, **kw)

    async def scalars(self, statement: Any, params: Any = None, **kw: Any) -> Any:
        return self.sync.scalars(statement, params, **kw)

    async def get(self, entity: Any, ident: Any, **kw: Any) -> Any:
        return self.sync.get(entity, ident, **kw)

    def add(self, instance: object) -> None:
        self.sync.add(instance)

    async def flush(self) -> None:
        self.sync.flush()

    async def commit(self) -> None:
        self.sync.commit()

    async def rollback(self) -> None:
        self.sync.rollback()

    async def close(self) -> None:
        self.sync.close()

    def get_bind(self) -> Engine | Connection:
        return self.sync.get_bind()


def _orm_enabled(statement: Any) -> bool:
    attributes = getattr(statement, "_propagate_attrs", None)
    return attributes is None or attributes.get("compile_state_plugin") == "orm"


SessionFactory = Callable[[], DbSession]


def inline_sessions(engine: Engine) -> SessionFactory:
    return lambda: InlineSession(Session(engine, expire_on_commit=False))


def async_sessions(factory: Callable[[], AsyncSession]) -> SessionFactory:
    return cast(SessionFactory, factory)  # AsyncSession has these methods already
