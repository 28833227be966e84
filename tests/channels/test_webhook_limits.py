"""The webhook refuses before it reads: a wrong secret is answered without buffering the body,
a body over the cap is refused, junk is a 400, and a busy database is a 503 that Telegram's
redelivery turns into a handled update."""

from __future__ import annotations

import asyncio
import resource
from collections.abc import AsyncIterator

import aiohttp
import pytest

from bot.app import bootstrap
from bot.channels import telegram_intake
from storage.session import InlineSession
from tests.channels.conftest import RunningBot, reset_postgres, webhook_settings
from tests.channels.test_stalls import sqlite_write_lock_held
from tests.conftest import FakeClock
from tests.fake_telegram import FakeBotApi

SECRET = "s3cret-Token_1"
MB = 1024 * 1024


@pytest.fixture
async def webhook(database_url: str, bot_api: FakeBotApi, clock: FakeClock) -> AsyncIterator[str]:
    app = await bootstrap(webhook_settings(database_url, bot_api), clock=clock)
    await reset_postgres(app)
    bot = await RunningBot(app).start()
    yield bot_api.webhook["url"]
    await bot.close()
    await app.close()


async def chunks(total: int, size: int = MB) -> AsyncIterator[bytes]:
    block = b"{" * size
    for _ in range(total // size):
        yield block


async def post(url: str, body: object, secret: str | None, **headers: str) -> int | None:
    """The status, or None when the server hung up while we were still sending."""
    if secret is not None:
        headers["X-Telegram-Bot-Api-Secret-Token"] = secret
    try:
        async with (
            aiohttp.ClientSession() as session,
            session.post(url, data=body, headers=headers) as response,
        ):
            return response.status
    except (aiohttp.ClientConnectionError, aiohttp.ClientPayloadError):
        return None


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


async def test_a_wrong_secret_is_refused_without_buffering_the_body(webhook: str) -> None:
    before = peak_rss_mb()
    statuses = await asyncio.gather(*(post(webhook, chunks(24 * MB), "wrong") for _ in range(4)))
    assert all(status in (403, None) for status in statuses), statuses
    assert peak_rss_mb() - before < 40, "four 24 MB bodies were not held in memory"


async def test_a_body_over_the_cap_is_refused(webhook: str) -> None:
    big = b"{" * (telegram_intake.MAX_BODY + 1)
    assert await post(webhook, big, SECRET) in (413, None)
    assert await post(webhook, chunks(4 * MB), SECRET) in (413, None)  # chunked: no length given
    assert await post(webhook, b"not json", SECRET, **{"Content-Type": "application/json"}) == 400
    assert await post(webhook, b"[1, 2]", SECRET) == 400


async def test_a_busy_database_is_a_503_and_the_redelivery_is_handled(
    database_url: str, bot_api: FakeBotApi, webhook: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not database_url.startswith("sqlite"):
        pytest.skip("SQLite's file lock")
    monkeypatch.setattr(telegram_intake, "WEBHOOK_PATIENCE", 0.5)
    monkeypatch.setattr(InlineSession.begin_now, "__defaults__", (0.2,))
    user = bot_api.user(7301, "Eve")
    update = bot_api.message_update(user, "/bantuan")
    with sqlite_write_lock_held(database_url):
        assert await bot_api.post_to_webhook(webhook, update, SECRET) == 503
    assert await bot_api.post_to_webhook(webhook, update, SECRET) == 200  # Telegram retries
    [answer] = await bot_api.wait_for(user.id, 1)
    assert "belum terhubung" in answer.text
