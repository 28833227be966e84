"""0019_checkins goes up and down again and up: its tables appear and leave whole; and the
operator moves a cycle's check-in dates (``idp-bot cycle checkins``)."""

from __future__ import annotations

from datetime import date

import pytest
import sqlalchemy as sa

from bot.app import App
from storage import migrate
from storage.db import create_engine
from tests.integration.test_cycles import run_cycle
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


async def test_the_operator_moves_the_check_in_dates_of_an_open_cycle(
    app: App, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = await run_cycle(app, capsys, "checkins", "2026", "2026-03-27", "2026-06-26",
                                "2026-09-25", "2026-12-18")  # fmt: skip
    assert code == 0, out
    assert "25 September 2026" in out and "tetap memakai tanggalnya" in out
    async with app.uow() as uow:
        [cycle] = await uow.cycles.all()
    assert cycle.checkins[2] == date(2026, 9, 25)
    code, out = await run_cycle(app, capsys, "checkins", "2026", "2026-06-26", "2026-03-27",
                                "2026-09-25", "2026-12-18")  # fmt: skip
    assert code == 2, "out of order"
    code, out = await run_cycle(app, capsys, "checkins", "2031", "2031-03-27", "2031-06-26",
                                "2031-09-25", "2031-12-18")  # fmt: skip
    assert code == 1, "no such cycle"
