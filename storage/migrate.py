"""Apply Alembic migrations on an async engine (on start, and by ``idp-bot db upgrade``).

On PostgreSQL many processes may start at once (``web`` × N, ``worker``, a ``release`` phase):
each upgrade runs under one transaction-level advisory lock, so they take turns — the first
brings the schema up to date, the others then find nothing to do. SQLite has one process.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

MIGRATIONS = Path(__file__).with_name("migrations")
MIGRATION_LOCK = 4_640_517_306  # "idp-bot migrations": a fixed key beside bot.leader's


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


async def upgrade(engine: AsyncEngine, revision: str = "heads") -> None:
    """Bring the schema to ``revision``; a database already there is left as it is. On
    PostgreSQL, waits for any other process's upgrade to finish first (the lock is released
    with this transaction's commit, after the new schema is in)."""

    def run(connection: Any) -> None:
        config = alembic_config()
        config.attributes["connection"] = connection
        command.upgrade(config, revision)

    async with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            await connection.execute(
                text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK}
            )
        await connection.run_sync(run)


async def revision(engine: AsyncEngine, message: str) -> None:
    """Autogenerate a new migration from the models (for developers)."""

    def run(connection: Any) -> None:
        config = alembic_config()
        config.attributes["connection"] = connection
        command.revision(config, message=message, autogenerate=True)

    async with engine.begin() as connection:
        await connection.run_sync(run)
