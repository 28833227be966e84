"""The channels this build carries: importing a channel's module registers it
(:func:`bot.channels.registry.register`). A new channel adds one import line here."""

from __future__ import annotations

from bot.channels import slack_sender, telegram_sender

INSTALLED = (telegram_sender.CHANNEL, slack_sender.CHANNEL)
# what makes a channel configured, for the log
SETTINGS_HINT = ("IDP_TELEGRAM_TOKEN", "IDP_SLACK_BOT_TOKEN")
