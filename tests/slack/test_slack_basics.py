"""Budi binds his Slack account with his invite code and starts Formulir 1 — over HTTP
Events, through the real Bolt app, against the fake Slack."""

from __future__ import annotations

import json
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


async def test_a_retried_event_changes_nothing(bot: RunningSlack, slack: FakeSlack) -> None:
    budi = await bound_person(bot, slack, "U0BUDI", "Budi Santoso", BUDI)
    await budi.type("/isi", expect=2)
    await budi.press("✏ Pendidikan")
    body = slack.message(budi.user, "S2 Psikologi")
    posts = len(slack.calls_to("chat.postMessage"))
    assert (await slack.deliver(bot.endpoint, body))[0] == 200
    await bot.idle()
    answered = len(slack.calls_to("chat.postMessage"))
    assert answered == posts + 1
    for retry in (1, 2, 3):  # Slack's retries: the same event_id, X-Slack-Retry-Num
        assert (await slack.deliver(bot.endpoint, body, retry_num=retry))[0] == 200
    await bot.idle()
    assert len(slack.calls_to("chat.postMessage")) == answered  # no second answer
    screen = await budi.type("/rencana", expect=None)
    assert screen.text.count("S2 Psikologi") <= 1


async def test_a_retried_button_press_changes_nothing(bot: RunningSlack, slack: FakeSlack) -> None:
    budi = await bound_person(bot, slack, "U0BUDI", "Budi Santoso", BUDI)
    await budi.type("/isi", expect=2)
    message = budi.latest_with_buttons()
    assert message is not None
    [confirm] = [b for b in message.buttons if b["text"] == "✔ Data sudah benar"]
    body = slack.block_actions(budi.user, confirm, message)
    assert (await slack.deliver(bot.endpoint, body))[0] == 200
    await bot.idle()
    calls = len(slack.calls)
    assert (await slack.deliver(bot.endpoint, body))[0] == 200
    await bot.idle()
    assert len(slack.calls) == calls


@pytest.mark.parametrize("forgery", ["forged", "stale"])
async def test_forged_and_stale_requests_are_refused(
    bot: RunningSlack, slack: FakeSlack, forgery: str
) -> None:
    """A wrong signature, or a right one over a timestamp ten minutes old (a replay), is a
    401 and nothing is recorded or answered."""
    budi = slack.add_user("U0BUDI", "Budi Santoso")
    for body in (slack.message(budi, "halo"), slack.app_home_opened(budi)):
        status, _ = await slack.deliver(
            bot.endpoint, body, forged=forgery == "forged", age=600 if forgery == "stale" else 0
        )
        assert status == 401
    await bot.idle()
    assert not slack.calls_to("chat.postMessage") and not slack.calls_to("views.publish")
    assert (await slack.deliver(bot.endpoint, slack.message(budi, "halo")))[0] == 200
    await bot.idle()
    [told] = slack.messages_in(budi.dm)
    assert "belum terhubung" in told.shown  # the genuine one is answered


async def test_user_text_never_becomes_a_mention_or_a_link(
    bot: RunningSlack, slack: FakeSlack
) -> None:
    budi = await bound_person(bot, slack, "U0BUDI", "Budi Santoso", BUDI)
    await budi.type("/isi", expect=2)
    await budi.press("✏ Pendidikan")
    hostile = "<!channel> <@U0SRI> <https://evil.example|klik> &amp; *tebal*"
    await budi.type(hostile)
    shown = "\n".join(m.shown for m in slack.messages_in(budi.user.dm))
    assert "<!channel>" not in shown and "<@U0SRI>" not in shown and "<https://evil" not in shown
    assert "&lt;!channel&gt;" in shown


async def test_binding_by_work_email_when_the_admin_allows_it(
    database_url: str, slack: FakeSlack, clock: FakeClock
) -> None:
    """Budi's Slack profile carries the e-mail of the organisation data: his first message
    binds him (users.info); a stranger's e-mail binds nobody."""
    settings = slack_settings(database_url, slack, slack_bind_by_email=True)
    running = await running_slack(settings, clock)
    try:
        budi = slack.add_user("U0BUDI", "Budi Santoso", email="BUDI@contoh.go.id")
        stranger = slack.add_user("U0X", "Orang Lain", email="lain@contoh.go.id")
        for user in (budi, stranger):
            assert (await slack.deliver(running.endpoint, slack.message(user, "halo")))[0] == 200
        await running.idle()
        assert "Budi Santoso" in slack.messages_in(budi.dm)[0].shown
        assert "belum terhubung" in slack.messages_in(stranger.dm)[0].shown
        assert [c.params["user"] for c in slack.calls_to("users.info")] == ["U0BUDI", "U0X"]
    finally:
        await running.close()
        await running.app.close()


async def test_a_delivery_the_database_did_not_take_is_not_acknowledged(
    bot: RunningSlack, slack: FakeSlack, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Acknowledged means recorded: while the database refuses, Slack gets a 500 (and
    delivers again); its retry, recorded, is answered once."""
    budi = slack.add_user("U0BUDI", "Budi Santoso")
    body = slack.message(budi, "halo")
    recording = bot.channel.intake.record

    async def refused(*args: object, **kwargs: object) -> None:
        raise ConnectionError("database away")

    monkeypatch.setattr(bot.channel.intake, "record", refused)
    assert (await slack.deliver(bot.endpoint, body))[0] == 500
    monkeypatch.setattr(bot.channel.intake, "record", recording)
    assert (await slack.deliver(bot.endpoint, body, retry_num=1))[0] == 200
    await bot.idle()
    assert len(slack.messages_in(budi.dm)) == 1


async def test_an_answer_refused_is_shown_in_the_modal_which_stays_open(
    bot: RunningSlack, slack: FakeSlack
) -> None:
    budi = await bound_person(bot, slack, "U0BUDI", "Budi Santoso", BUDI)
    await budi.type("/isi", expect=2)
    await budi.press("✏ Pendidikan")
    posts = len(slack.calls_to("chat.postMessage"))
    refused = await budi.write("   ")
    assert refused.texts == ["Jawaban kosong. Silakan ketik jawaban Anda."]
    assert len(slack.calls_to("chat.postMessage")) == posts  # nothing said, nothing saved
    saved = await budi.write("S2 Psikologi")  # in a modal opened again
    assert "S2 Psikologi" in saved.last


async def test_the_url_check_of_the_events_setup_is_answered(
    bot: RunningSlack, slack: FakeSlack
) -> None:
    challenge = {"type": "url_verification", "token": "legacy", "challenge": "c-123"}
    status, answer = await slack.deliver(bot.endpoint, challenge)
    assert (status, json.loads(answer)) == (200, {"challenge": "c-123"})
    assert (await slack.deliver(bot.endpoint, challenge, forged=True))[0] == 401


async def test_a_command_used_in_a_channel_is_answered_in_the_dm(
    bot: RunningSlack, slack: FakeSlack
) -> None:
    budi = await bound_person(bot, slack, "U0BUDI", "Budi Santoso", BUDI)
    command = budi.command("/profil", "") | {"channel_id": "C0GENERAL"}
    assert await budi.deliver(command) == 200
    await bot.idle()
    assert "199004172015031003" in slack.messages_in(budi.user.dm)[-1].shown
    assert not slack.messages_in("C0GENERAL")  # nothing about him said in a channel
