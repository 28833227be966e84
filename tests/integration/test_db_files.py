"""The SQLite database holds personal data: the file, its -wal and its -shm are made readable
by their owner only (0600), whatever the umask; an older install's 0644 files are narrowed."""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.app import bootstrap
from bot.config import Settings


@pytest.fixture(autouse=True)
def usual_umask() -> Iterator[None]:
    previous = os.umask(0o022)  # the common default, under which SQLite makes 0644 files
    yield
    os.umask(previous)


def modes(database: Path) -> dict[str, int]:
    return {
        suffix: stat.S_IMODE(database.with_name(database.name + suffix).stat().st_mode)
        for suffix in ("", "-wal", "-shm")
    }


async def open_and_write(database: Path) -> None:
    settings = Settings(_env_file=None, database_url=f"sqlite:///{database}", telegram_token=None)  # type: ignore[call-arg]
    app = await bootstrap(settings)  # migrates: writes, so the -wal and -shm exist
    try:
        async with app.uow() as uow:
            assert await uow.employees.count_all() == 0
        assert modes(database) == {"": 0o600, "-wal": 0o600, "-shm": 0o600}
    finally:
        await app.close()


async def test_a_new_database_and_its_wal_and_shm_are_private(tmp_path: Path) -> None:
    await open_and_write(tmp_path / "idp.db")


async def test_an_older_world_readable_database_is_narrowed(tmp_path: Path) -> None:
    database = tmp_path / "idp.db"
    connection = sqlite3.connect(database)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("CREATE TABLE left_over (x)")
    connection.commit()
    assert stat.S_IMODE(database.stat().st_mode) == 0o644
    connection.close()
    await open_and_write(database)
