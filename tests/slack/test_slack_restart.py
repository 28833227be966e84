"""A Slack delivery acknowledged and recorded, the process killed before it was handled:
the next start handles it in Slack — and Telegram, running in the same process, leaves
it alone (each channel takes up its own unfinished deliveries)."""

from __future__ import annotations

from datetime import timedelta

from bot.app import App
from bot.channels.slack_intake import EVENT, received
from storage.intake import SqlIncoming
from tests.channels.conftest import RunningBot, invite_code
from tests.fake_slack import FakeSlack
from tests.slack.conftest import RunningSlack

BUDI = "199004172015031003"


async def record_as_a_dead_process(app: App, body: dict[str, object], user: str) -> None:
    async with app.uow() as uow:
        await SqlIncoming(uow.session).record(
            [received(EVENT, f"ev:{body['event_id']}", user, body)], "killed",
            app.clock.now(), timedelta(minutes=2),
        )  # fmt: skip
        await uow.commit()


async def test_what_a_killed_process_recorded_is_handled_in_slack_at_the_next_start(
    both: tuple[RunningSlack, RunningBot], slack: FakeSlack
) -> None:
    in_slack, in_telegram = both
    app = in_slack.app
    from bot import admin

    await admin.seed_demo(app)
    budi = slack.add_user("U0BUDI", "Budi Santoso")
    await in_telegram.close()
    await in_slack.close()
    await record_as_a_dead_process(app, slack.message(budi, await invite_code(app, BUDI)), budi.id)

    restarted_telegram = await RunningBot(app).start()  # first: it must not take Slack's row
    restarted_slack = await RunningSlack(app).start()
    try:
        await restarted_slack.idle()
        await slack.wait_for(budi.dm, 1)
        assert "Budi Santoso" in slack.messages_in(budi.dm)[0].shown
    finally:
        await restarted_slack.close()
        await restarted_telegram.close()
    in_slack.task = in_telegram.task = None  # closed here already
