"""Engines: SQLite by default (WAL, busy timeout, explicit BEGIN), PostgreSQL at scale."""

from __future__ import annotations

import asyncio
import logging
import os
import stat
import weakref
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine as create_sync_engine
from sqlalchemy import event
from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import URL, Engine, make_url
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

log = logging.getLogger(__name__)

SQLITE_BUSY_TIMEOUT_MS = 10_000
# A failing statement's parameters are what people typed (plan texts, names, NIPs): an
# error's text, and so every log of it, shows "[SQL parameters hidden ...]" instead.
HIDE_PARAMETERS = {"hide_parameters": True}
PRIVATE = 0o600  # the database holds personal data: its owner reads it, nobody else
SQLITE_COMPANIONS = ("", "-wal", "-shm", "-journal")


def normalize_url(url: str) -> URL:
    """Give plain ``sqlite://`` and ``postgresql://`` URLs their async driver."""
    parsed = make_url(url)
    if parsed.drivername in ("sqlite", "sqlite+pysqlite"):
        return parsed.set(drivername="sqlite+aiosqlite")
    if parsed.drivername in ("postgresql", "postgres", "postgresql+psycopg2"):
        return parsed.set(drivername="postgresql+asyncpg")
    return parsed


def create_engine(url: str, **kwargs: Any) -> AsyncEngine:
    """Create the async engine; on SQLite, set the pragmas and take the write lock at BEGIN."""
    parsed = normalize_url(url)
    options = {**HIDE_PARAMETERS, **kwargs}
    if parsed.get_backend_name() != "sqlite":
        return create_async_engine(parsed, pool_pre_ping=True, **options)
    if parsed.database and parsed.database != ":memory:" and not parsed.query.get("mode"):
        private_sqlite_file(Path(parsed.database))
    engine = create_async_engine(parsed, **options)
    sqlite_transactions(engine.sync_engine)
    return engine


def private_sqlite_file(path: Path) -> None:
    """Create the database file with mode 0600 before SQLite opens it: SQLite gives the
    ``-wal``, ``-shm`` and ``-journal`` files it makes later the database file's mode (else
    0644, readable by every local user). Files of an older install that others may read are
    narrowed to 0600 too, when this process owns them."""
    try:
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, PRIVATE))
        return  # an empty file is an empty SQLite database
    except FileExistsError:
        pass
    for companion in SQLITE_COMPANIONS:
        existing = path.with_name(path.name + companion)
        try:
            status = existing.stat()
        except FileNotFoundError:
            continue
        if not stat.S_IMODE(status.st_mode) & 0o077:
            continue
        if status.st_uid != os.geteuid():
            log.warning("%s can be read by other users; make it mode 600", existing)
            continue
        existing.chmod(PRIVATE)
        log.warning("%s could be read by other users; now mode 600", existing)


def create_inline_engine(engine: AsyncEngine) -> Engine | None:
    """For SQLite, a synchronous engine on the same file (see storage.session); else None."""
    if engine.dialect.name != "sqlite":
        return None
    url = engine.url.set(drivername="sqlite+pysqlite")
    inline = create_sync_engine(url, **HIDE_PARAMETERS)
    sqlite_transactions(inline, busy_timeout_ms=0)  # it waits asynchronously instead
    return inline


def sqlite_transactions(engine: Engine, busy_timeout_ms: int = SQLITE_BUSY_TIMEOUT_MS) -> None:
    """WAL, a busy timeout, foreign keys; BEGIN IMMEDIATE emitted by us, not by sqlite3."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Python 3.11's sqlite3 begins transactions lazily and behind SQLAlchemy's back;
        # turn that off and emit BEGIN ourselves (SQLAlchemy's pysqlite recipe).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={busy_timeout_ms}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        # IMMEDIATE takes the write lock up front, so two writers queue on busy_timeout
        # instead of failing with SQLITE_BUSY when a read transaction tries to upgrade.
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False)


_WRITE_LOCKS: weakref.WeakKeyDictionary[Any, asyncio.Lock] = weakref.WeakKeyDictionary()


def write_lock(engine: AsyncEngine) -> asyncio.Lock | None:
    """SQLite takes one writer at a time; queueing them here, in the event loop, beats
    SQLite's own busy-wait (which sleeps up to 100 ms a try). None on PostgreSQL."""
    if engine.dialect.name != "sqlite":
        return None
    return _WRITE_LOCKS.setdefault(engine.sync_engine, asyncio.Lock())


TRANSIENT_SQLSTATES = frozenset({
    "40001",  # serialization_failure
    "40P01",  # deadlock_detected
    "55P03",  # lock_not_available
    "57P01", "57P02", "57P03",  # the server is shutting down / restarting
    "08000", "08001", "08003", "08004", "08006",  # connection exceptions
})  # fmt: skip
SQLITE_BUSY_WORDS = ("database is locked", "database table is locked", "database is busy")


def is_transient(error: BaseException) -> bool:
    """A database fault that passes if one waits: SQLite's lock held by someone else, a lost
    or refused connection, PostgreSQL's serialization failures, deadlocks and restarts. A
    missing table or a constraint violated is not: trying again would fail the same way."""
    if isinstance(error, (ConnectionError, sa_exc.TimeoutError)):
        return True
    if not isinstance(error, sa_exc.DBAPIError):
        return False
    if error.connection_invalidated or isinstance(error, sa_exc.InterfaceError):
        return True
    if getattr(error.orig, "sqlstate", None) in TRANSIENT_SQLSTATES:
        return True
    message = str(error.orig).lower()
    return isinstance(error, sa_exc.OperationalError) and any(
        word in message for word in SQLITE_BUSY_WORDS
    )
