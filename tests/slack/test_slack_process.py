"""`idp-bot run` with only Slack configured (Socket Mode): the process checks the token,
connects, binds Budi from his DM, answers /isi — and a SIGTERM stops it cleanly."""

from __future__ import annotations

import asyncio
import os
import signal

from bot import admin
from bot.app import bootstrap
from tests.channels.conftest import invite_code, reset_postgres
from tests.channels.test_delivery_restart import spawn
from tests.conftest import FakeClock, open_story_cycle
from tests.fake_slack import FakeSlack
from tests.slack.conftest import slack_settings

BUDI = "199004172015031003"


async def test_idp_bot_run_serves_slack(
    database_url: str, slack: FakeSlack, clock: FakeClock
) -> None:
    settings = slack_settings(database_url, slack, socket=True)
    app = await bootstrap(settings, clock=clock)
    await reset_postgres(app)
    await open_story_cycle(app)
    await admin.seed_demo(app)
    code = await invite_code(app, BUDI)
    await app.close()
    env = {key: value for key, value in os.environ.items() if not key.startswith("IDP_")}
    env |= {"IDP_DATABASE_URL": database_url, "IDP_SLACK_BOT_TOKEN": slack.bot_token,
            "IDP_SLACK_APP_TOKEN": slack.app_token, "IDP_SLACK_API_URL": slack.url,
            "IDP_LOG_LEVEL": "WARNING"}  # fmt: skip
    bot = await spawn("-m", "tests.channels.story_clock", "run", env=env)
    try:
        await slack.connected(timeout=30)
        budi = slack.add_user("U0BUDI", "Budi Santoso")
        await slack.push("events_api", slack.message(budi, code))
        [greeting] = await slack.wait_for(budi.dm, 1, timeout=30)
        assert "Budi Santoso" in greeting.shown
        await slack.push("slash_commands", {"command": "/isi", "text": "", "user_id": budi.id,
                                            "channel_id": budi.dm, "trigger_id": "t1"})  # fmt: skip
        *_, question = await slack.wait_for(budi.dm, 3, timeout=30)
        assert "Budi Santoso" in question.shown and question.buttons
    finally:
        bot.send_signal(signal.SIGTERM)
        out, err = await asyncio.wait_for(bot.communicate(), 30)
    assert bot.returncode == 0, err.decode()[-2000:]
    assert slack.bot_token not in (out + err).decode()  # secrets never logged
    assert [c.method for c in slack.calls][:1] == ["auth.test"]  # the start-up check
