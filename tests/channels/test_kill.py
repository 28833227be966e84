"""`idp-bot run` is killed with SIGKILL while an update it received cannot be handled yet (the
database is held by someone else), again and again: every update is handled all the same, at
the next start. On SQLite the whole file is locked, so the update cannot even be recorded and
Telegram is never told it arrived (it sends it again); on PostgreSQL only the table the core
writes first is locked, so the update is recorded, Telegram told, and the next start handles
the record."""

from __future__ import annotations

import asyncio
import signal
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import pytest
from sqlalchemy import func, select, text

from bot import admin
from bot.app import App, bootstrap
from bot.config import Settings
from storage.intake import IncomingRow
from storage.models import InboxRow
from tests.channels.conftest import reset_postgres
from tests.channels.test_delivery_restart import environment, spawn, wait_for
from tests.channels.test_stalls import sqlite_write_lock_held
from tests.fake_telegram import FakeBotApi

BUDI = "199004172015031003"
ROUNDS = 2


async def handled(app: App, update_id: int) -> bool:
    """The core handled the update (its delivery id is in the inbox, committed with it)."""
    async with app.engine.connect() as connection:
        query = select(func.count()).where(InboxRow.key == str(update_id))
        return bool(await connection.scalar(query))


@asynccontextmanager
async def database_held(app: App) -> AsyncIterator[None]:
    """Another process's transaction holding what the bot needs to handle an update."""
    if app.engine.dialect.name == "sqlite":
        with sqlite_write_lock_held(app.settings.database_url):
            yield
        return
    async with app.engine.connect() as holder:
        await holder.execute(text("LOCK TABLE inbox IN ACCESS EXCLUSIVE MODE"))
        yield
        await holder.rollback()


async def polling(api: FakeBotApi, after: int) -> bool:
    return sum(1 for method, _ in api.calls[after:] if method == "getUpdates") > 0


@pytest.fixture
async def app(telegram_settings: Settings) -> AsyncIterator[App]:
    app = await bootstrap(telegram_settings)
    await reset_postgres(app)
    yield app
    await app.close()


async def test_sigkill_right_after_telegram_was_told_loses_no_update(
    app: App, bot_api: FakeBotApi
) -> None:
    await admin.seed_demo(app)
    async with app.uow() as uow:
        budi = await uow.employees.by_nip(BUDI)
        assert budi is not None
        await uow.accounts.bind("telegram", "5001", budi.id, "5001", app.clock.now())
        await uow.commit()
    env = environment(app.settings, rate=30)
    user = bot_api.user(5001, "Budi")
    updates = []
    for round_ in range(ROUNDS):
        calls = len(bot_api.calls)
        bot = await spawn("-m", "bot.cli", "run", env=env)
        await wait_for(lambda: polling(bot_api, calls))  # noqa: B023
        if updates:  # what the last kill left is handled now
            await wait_for(lambda: handled(app, updates[-1]))
        async with database_held(app):
            update = await bot_api.type_text(user, f"/bahasa {('en', 'id')[round_ % 2]}")
            updates.append(update["update_id"])
            await asyncio.sleep(1.0)  # the bot has it; handling waits for the database
            bot.send_signal(signal.SIGKILL)
            await bot.wait()
        assert not await handled(app, update["update_id"]), "killed before it was handled"

    calls = len(bot_api.calls)
    last = await spawn("-m", "bot.cli", "run", env=env)
    try:
        await wait_for(lambda: polling(bot_api, calls))
        await wait_for(lambda: handled(app, updates[-1]))
    finally:
        last.send_signal(signal.SIGTERM)
        _, errors = await asyncio.wait_for(last.communicate(), 30)
    assert last.returncode == 0, errors.decode()[-800:]
    assert all([await handled(app, update_id) for update_id in updates])
    async with app.engine.connect() as connection:
        assert await connection.scalar(select(func.count()).select_from(IncomingRow)) == 0
    async with app.uow() as uow:
        budi = await uow.employees.by_nip(BUDI)
    assert budi is not None and budi.bahasa == ("en", "id")[(ROUNDS - 1) % 2]
