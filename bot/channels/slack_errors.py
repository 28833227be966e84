"""What Slack's answers mean for a delivery (see :class:`bot.channels.registry.Failure`).

A person who left the workspace or whose DM is gone (``account_inactive``, ``user_not_found``,
``user_disabled``, ``channel_not_found``, ``is_archived``) is unreachable there. A 429 (or
``ratelimited``) waits its ``Retry-After``. A request Slack refuses for its content or our
token (``invalid_blocks``, ``msg_too_long``, ``invalid_auth`` …) fails at once with the error
code as its reason: sending it again cannot help. Any other error (5xx, ``internal_error``,
``fatal_error``, an unknown code, the network) is retried with backoff, then fails with its
reason. No answer in time leaves delivery unknown (the message may have arrived).
"""

from __future__ import annotations

import asyncio

import aiohttp
from slack_sdk.errors import SlackApiError, SlackClientError

from bot.channels.registry import Failure

ERRORS: tuple[type[Exception], ...] = (SlackClientError, aiohttp.ClientError, TimeoutError)

GONE = frozenset({
    "account_inactive", "user_not_found", "users_not_found", "user_disabled",
    "channel_not_found", "is_archived",
})  # fmt: skip
REFUSED = frozenset({
    "invalid_blocks", "invalid_blocks_format", "msg_too_long", "msg_blocks_too_long", "no_text",
    "invalid_arguments", "invalid_form_data", "too_many_attachments", "invalid_attachments",
    "restricted_action", "missing_scope", "not_allowed_token_type", "invalid_auth",
    "not_authed", "token_revoked", "token_expired", "no_permission", "cannot_dm_bot",
    "duplicate_channel_not_found", "not_in_channel", "message_not_found", "cant_update_message",
    "edit_window_closed",
})  # fmt: skip
DEFAULT_RETRY_AFTER = 5.0  # seconds, when a 429 names none


def error_code(error: SlackApiError) -> str:
    data = error.response.data
    code = data.get("error") if isinstance(data, dict) else None
    return str(code) if code else f"http {error.response.status_code}"


def retry_after(error: SlackApiError) -> float:
    value = error.response.headers.get("Retry-After") if error.response.headers else None
    try:
        return max(0.0, float(value)) if value is not None else DEFAULT_RETRY_AFTER
    except ValueError:
        return DEFAULT_RETRY_AFTER


def failure(error: Exception) -> Failure:
    """What ``error`` (one of :data:`ERRORS`) means for the row."""
    if isinstance(error, aiohttp.ConnectionTimeoutError):
        return Failure.retry("network: not sent in time")  # never reached Slack
    if isinstance(error, (TimeoutError, asyncio.TimeoutError)):
        return Failure.unknown()
    if isinstance(error, SlackApiError):
        code, status = error_code(error), error.response.status_code
        if status == 429 or code == "ratelimited":
            return Failure.retry_later(retry_after(error))
        if code in GONE:
            return Failure.gone(code)
        if code in REFUSED:
            return Failure.failed(f"rejected: {code}"[:80])
        if status >= 500:
            return Failure.retry(f"server: {status}")
        return Failure.retry(f"slack: {code}"[:80])
    if isinstance(error, aiohttp.ClientConnectorError):
        return Failure.retry("network: cannot connect")
    if isinstance(error, aiohttp.ClientError):
        return Failure.retry(f"network: {type(error).__name__}")
    return Failure.retry(f"slack client: {type(error).__name__}")
