"""The background of ``idp-bot run`` / ``worker``: on start the scheduler's ticks queue what
fell due while the bot was down and the sender delivers it once; on PostgreSQL only the
process holding the advisory lock leads, and another takes over when it goes."""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime, time

import pytest
from sqlalchemy import text

from bot.app import bootstrap
from bot.leader import Leadership
from bot.worker import run_background
from handlers import reminders
from handlers.broadcast import Operator
from tests.channels.conftest import reset_postgres
from tests.conftest import FakeClock, backend_of
from tests.delivery_support import delivery_settings, load_people
from tests.fake_telegram import FakeBotApi

TUESDAY_MORNING = datetime(2026, 8, 18, 3, 0, tzinfo=UTC)  # 10:00 WIB, a working day


async def test_a_reminder_that_fell_due_while_the_bot_was_down_goes_out_once_on_start(
    database_url: str, bot_api: FakeBotApi
) -> None:
    clock = FakeClock(TUESDAY_MORNING)
    settings = delivery_settings(database_url, bot_api.url, bot_api.token)
    app = await bootstrap(settings, clock=clock)
    await reset_postgres(app)
    try:
        people = await load_people(app, 3, zones=("WIB", "WITA", "WIT"))
        async with app.uow() as uow:  # set for Monday 09:00 (a holiday: Tuesday it is)
            await reminders.add(uow, Operator(), "stage:not_started", "formulir1_not_started",
                                date(2026, 8, 17), time(9), date(2026, 8, 31),
                                clock.now(), 2026)  # fmt: skip
        for _ in range(2):  # started, stopped, started again: still once
            stop = asyncio.Event()
            background = asyncio.create_task(run_background(app, stop))
            for person in people:
                assert person.chat is not None
                await bot_api.wait_for(person.chat, 1, timeout=15)
            await asyncio.sleep(0.3)
            stop.set()
            await asyncio.wait_for(background, 15)
    finally:
        await app.close()
    got = bot_api.deliveries()
    assert sorted(got.values()) == [1, 1, 1]
    assert all("Batas waktunya 31 Agustus 2026" in text for _, text in got)


async def test_only_one_worker_leads_and_another_takes_over_when_it_goes(
    database_url: str, bot_api: FakeBotApi
) -> None:
    if backend_of(database_url) != "postgresql":
        pytest.skip("on SQLite one process runs everything")
    first_app = await bootstrap(delivery_settings(database_url, bot_api.url, bot_api.token))
    second_app = await bootstrap(delivery_settings(database_url, bot_api.url, bot_api.token))
    first, second = Leadership(first_app.engine), Leadership(second_app.engine, retry=0.1)
    stop = asyncio.Event()
    try:
        assert await first.acquire(stop)
        waiting = asyncio.create_task(second.acquire(stop))
        await asyncio.sleep(0.5)
        assert not waiting.done(), "the second worker waits while the first leads"
        assert await first.held()
        assert first._connection is not None
        pid = await first._connection.scalar(text("SELECT pg_backend_pid()"))
        async with second_app.engine.connect() as connection:  # the first worker dies
            await connection.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
        assert await asyncio.wait_for(waiting, 5)
        assert not await first.held(), "the first one notices it no longer leads"
        assert await second.held()
    finally:
        stop.set()
        await first.release()
        await second.release()
        await first_app.close()
        await second_app.close()
