"""What Slack's answers mean for a delivery (the outbox's retry, wait, unreachable, fail)."""

from __future__ import annotations

import aiohttp
import pytest
from slack_sdk.errors import SlackApiError, SlackRequestError
from slack_sdk.web.async_slack_response import AsyncSlackResponse

from bot.channels import slack_errors
from handlers.delivery import Outcome


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
