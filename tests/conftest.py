"""Shared fixtures: a migrated database on SQLite (always) and PostgreSQL (when
IDP_TEST_DATABASE_URL is set), a controllable clock, and the app wired to both."""

from __future__ import annotations

import asyncio
import os
import uuid
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import asyncpg
import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url

from bot.app import App, bootstrap
from bot.config import Settings
from storage.db import normalize_url
from storage.models import Base
from tests.unit.fakes import STORY_YEAR, opened_cycle

PG_URL = os.environ.get("IDP_TEST_DATABASE_URL")
BACKENDS = ["sqlite"] + (["postgresql"] if PG_URL else [])


class FakeClock:
    """A clock the test moves by hand."""

    def __init__(self, start: datetime | None = None) -> None:
        self.current = start or datetime(2026, 11, 29, 2, 0, tzinfo=UTC)

    def now(self) -> datetime:
        return self.current

    def advance(self, **delta: float) -> None:
        self.current += timedelta(**delta)


def _admin_dsn(url: str, database: str | None = None) -> str:
    parsed = make_url(url).set(drivername="postgresql")
    if database:
        parsed = parsed.set(database=database)
    return parsed.render_as_string(hide_password=False)


async def pg_admin(sql: str) -> None:
    """Run ``sql`` on the PostgreSQL server of IDP_TEST_DATABASE_URL (create, drop a database)."""
    assert PG_URL is not None
    connection = await asyncpg.connect(_admin_dsn(PG_URL))
    try:
        await connection.execute(sql)
    finally:
        await connection.close()


@pytest.fixture(scope="session")
def pg_database() -> Iterator[str | None]:
    """A PostgreSQL database of this test session's own, dropped at the end."""
    if not PG_URL:
        yield None
        return
    name = f"idp_test_{uuid.uuid4().hex[:12]}"
    admin = pg_admin

    asyncio.run(admin(f'CREATE DATABASE "{name}"'))
    yield _admin_dsn(PG_URL, name)
    asyncio.run(admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture(params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path: Path, pg_database: str | None) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'idp.db'}"
    assert pg_database is not None
    return pg_database


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def settings(database_url: str) -> Settings:
    return Settings(
        _env_file=None,  # type: ignore[call-arg]
        database_url=database_url,
        telegram_token=None,
        telegram_bot_username="idp_test_bot",
    )


async def open_story_cycle(app: App, year: int = STORY_YEAR) -> None:
    """The cycle the stories are set in (the clock reads 29 November 2026), opened as an
    admin would have before anyone fills a plan."""
    async with app.uow() as uow:
        await uow.cycles.open(opened_cycle(year))
        await uow.commit()


@pytest.fixture
async def app(settings: Settings, clock: FakeClock) -> AsyncIterator[App]:
    """The app on a freshly migrated database holding nothing but the 2026 cycle."""
    app = await bootstrap(settings, clock=clock)
    if app.engine.dialect.name == "postgresql":
        tables = ", ".join(t.name for t in Base.metadata.sorted_tables)
        async with app.engine.begin() as connection:
            await connection.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
    await open_story_cycle(app)
    yield app
    await app.close()


def backend_of(url: str) -> str:
    return normalize_url(url).get_backend_name()
