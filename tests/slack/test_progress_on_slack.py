"""A coordinator on Slack alone, in a deployment with Telegram too: the live progress of their
broadcast is shown, and edited in place, in their Slack DM (not lost on Telegram, the first
configured channel, where they have no account)."""

from __future__ import annotations

import asyncio

from bot import admin
from bot.app import bootstrap
from bot.progress import BroadcastProgress, Screen
from bot.sender import OutboxSender
from handlers import broadcast
from handlers.calendar import NO_QUIET_HOURS
from tests.channels.conftest import reset_postgres
from tests.delivery_support import Recipient, load_people, settled, start_sender, wait_until
from tests.fake_slack import FakeSlack
from tests.fake_telegram import FakeBotApi
from tests.slack.delivery import bind_slack, slack_settings, start_slack_sender

HENDRA = "197002151995031001"  # the demo's learning coordinator


async def test_progress_follows_the_coordinator_to_slack(database_url: str) -> None:
    slack = await FakeSlack().start()
    telegram = await FakeBotApi().start()
    settings = slack_settings(
        database_url, slack, telegram_token=telegram.token, telegram_api_url=telegram.url,
        telegram_rate_global=200.0, telegram_rate_per_chat=20.0, telegram_send_timeout=2.0,
        slack_send_timeout=2.0,
    )  # fmt: skip
    app = await bootstrap(settings)
    await reset_postgres(app)
    senders: list[OutboxSender] = []
    stop = asyncio.Event()
    try:
        assert await admin.seed_demo(app)
        async with app.uow() as uow:
            hendra = await uow.employees.by_nip(HENDRA)
        assert hendra is not None
        (dm,) = await bind_slack(app, slack, [Recipient(hendra.id, HENDRA, None)], by_dm=True)
        await load_people(app, 6)  # on Telegram
        async with app.uow() as uow:
            await broadcast.create(uow, hendra, "unit:Pusat Data", "Pelatihan dimulai Senin",
                                   None, app.clock.now(), 2026, quiet=NO_QUIET_HOURS)  # fmt: skip
        senders = [await start_sender(app), await start_slack_sender(app)]
        progress = BroadcastProgress(app, [Screen(s.channel, s.pacer) for s in senders])
        tasks = [asyncio.create_task(s.run(stop)) for s in senders]
        tasks.append(asyncio.create_task(progress.run(stop, 0.2)))
        await wait_until(lambda: settled(app))
        await slack.wait_until(lambda: bool(slack.calls_to("chat.update")))
        stop.set()
        await asyncio.gather(*tasks)

        shown = [m.shown for m in slack.messages_in(dm)]
        assert any("Terkirim" in text for text in shown), shown
        assert all(call.params["channel"] == dm for call in slack.calls_to("chat.update"))
    finally:
        stop.set()
        for sender in senders:
            await sender.channel.close()
        await app.close()
        await telegram.stop()
        await slack.stop()
