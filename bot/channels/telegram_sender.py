"""Telegram's sender for the outbox (see :mod:`bot.channels.registry`): HTML parts of at most
4,096 UTF-16 units, the buttons as an inline keyboard under the last part, edits in place,
and Telegram's errors mapped onto gone / retry later / retry / unknown / failed."""

from __future__ import annotations

import asyncio
import os
from collections.abc import Sequence

import httpx
from telegram import Bot
from telegram.constants import ParseMode
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    NetworkError,
    RetryAfter,
    TelegramError,
    TimedOut,
)
from telegram.request import HTTPXRequest

from bot.app import App
from bot.attachments import send_document
from bot.channels.registry import Failure, Limits, Part, register
from bot.channels.telegram_replies import keyboard, seconds
from bot.config import Settings
from bot.outgoing import TELEGRAM_TEXT_LIMIT, render_reply, split_text, telegram_html
from handlers.effects import Msg, Reply
from handlers.outbox import OutboxItem

# Periods as timedelta, as PTB's next major version does (no deprecation warning per 429).
os.environ.setdefault("PTB_TIMEDELTA", "true")

CHANNEL = "telegram"


def telegram_bot(settings: Settings) -> Bot:
    """A ``Bot`` for sending, with ``IDP_TELEGRAM_CONNECTIONS`` pooled connections: the
    requests under way at once (rate × Telegram's answer time), not the sends waiting for
    their turn — httpx does work for every pooled connection on every request."""
    assert settings.telegram_token is not None
    connections = settings.telegram_connections
    timeout = settings.telegram_send_timeout
    request = HTTPXRequest(
        connection_pool_size=connections,
        read_timeout=timeout,
        write_timeout=timeout,
        connect_timeout=timeout,
        pool_timeout=timeout,
        # surplus connections opened in a burst close soon instead of being checked on
        # every later request
        httpx_kwargs={"limits": httpx.Limits(max_connections=connections, keepalive_expiry=1.0)},
    )
    return Bot(
        settings.telegram_token.get_secret_value(),
        base_url=f"{settings.telegram_api_url}/bot",
        base_file_url=f"{settings.telegram_api_url}/file/bot",
        request=request,
    )


def network_reason(error: NetworkError) -> str:
    """A short reason without URLs (they hold the token) or message text."""
    text = str(error)
    if text.startswith("httpx."):
        return f"network: {text.split(':', 1)[0].removeprefix('httpx.')}"
    return f"server: {text[:80]}"


class TelegramChannel:
    name = CHANNEL
    errors: tuple[type[Exception], ...] = (TelegramError,)
    mailbox = False

    def __init__(self, bot: Bot, settings: Settings) -> None:
        self.bot = bot
        self.limits = Limits(
            settings.telegram_rate_global, settings.telegram_rate_per_chat, TELEGRAM_TEXT_LIMIT
        )
        # requests enter httpx only as fast as its pool takes them (its queue is costly)
        self._calls = asyncio.Semaphore(settings.telegram_connections)

    def parts(self, item: OutboxItem) -> Sequence[Part]:
        rendered = render_reply(Reply(Msg(item.template, item.context), item.locale, item.buttons))
        texts = split_text(self.text(rendered.text), TELEGRAM_TEXT_LIMIT)
        markup = keyboard(rendered)
        parts = [
            Part(text, markup if i == len(texts) - 1 else None) for i, text in enumerate(texts)
        ]
        if item.attachment is not None:  # the file as a document of its own, after the text
            parts.append(Part("", attachment=item.attachment))
        return parts

    def text(self, rendered: str) -> str:
        return telegram_html(rendered)

    async def send(self, address: str | None, part: Part) -> str:
        assert address is not None
        async with self._calls:
            if part.attachment is not None:
                message = await send_document(self.bot, int(address), part.attachment)
            else:
                message = await self.bot.send_message(
                    int(address), part.text, parse_mode=ParseMode.HTML, reply_markup=part.markup
                )
        return f"{address}:{message.id}"

    async def edit(self, ref: str, text: str) -> bool:
        chat, _, message_id = ref.partition(":")
        try:
            async with self._calls:
                await self.bot.edit_message_text(
                    text, chat_id=int(chat), message_id=int(message_id), parse_mode=ParseMode.HTML
                )
        except BadRequest as error:
            if "not modified" not in str(error):
                raise
        return True

    def failure(self, error: Exception) -> Failure:
        if isinstance(error, RetryAfter):
            return Failure.retry_later(seconds(error.retry_after))
        if isinstance(error, Forbidden):
            return Failure.gone("deactivated" if "deactivated" in str(error) else "blocked")
        if isinstance(error, TimedOut):
            if isinstance(error.__cause__, (httpx.PoolTimeout, httpx.ConnectTimeout)):
                return Failure.retry("network: not sent in time")
            return Failure.unknown()
        if isinstance(error, BadRequest):
            return Failure.failed(f"rejected: {str(error)[:80]}")
        if isinstance(error, ChatMigrated):
            return Failure.failed("rejected: chat migrated")
        if isinstance(error, NetworkError):
            return Failure.retry(network_reason(error))
        return Failure.failed(f"rejected: {type(error).__name__}")

    async def upkeep(self, app: App, stop: asyncio.Event) -> None:
        await stop.wait()  # nothing to keep up to date

    async def close(self) -> None:
        await self.bot.shutdown()


class TelegramPlugin:
    name = CHANNEL

    def configured(self, settings: Settings) -> bool:
        return settings.telegram_token is not None

    async def open(self, app: App) -> TelegramChannel:
        bot = telegram_bot(app.settings)
        await bot.initialize()
        return TelegramChannel(bot, app.settings)


register(TelegramPlugin())
