"""Many processes start at once on one empty PostgreSQL database (`idp-bot db upgrade` in a
release phase beside `web` × N starting): every one of them brings the schema up to date, and
they take turns (an advisory lock) instead of racing each other's CREATE TABLE — all succeed
and the schema is migrated once. Real processes: Alembic's context is one per process."""

from __future__ import annotations

import asyncio
import os
import sys
import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import asyncpg
import pytest
from sqlalchemy import text

from storage.db import create_engine
from tests.conftest import PG_URL, _admin_dsn

ROOT = Path(__file__).resolve().parents[2]
STARTING_AT_ONCE = 4

pytestmark = pytest.mark.skipif(not PG_URL, reason="several processes need PostgreSQL")


@pytest.fixture
async def empty_database() -> AsyncIterator[str]:
    assert PG_URL is not None
    name = f"idp_migrate_{uuid.uuid4().hex[:12]}"
    admin = await asyncpg.connect(_admin_dsn(PG_URL))
    try:
        await admin.execute(f'CREATE DATABASE "{name}"')
        yield _admin_dsn(PG_URL, name)
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


async def upgrade_in_a_process(url: str) -> tuple[int, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("IDP_")}
    env |= {"IDP_DATABASE_URL": url, "IDP_LOG_LEVEL": "WARNING"}
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot.cli", "db", "upgrade", env=env, cwd=ROOT,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    try:
        _, err = await asyncio.wait_for(process.communicate(), 90)
    except TimeoutError:
        process.kill()
        await process.wait()
        return -1, "hung (deadlocked on the catalog?)"
    return process.returncode or 0, err.decode()[-300:]


async def test_several_upgrades_started_at_once_all_succeed(empty_database: str) -> None:
    results = await asyncio.gather(
        *(upgrade_in_a_process(empty_database) for _ in range(STARTING_AT_ONCE))
    )
    assert [code for code, _ in results] == [0] * STARTING_AT_ONCE, results
    engine = create_engine(empty_database)
    try:
        async with engine.connect() as connection:
            versions = await connection.execute(text("SELECT version_num FROM alembic_version"))
            tables = await connection.scalar(text(
                "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"
            ))  # fmt: skip
        assert len(versions.all()) == 1  # one head, written once
        assert tables > 10
    finally:
        await engine.dispose()
