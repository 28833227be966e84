"""Socket Mode (no public URL): a message and a button press arrive over the fake's
websocket, each acknowledged by its envelope id, a repeated envelope changes nothing; the
App Home shows the plan stage, what awaits, the role's menu, and binds with a code."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from tests.channels.conftest import invite_code
from tests.conftest import FakeClock
from tests.fake_slack import FakeSlack, SlackUser
from tests.slack.conftest import RunningSlack, running_slack, slack_settings

BUDI = "199004172015031003"
SRI = "198206202008012002"  # Budi's supervisor


@pytest.fixture
async def socket_bot(
    database_url: str, slack: FakeSlack, clock: FakeClock
) -> AsyncIterator[RunningSlack]:
    running = await running_slack(slack_settings(database_url, slack, socket=True), clock)
    await slack.connected()
    yield running
    await running.close()
    await running.app.close()


async def test_socket_mode_message_and_button(socket_bot: RunningSlack, slack: FakeSlack) -> None:
    budi = slack.add_user("U0BUDI", "Budi Santoso")
    code = await invite_code(socket_bot.app, BUDI)
    bind = slack.message(budi, code)
    ack = await slack.push("events_api", bind, envelope_id="env-1")
    assert ack["envelope_id"] == "env-1"
    await socket_bot.idle()
    [greeting] = slack.messages_in(budi.dm)
    assert "Budi Santoso" in greeting.shown
    await slack.push("events_api", bind, envelope_id="env-1-again", retry_attempt=1)
    await socket_bot.idle()
    assert len(slack.messages_in(budi.dm)) == 1  # redelivered: no second greeting

    await slack.push("slash_commands", {
        "command": "/isi", "text": "", "user_id": budi.id, "channel_id": budi.dm,
        "trigger_id": "t-1", "team_id": "T0IDP"})  # fmt: skip
    await socket_bot.idle()
    question = slack.messages_in(budi.dm)[-1]
    [confirm] = [b for b in question.buttons if b["text"] == "✔ Data sudah benar"]
    await slack.push("interactive", slack.block_actions(budi, confirm, question))
    await socket_bot.idle()
    assert "Dasar 1" in slack.messages_in(budi.dm)[-1].shown
    assert {a["envelope_id"] for a in slack.acks} >= {"env-1", "env-1-again"}


async def open_home(bot: RunningSlack, slack: FakeSlack, user: SlackUser) -> dict[str, object]:
    await slack.push("events_api", slack.app_home_opened(user))
    await bot.idle()
    return slack.home[user.id]


def home_text(view: dict[str, object]) -> str:
    blocks = view["blocks"]
    assert isinstance(blocks, list)
    return "\n".join(b["text"]["text"] for b in blocks if b["type"] == "section")


def home_buttons(view: dict[str, object]) -> list[dict[str, str]]:
    blocks = view["blocks"]
    assert isinstance(blocks, list)
    return [e for b in blocks if b["type"] == "actions" for e in b["elements"]]


async def test_app_home_binds_and_shows_what_awaits(
    socket_bot: RunningSlack, slack: FakeSlack
) -> None:
    sri = slack.add_user("U0SRI", "Sri Wahyuni")
    view = await open_home(socket_bot, slack, sri)
    assert "belum terhubung" in home_text(view)
    [enter_code] = home_buttons(view)
    await slack.push("interactive", slack.block_actions(sri, enter_code, view_id=str(view["id"])))
    modal = slack.opened[-1]
    code = await invite_code(socket_bot.app, SRI)
    await slack.push("interactive", slack.view_submission(sri, modal, {"answer": code}))
    await socket_bot.idle()
    assert "Sri Wahyuni" in slack.messages_in(sri.dm)[0].shown  # greeted in the DM
    view = slack.home[sri.id]  # published again, bound now
    text = home_text(view)
    assert "Sri Wahyuni" in text and "belum mulai" in text and "Isi Formulir 1" in text
    labels = [b["text"]["text"] for b in home_buttons(view)]
    assert "Bawahan" in labels and "Jadwal dialog" in labels  # her supervisor's menu
    [team] = [b for b in home_buttons(view) if b["text"]["text"] == "Bawahan"]
    await slack.push("interactive", slack.block_actions(sri, team, view_id=str(view["id"])))
    await socket_bot.idle()
    assert "Budi Santoso" in slack.messages_in(sri.dm)[-1].shown  # /bawahan, from the home
