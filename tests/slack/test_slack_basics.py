"""Budi binds his Slack account with his invite code and starts Formulir 1 — over HTTP
Events, through the real Bolt app, against the fake Slack."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from tests.conftest import FakeClock
from tests.fake_slack import FakeSlack
from tests.slack.conftest import RunningSlack, bound_person, running_slack, slack_settings

BUDI = "199004172015031003"


@pytest.fixture
async def bot(database_url: str, slack: FakeSlack, clock: FakeClock) -> AsyncIterator[RunningSlack]:
    running = await running_slack(slack_settings(database_url, slack), clock)
    yield running
    await running.close()
    await running.app.close()


async def test_budi_binds_with_his_code_and_opens_formulir1(
    bot: RunningSlack, slack: FakeSlack
) -> None:
    budi = await bound_person(bot, slack, "U0BUDI", "Budi Santoso", BUDI)
    screen = await budi.type("/isi", expect=2)
    assert "Formulir 1" in screen.texts[0] and "Budi Santoso" in screen.last
    screen = await budi.press("✏ Pendidikan")
    assert "Ketik Pendidikan yang benar" in screen.last
