"""Assemble the real adapters around the core: one place that wires everything (bootstrap)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy.engine import Engine
from sqlalchemy.ext.asyncio import AsyncEngine

from bot import redact
from bot.config import Settings
from handlers.calendar import parse_quiet_hours
from handlers.conversation import Conversation
from handlers.cycle import default_cycle
from handlers.documents import formulir1
from handlers.ports import Clock
from storage import migrate
from storage.db import create_engine, create_inline_engine, session_factory, write_lock
from storage.session import SessionFactory, async_sessions, inline_sessions
from storage.uow import SqlUnitOfWork

BOOTSTRAP = "IDP_CYCLE_YEAR"  # who opened a cycle from the setting


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
    sessions: SessionFactory
    inline_engine: Engine | None = None

    def uow(self) -> SqlUnitOfWork:
        return SqlUnitOfWork(self.sessions, write_lock(self.engine))

    async def close(self) -> None:
        if self.inline_engine is not None:
            self.inline_engine.dispose()
        await self.engine.dispose()


async def bootstrap(settings: Settings, clock: Clock | None = None) -> App:
    """Open the database, bring its schema up to date and wire the core to it."""
    configure_logging(settings.log_level)
    redact.install(
        secret.get_secret_value()
        for secret in (settings.telegram_token, settings.telegram_webhook_secret)
        if secret is not None
    )
    formulir1.use_template(settings.formulir1_template)
    engine = create_engine(settings.database_url)
    await migrate.upgrade(engine)
    inline = create_inline_engine(engine)
    sessions = inline_sessions(inline) if inline else async_sessions(session_factory(engine))
    lock = write_lock(engine)
    clock = clock or SystemClock()
    quiet = parse_quiet_hours(settings.quiet_hours)
    conversation = Conversation(lambda: SqlUnitOfWork(sessions, lock), clock, quiet=quiet)
    app = App(settings, engine, conversation, clock, sessions, inline)
    if settings.cycle_year is not None:
        await open_first_cycle(app, settings.cycle_year)
    return app


async def open_first_cycle(app: App, year: int) -> None:
    """IDP_CYCLE_YEAR, a bootstrap default only: a database with no cycle at all gets that
    year's, with the default dates; once any cycle exists the setting does nothing (open
    later years with ``idp-bot cycle open`` or /siklus)."""
    async with app.uow() as uow:
        if await uow.cycles.all():
            return
        await uow.cycles.open(default_cycle(year, BOOTSTRAP, app.clock.now()))
        await uow.commit()
    logging.getLogger(__name__).info("opened the %d cycle (IDP_CYCLE_YEAR)", year)


def configure_logging(level: str) -> None:
    """Log to stderr; HTTP client loggers stay at WARNING because their URLs hold the token."""
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    for noisy in ("httpx", "httpcore", "alembic.runtime.migration", "apscheduler"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
