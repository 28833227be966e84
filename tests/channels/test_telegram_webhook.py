"""Webhook mode: Telegram posts updates to us with the secret token; nothing else gets in."""

from __future__ import annotations

import asyncio
import socket

from bot import admin
from bot.app import bootstrap
from bot.config import Settings
from tests.channels.conftest import RunningBot, reset_postgres
from tests.conftest import FakeClock
from tests.fake_telegram import FakeBotApi


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def test_webhook_checks_the_secret_token(
    database_url: str, bot_api: FakeBotApi, clock: FakeClock
) -> None:
    port = free_port()
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        database_url=database_url,
        telegram_token=bot_api.token,
        telegram_api_url=bot_api.url,
        telegram_webhook_url=f"http://127.0.0.1:{port}",
        telegram_webhook_secret="s3cret-Token_1",
        telegram_webhook_listen="127.0.0.1",
        telegram_webhook_port=port,
    )
    app = await bootstrap(settings, clock=clock)
    await reset_postgres(app)
    await admin.seed_demo(app)
    bot = await RunningBot(app).start()
    try:
        assert bot_api.webhook["url"] == f"http://127.0.0.1:{port}/telegram"
        assert bot_api.webhook["secret_token"] == "s3cret-Token_1"
        user = bot_api.user(7001, "Eve")
        url = bot_api.webhook["url"]

        forged = bot_api.message_update(user, "/bantuan")
        assert await bot_api.post_to_webhook(url, forged, secret="wrong") == 403
        assert await bot_api.post_to_webhook(url, forged, secret=None) == 403

        genuine = bot_api.message_update(user, "/bantuan")
        assert await bot_api.post_to_webhook(url, genuine, "s3cret-Token_1") == 200
        [answer] = await bot_api.wait_for(user.id, 1)
        assert "belum terhubung" in answer.text

        assert await bot_api.post_to_webhook(url, genuine, "s3cret-Token_1") == 200  # redelivery
        follow_up = bot_api.message_update(user, "/profil")
        assert await bot_api.post_to_webhook(url, follow_up, "s3cret-Token_1") == 200
        await bot_api.wait_for(user.id, 2)
        await asyncio.sleep(0.2)
        assert len(bot_api.sent_to(user.id)) == 2  # the redelivered update said nothing
    finally:
        await bot.close()
        await app.close()
