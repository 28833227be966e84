"""Slack's form of a reply (sections, buttons) and what Slack's errors mean for a delivery."""

from __future__ import annotations

import aiohttp
import pytest
from hypothesis import given
from hypothesis import strategies as st
from slack_sdk.errors import SlackApiError, SlackRequestError
from slack_sdk.web.async_slack_response import AsyncSlackResponse

from bot.channels import slack_errors
from bot.channels.slack_format import SECTION_LIMIT, SECTIONS_PER_MESSAGE, messages_of
from bot.outgoing import render_reply
from handlers.delivery import Outcome
from handlers.effects import Button, Msg, Reply


def rendered(text: str, buttons: tuple[tuple[Button, ...], ...] = ()) -> list:  # type: ignore[type-arg]
    reply = Reply(Msg("broadcast/message", {"text": text}), "id", buttons)
    return messages_of(render_reply(reply), "id")


@given(st.text(min_size=1, max_size=300))
def test_no_user_value_becomes_a_mention_a_link_or_markup_of_slack(value: str) -> None:
    for message in rendered(f"<@U0BOS> <!channel> <https://x.y|klik> {value}"):
        for block in message.blocks:
            text = block["text"]["text"]
            assert "<@" not in text and "<!" not in text and "<http" not in text


def test_a_long_text_fills_sections_of_at_most_3000_characters_ten_to_a_message() -> None:
    text = "\n".join(f"Baris {n:05d} " + "y" * 300 for n in range(400))  # ~125,000 characters
    messages = rendered(text)
    sections = [b["text"]["text"] for m in messages for b in m.blocks]
    assert all(0 < len(s) <= SECTION_LIMIT for s in sections)
    assert all(len(m.blocks) <= SECTIONS_PER_MESSAGE for m in messages)
    assert "\n".join(sections).count("Baris") == 400


def test_buttons_go_under_the_last_message_with_our_payload_as_value() -> None:
    row = tuple(Button(Msg("label/back"), f"p:{n}") for n in range(30))
    messages = rendered("x\n" * 5000, (row,))
    assert all(b["type"] == "section" for m in messages[:-1] for b in m.blocks)
    actions = [b for b in messages[-1].blocks if b["type"] == "actions"]
    assert [len(a["elements"]) for a in actions] == [25, 5], "Slack's 25 per actions block"
    elements = [e for a in actions for e in a["elements"]]
    assert [e["value"] for e in elements] == [f"p:{n}" for n in range(30)]
    assert len({e["action_id"] for e in elements}) == 30, "unique within the message"


def api_error(status: int, body: dict[str, object], headers: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    response = AsyncSlackResponse(
        client=None, http_verb="POST", api_url="https://slack.test/api/chat.postMessage",
        req_args={}, data=body, headers=headers or {}, status_code=status,
    )  # fmt: skip
    return SlackApiError("failed", response)


@pytest.mark.parametrize(
    ("error", "outcome", "reason", "after"),
    [
        (api_error(429, {"ok": False, "error": "ratelimited"}, {"Retry-After": "7"}),
         Outcome.RATE_LIMITED, "rate limited", 7.0),
        (api_error(200, {"ok": False, "error": "ratelimited"}), Outcome.RATE_LIMITED,
         "rate limited", slack_errors.DEFAULT_RETRY_AFTER),
        (api_error(200, {"ok": False, "error": "account_inactive"}), Outcome.BLOCKED,
         "account_inactive", 0.0),
        (api_error(200, {"ok": False, "error": "channel_not_found"}), Outcome.BLOCKED,
         "channel_not_found", 0.0),
        (api_error(200, {"ok": False, "error": "msg_too_long"}), Outcome.REJECTED,
         "rejected: msg_too_long", 0.0),
        (api_error(503, {}), Outcome.TRANSIENT, "server: 503", 0.0),
        (api_error(200, {"ok": False, "error": "internal_error"}), Outcome.TRANSIENT,
         "slack: internal_error", 0.0),
        (TimeoutError(), Outcome.TIMED_OUT, "timeout", 0.0),
        (aiohttp.ServerDisconnectedError(), Outcome.TRANSIENT,
         "network: ServerDisconnectedError", 0.0),
        (SlackRequestError("upload failed"), Outcome.TRANSIENT,
         "slack client: SlackRequestError", 0.0),
    ],
)  # fmt: skip
def test_what_slacks_errors_mean(
    error: Exception, outcome: Outcome, reason: str, after: float
) -> None:
    failure = slack_errors.failure(error)
    assert (failure.outcome, failure.reason, failure.retry_after) == (outcome, reason, after)
    assert isinstance(error, slack_errors.ERRORS)
