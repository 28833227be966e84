"""The fake Slack answers the Web API as slack_sdk expects it, and signs like Slack."""

from __future__ import annotations

import pytest
from slack_sdk.errors import SlackApiError
from slack_sdk.signature import SignatureVerifier
from slack_sdk.web.async_client import AsyncWebClient

from tests.fake_slack import FakeSlack, signature


async def test_the_fake_speaks_the_web_api_methods_the_bot_uses() -> None:
    slack = await FakeSlack().start()
    try:
        client = AsyncWebClient(token=slack.bot_token, base_url=slack.url)
        budi = slack.add_user("U0BUDI", "Budi", email="budi@lan.go.id", tz="Asia/Makassar")
        assert (await client.auth_test())["user_id"] == "U0BOT"
        opened = await client.conversations_open(users=budi.id)
        assert opened["channel"]["id"] == budi.dm
        posted = await client.chat_postMessage(
            channel=budi.dm,
            text="hi",
            blocks=[
                {
                    "type": "actions",
                    "elements": [
                        {
                            "type": "button",
                            "action_id": "a",
                            "value": "v",
                            "text": {"type": "plain_text", "text": "Go"},
                        }
                    ],
                }
            ],
        )
        await client.chat_update(channel=budi.dm, ts=posted["ts"], text="edited")
        [message] = slack.messages_in(budi.dm)
        assert (message.text, message.edits, message.buttons[0]["value"]) == ("edited", 1, "v")
        assert (await client.users_info(user=budi.id))["user"]["tz"] == "Asia/Makassar"
        found = await client.users_lookupByEmail(email="BUDI@lan.go.id")
        assert found["user"]["id"] == budi.id
        view = await client.views_open(trigger_id="1.x", view={"type": "modal", "blocks": []})
        assert slack.opened == [view["view"]["id"]]
        await client.views_publish(user_id=budi.id, view={"type": "home", "blocks": []})
        assert slack.home[budi.id]["type"] == "home"
        await client.files_upload_v2(channel=budi.dm, filename="a.ics", content=b"BEGIN")
        [upload] = slack.uploads.values()
        assert (upload.filename, upload.content, upload.channel) == ("a.ics", b"BEGIN", budi.dm)
        assert [call.method for call in slack.calls][:3] == [
            "auth.test",
            "conversations.open",
            "chat.postMessage",
        ]
        wrong = AsyncWebClient(token="xoxb-wrong", base_url=slack.url)
        with pytest.raises(SlackApiError, match="invalid_auth"):
            await wrong.auth_test()
    finally:
        await slack.stop()


def test_deliveries_are_signed_as_slack_signs() -> None:
    verifier = SignatureVerifier("secret")
    body = '{"type":"event_callback"}'
    import time

    now = str(int(time.time()))
    assert verifier.is_valid(body, now, signature("secret", now, body))
    assert not verifier.is_valid(body, now, signature("other", now, body))
