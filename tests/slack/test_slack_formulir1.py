"""Budi fills and sends his whole Formulir 1 in Slack — buttons, slash commands, his
answers written in modals, a stale button, the bot restarted halfway — the same story the
terminal and Telegram run (tests/scenarios/test_formulir1_journey.py)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from tests.conftest import FakeClock
from tests.fake_slack import FakeSlack
from tests.scenarios.test_formulir1_journey import (
    BUDI,
    SRI,
    Channel,
    journey,
    notices_for,
    publish_priorities,
)
from tests.slack.conftest import (
    RunningSlack,
    SlackPerson,
    bound_person,
    mrkdwn_plain,
    running_slack,
    slack_settings,
)


@pytest.fixture
async def slack_channel(
    database_url: str, slack: FakeSlack, clock: FakeClock
) -> AsyncIterator[tuple[Channel, SlackPerson]]:
    bots = [await running_slack(slack_settings(database_url, slack), clock)]
    app = bots[0].app
    await publish_priorities(app)
    budi = await bound_person(bots[0], slack, "U0BUDI", "Budi Santoso", BUDI)

    async def restart() -> None:
        await bots[-1].close()
        bots.append(await RunningSlack(app).start())  # a new Bolt app, same database
        budi.bot = bots[-1]

    async def press_stale() -> list[str]:
        first = next(m for m in slack.messages_in(budi.user.dm) if m.buttons)
        start = len(slack.messages_in(budi.user.dm))
        body = slack.block_actions(budi.user, first.buttons[0], first)
        assert (await slack.deliver(bots[-1].endpoint, body))[0] == 200
        await bots[-1].idle()
        return [mrkdwn_plain(m.shown) for m in slack.messages_in(budi.user.dm)[start:]]

    yield Channel(budi, restart, press_stale, lambda: notices_for(app, SRI)), budi
    await bots[-1].close()
    await app.close()


async def test_budi_fills_and_sends_formulir1_in_slack(
    slack_channel: tuple[Channel, SlackPerson], slack: FakeSlack
) -> None:
    channel, budi = slack_channel
    await journey(channel)
    assert slack.opened, "the typed answers were written in modals"
    edits = [m for m in slack.messages_in(budi.user.dm) if m.edits]
    assert edits, "ticks were redrawn in place (chat.update)"
