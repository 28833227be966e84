"""0019_checkins goes up and down again and up: its tables appear and leave whole."""

from __future__ import annotations

import sqlalchemy as sa

from storage import migrate
from storage.db import create_engine
from tests.integration.test_plan_migration import downgrade, fresh_url  # noqa: F401 - fixture

TABLES = {"checkins", "checkin_items", "checkin_amendments"}


def tables(connection: sa.Connection) -> set[str]:
    return set(sa.inspect(connection).get_table_names())


async def test_checkin_tables_come_and_go(fresh_url: str) -> None:  # noqa: F811
    engine = create_engine(fresh_url)
    await migrate.upgrade(engine)
    async with engine.connect() as connection:
        assert await connection.run_sync(tables) >= TABLES
    await downgrade(engine, "0018_verify")
    async with engine.connect() as connection:
        assert not TABLES & await connection.run_sync(tables)
    await migrate.upgrade(engine)
    async with engine.connect() as connection:
        assert await connection.run_sync(tables) >= TABLES
    await engine.dispose()
