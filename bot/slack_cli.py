"""``idp-bot slack zones``: take each Slack user's time zone (``users.info``) for the people
bound on Slack whose organisation file gave no ``zona_waktu``."""

from __future__ import annotations

import argparse
from typing import Any

import messages
from bot.app import App

COMMAND = "slack"


def register(commands: Any) -> None:
    area = commands.add_parser(COMMAND, help="Slack: what the workspace knows of people")
    actions = area.add_subparsers(dest="slack", required=True)
    actions.add_parser("zones", help="time zones from Slack where the organisation gave none")


async def dispatch(app: App, args: argparse.Namespace) -> int:
    """Exit status: 0 done, 2 Slack not configured."""
    from bot.channels.slack_profile import learn_zones
    from bot.channels.slack_sender import CHANNEL, slack_client

    locale = app.settings.default_locale
    if app.settings.slack_bot_token is None:
        print(messages.to_plain_text(messages.render("cli/slack_needs_token", locale, {})))
        return 2
    client = slack_client(app.settings)
    try:
        changed = await learn_zones(app, client, CHANNEL)
    finally:
        if client.session is not None:
            await client.session.close()
    text = messages.render("cli/slack_zones_learnt", locale, {"count": changed})
    print(messages.to_plain_text(text))
    return 0
