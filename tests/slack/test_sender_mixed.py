"""A coordinator's broadcast to people on Telegram, on Slack and on both: the Telegram and the
Slack senders drain one outbox side by side, and each person gets the message once, on the
channel they used last."""

from __future__ import annotations

import asyncio

from bot.app import bootstrap
from bot.sender import OutboxSender
from handlers import broadcast
from handlers.broadcast import Operator
from handlers.calendar import NO_QUIET_HOURS
from tests.channels.conftest import reset_postgres
from tests.delivery_support import load_people, settled, start_sender
from tests.fake_slack import FakeSlack
from tests.fake_telegram import FakeBotApi
from tests.slack.delivery import bind_slack, set_last_channel, slack_settings, start_slack_sender

TEXT = "Jadwal dialog kinerja: 10-14 Februari"


async def test_a_mixed_audience_hears_the_broadcast_once_each_on_one_channel(
    database_url: str,
) -> None:
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
    try:
        people = await load_people(app, 12, unbound=4)  # 8 on Telegram, 4 not (yet)
        on_telegram, slack_only = people[:8], people[8:]
        both_slack_last, both_telegram_last = on_telegram[:3], on_telegram[3:5]
        on_slack_too = [*slack_only, *both_slack_last, *both_telegram_last]
        dms = await bind_slack(app, slack, on_slack_too)
        await set_last_channel(app, [p.employee_id for p in both_slack_last], "slack")
        await set_last_channel(app, [p.employee_id for p in both_telegram_last], "telegram")
        async with app.uow() as uow:
            await broadcast.create(uow, Operator(), "all", TEXT, None, app.clock.now(), 2026,
                                   quiet=NO_QUIET_HOURS)  # fmt: skip
        senders = [await start_sender(app), await start_slack_sender(app)]
        await asyncio.gather(*(sender.send_due() for sender in senders))
        assert await settled(app)

        slack_got = {dm: sum(m.shown == TEXT for m in slack.messages_in(dm)) for dm in dms}
        telegram_got = telegram.deliveries()
        dm_of = dict(zip([p.employee_id for p in on_slack_too], dms, strict=True))
        expected_slack = {p.employee_id for p in [*slack_only, *both_slack_last]}
        for person in people:
            on_slack = slack_got.get(dm_of.get(person.employee_id, ""), 0)
            on_tg = telegram_got[(person.chat, TEXT)] if person.chat else 0
            wanted = (1, 0) if person.employee_id in expected_slack else (0, 1)
            assert (on_slack, on_tg) == wanted, person
    finally:
        for sender in senders:
            await sender.channel.close()
        await app.close()
        await telegram.stop()
        await slack.stop()
