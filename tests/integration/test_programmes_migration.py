"""0019_programmes goes up and down: its two tables appear, leave on downgrade to 0018_verify,
and come back."""

from __future__ import annotations

import sqlalchemy as sa

from storage import migrate
from storage.db import create_engine
from tests.integration.test_plan_migration import downgrade, fresh_url  # noqa: F401 - fixture

TABLES = {"programmes", "programme_items"}


async def tables(url: str) -> set[str]:
    engine = create_engine(url)
    try:
        async with engine.connect() as connection:
            return set(await connection.run_sync(lambda c: sa.inspect(c).get_table_names()))
    finally:
        await engine.dispose()


async def test_0019_goes_up_and_down(fresh_url: str) -> None:  # noqa: F811 - the fixture
    engine = create_engine(fresh_url)
    try:
        await migrate.upgrade(engine)
        assert await tables(fresh_url) >= TABLES
        await downgrade(engine, "0018_verify")
        assert not TABLES & await tables(fresh_url)
        await migrate.upgrade(engine)
        assert await tables(fresh_url) >= TABLES
    finally:
        await engine.dispose()
