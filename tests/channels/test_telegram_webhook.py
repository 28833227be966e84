"""Webhook mode: Telegram posts updates to us with the secret token; nothing else gets in."""

from __future__ import annotations

import asyncio

from bot import admin
from bot.app import bootstrap
from tests.channels.conftest import RunningBot, reset_postgres, webhook_settings
from tests.conftest import FakeClock
from tests.fake_telegram import FakeBotApi


async def test_webhook_checks_the_secret_token(
    database_url: str, bot_api: FakeBotApi, clock: FakeClock
) -> None:
    settings = webhook_settings(database_url, bot_api)
    port = settings.telegram_webhook_port
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
