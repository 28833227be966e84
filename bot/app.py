"""Assemble the real adapters around the core: one place that wires everything (bootstrap)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncEngine

from bot.config import Settings
from handlers.conversation import Conversation
from handlers.ports import Clock, UnitOfWork
from storage import migrate
from storage.db import create_engine, session_factory
from storage.uow import SqlUnitOfWork


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)


@dataclass
class App:
    """Everything a channel needs: the core's entry point and the unit-of-work factory."""

    settings: Settings
    engine: AsyncEngine
    conversation: Conversation
    clock: Clock

    def uow(self) -> UnitOfWork:
        return SqlUnitOfWork(session_factory(self.engine))

    async def close(self) -> None:
        await self.engine.dispose()


async def bootstrap(settings: Settings, clock: Clock | None = None) -> App:
    """Open the database, bring its schema up to date and wire the core to it."""
    configure_logging(settings.log_level)
    engine = create_engine(settings.database_url)
    await migrate.upgrade(engine)
    sessions = session_factory(engine)
    clock = clock or SystemClock()
    conversation = Conversation(lambda: SqlUnitOfWork(sessions), clock)
    return App(settings=settings, engine=engine, conversation=conversation, clock=clock)


def configure_logging(level: str) -> None:
    """Log to stderr; HTTP client loggers stay at WARNING because their URLs hold the token."""
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    for noisy in ("httpx", "httpcore", "alembic.runtime.migration"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
