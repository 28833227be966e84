"""The worker is killed mid-broadcast (SIGKILL: nothing is marked on the way out) and started
again: nobody is lost, nothing already confirmed is sent again, and the only possible
duplicates are the messages that were under way at the kill — counted as uncertain. Two
independent sender processes drain one PostgreSQL outbox without sending any row twice."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import time
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.app import App, bootstrap
from bot.config import Settings
from handlers import broadcast
from handlers.broadcast import Operator
from handlers.calendar import NO_QUIET_HOURS
from storage.outbox import OutboxRow
from tests.channels.conftest import reset_postgres
from tests.conftest import backend_of
from tests.delivery_support import delivery_settings, load_people, settled
from tests.fake_telegram import FakeBotApi

ROOT = Path(__file__).resolve().parents[2]
TEXT = "Pengumuman: pelatihan dimulai Senin"


def environment(settings: Settings, rate: float) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("IDP_")}
    assert settings.telegram_token is not None
    env |= {
        "IDP_DATABASE_URL": settings.database_url,
        "IDP_TELEGRAM_TOKEN": settings.telegram_token.get_secret_value(),
        "IDP_TELEGRAM_API_URL": settings.telegram_api_url,
        "IDP_TELEGRAM_RATE_GLOBAL": str(rate),
        "IDP_TELEGRAM_RATE_PER_CHAT": "20",
        "IDP_TELEGRAM_SEND_TIMEOUT": "5",
        "IDP_LOG_LEVEL": "WARNING",
    }
    return env


async def spawn(*argv: str, env: dict[str, str]) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        sys.executable, *argv, env=env, cwd=ROOT,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip


async def wait_for(condition: object, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not await condition():  # type: ignore[operator]
        assert time.monotonic() < deadline, "timed out"
        await asyncio.sleep(0.02)


@pytest.fixture
async def app(database_url: str, bot_api: FakeBotApi) -> AsyncIterator[App]:
    app = await bootstrap(delivery_settings(database_url, bot_api.url, bot_api.token))
    await reset_postgres(app)
    yield app
    await app.close()


async def rows_by_status(app: App) -> dict[str, set[int]]:
    async with app.engine.connect() as connection:
        rows = await connection.execute(select(OutboxRow.status, OutboxRow.employee_id))
    found: dict[str, set[int]] = {}
    for status, employee_id in rows:
        found.setdefault(status, set()).add(employee_id)
    return found


async def test_a_killed_worker_loses_nothing_and_repeats_nothing_confirmed(
    app: App, bot_api: FakeBotApi
) -> None:
    people = await load_people(app, 100)
    chat_of = {p.employee_id: p.chat for p in people}
    async with app.uow() as uow:
        created = await broadcast.create(
            uow, Operator(), "all", TEXT, None, app.clock.now(), 2026, quiet=NO_QUIET_HOURS
        )
    env = environment(app.settings, rate=100)

    first = await spawn("-m", "bot.cli", "worker", env=env)

    async def some_arrived() -> bool:
        return len(bot_api.sent) >= 30

    await wait_for(some_arrived)
    first.kill()
    await first.wait()
    at_kill = await rows_by_status(app)
    confirmed, under_way = at_kill.get("sent", set()), at_kill.get("sending", set())
    assert confirmed and at_kill.get("pending"), {k: len(v) for k, v in at_kill.items()}

    second = await spawn("-m", "bot.cli", "worker", env=env)
    await wait_for(lambda: settled(app))
    second.send_signal(signal.SIGTERM)
    assert await second.wait() == 0

    got = bot_api.deliveries()
    assert all(got[(chat_of[e], TEXT)] == 1 for e in confirmed), "nothing confirmed repeated"
    assert all(got[(p.chat, TEXT)] >= 1 for p in people), "nobody lost"
    duplicated = {e for e, chat in chat_of.items() if got[(chat, TEXT)] > 1}
    assert duplicated <= under_way, "only what was under way at the kill"
    async with app.uow() as uow:
        report = await broadcast.report(uow, Operator(), created.id)
    assert report.count(broadcast.Status.SENT) == 100
    assert report.tally.uncertain == len(under_way) >= len(duplicated)


async def test_two_sender_processes_drain_one_outbox_without_sending_a_row_twice(
    app: App, bot_api: FakeBotApi
) -> None:
    if backend_of(app.settings.database_url) != "postgresql":
        pytest.skip("several processes share an outbox only on PostgreSQL")
    people = await load_people(app, 400)
    async with app.uow() as uow:
        await broadcast.create(
            uow, Operator(), "all", TEXT, None, app.clock.now(), 2026, quiet=NO_QUIET_HOURS
        )
    env = environment(app.settings, rate=120)
    workers = [
        await spawn("-m", "tests.channels.sender_process", name, env=env) for name in ("a", "b")
    ]
    outputs = await asyncio.wait_for(asyncio.gather(*(w.communicate() for w in workers)), 60)
    assert [w.returncode for w in workers] == [0, 0], [err.decode()[-500:] for _, err in outputs]
    sent = [int(out.decode().split()[-1]) for out, _ in outputs]
    assert sum(sent) == 400 and min(sent) > 0, sent
    assert bot_api.duplicates() == 0
    assert {chat for chat, _ in bot_api.deliveries()} == {p.chat for p in people}
