"""The scenarios run on every channel: they share the Telegram fixtures of tests/channels."""

from tests.channels.conftest import bot_api, running_bot, telegram_settings  # noqa: F401
