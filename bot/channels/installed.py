"""The channels this build carries: importing a channel's module registers it
(:func:`bot.channels.registry.register`). A new channel adds one import line here."""

from __future__ import annotations

from bot.channels import telegram_sender

INSTALLED = (telegram_sender.CHANNEL,)
SETTINGS_HINT = ("IDP_TELEGRAM_TOKEN",)  # what makes a channel configured, for the log
