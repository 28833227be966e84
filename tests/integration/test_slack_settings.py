"""Slack's settings: tokens by their shape, a transport required, the API URL normalised;
and the start-up check (auth.test) names a rejected token or an unreachable server."""

from __future__ import annotations

import pytest

from bot.cli import slack_check
from bot.config import ConfigError, Settings, load_settings
from tests.fake_slack import FakeSlack


def test_slack_settings_are_checked_at_start() -> None:
    settings = load_settings(_env_file=None, slack_bot_token="xoxb-1-2", slack_app_token="xapp-1",
                             slack_api_url="http://127.0.0.1:9/api")  # fmt: skip
    assert settings.slack_api_url == "http://127.0.0.1:9/api/"
    assert "xoxb" not in repr(settings)  # secrets stay secret
    with pytest.raises(ConfigError, match="IDP_SLACK_BOT_TOKEN: needs IDP_SLACK_APP_TOKEN"):
        load_settings(_env_file=None, slack_bot_token="xoxb-1-2")
    with pytest.raises(ConfigError, match="IDP_SLACK_APP_TOKEN: does not look like"):
        load_settings(_env_file=None, slack_bot_token="xoxb-1", slack_app_token="xoxb-1")


async def test_the_start_up_check_names_what_is_wrong() -> None:
    slack = await FakeSlack().start()
    try:

        def settings(token: str, url: str) -> Settings:
            return load_settings(_env_file=None, slack_bot_token=token, slack_api_url=url,
                                 slack_signing_secret="s")  # fmt: skip

        assert await slack_check(settings(slack.bot_token, slack.url)) is None
        rejected = await slack_check(settings("xoxb-wrong", slack.url))
        assert rejected == ("slack_token_rejected", {"error": "invalid_auth"})
        away = await slack_check(settings(slack.bot_token, "http://127.0.0.1:9/api/"))
        assert away == ("slack_unreachable", {})
    finally:
        await slack.stop()
