"""Telegram replies: the core's replies as HTML messages (long texts in parts, buttons as an
inline keyboard, an edit in place where the reply replaces the pressed message), a 429 waited
out by the one chat that met it, and a pressed button's query answered at best effort."""

from __future__ import annotations

import asyncio
import itertools
import logging
from collections.abc import Callable, Coroutine
from datetime import timedelta
from typing import Any

from telegram import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup
from telegram._utils.types import JSONDict
from telegram.constants import ParseMode
from telegram.error import RetryAfter, TelegramError
from telegram.ext import Application, BaseRateLimiter

from bot.attachments import send_document
from bot.outgoing import Rendered, render_reply, split_text, telegram_html
from handlers.effects import Reply

log = logging.getLogger(__name__)

CALLBACK_DATA_LIMIT = 64  # bytes, Telegram's limit


REPLY_RETRIES = 3


def seconds(value: int | float | timedelta) -> float:
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


class ReplyRetries(BaseRateLimiter[None]):
    """Replies are not paced (the person is waiting for them), but a 429 is honoured: wait
    ``retry_after``, then send again, up to a few times. Only the request that met the 429
    waits — PTB's AIORateLimiter would hold every chat's requests meanwhile, so one slow chat
    stalled everyone. Notifications and broadcasts go through the outbox's paced sender."""

    def __init__(self, max_retries: int = REPLY_RETRIES) -> None:
        self.max_retries = max_retries

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, bool | JSONDict | list[JSONDict]]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: None,
    ) -> bool | JSONDict | list[JSONDict]:
        for attempt in itertools.count():
            try:
                return await callback(*args, **kwargs)
            except RetryAfter as error:
                if attempt >= self.max_retries:
                    raise
                await asyncio.sleep(seconds(error.retry_after))
        raise AssertionError("unreachable")


def keyboard(rendered: Rendered) -> InlineKeyboardMarkup | None:
    if not rendered.buttons:
        return None
    for row in rendered.buttons:
        for _, payload in row:
            if len(payload.encode()) > CALLBACK_DATA_LIMIT:
                raise ValueError(f"callback data over {CALLBACK_DATA_LIMIT} bytes: {payload!r}")
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(label, callback_data=payload) for label, payload in row]
         for row in rendered.buttons]
    )  # fmt: skip


async def send_reply(
    application: Application,  # type: ignore[type-arg]
    chat_id: int,
    reply: Reply,
    pressed_message_id: int | None = None,
) -> None:
    """Send one reply as HTML; long texts go in parts, the buttons under the last part.

    A reply meant to replace the message whose button was pressed edits it in place.
    """
    rendered = render_reply(reply)
    parts = split_text(telegram_html(rendered.text))
    if reply.replace and pressed_message_id is not None and len(parts) == 1:
        await application.bot.edit_message_text(
            parts[0],
            chat_id=chat_id,
            message_id=pressed_message_id,
            parse_mode=ParseMode.HTML,
            reply_markup=keyboard(rendered),
        )
        return
    for index, part in enumerate(parts):
        last = index == len(parts) - 1
        await application.bot.send_message(
            chat_id,
            part,
            parse_mode=ParseMode.HTML,
            reply_markup=keyboard(rendered) if last else None,
        )
    if reply.attachment is not None:
        await send_document(application.bot, chat_id, reply.attachment)


async def answer_quietly(query: CallbackQuery) -> None:
    """Stop the button's spinner. Best effort: the press was handled already, and a query
    that expired (after downtime, or in a backlog) must not turn that into an error."""
    try:
        await query.answer()
    except TelegramError as error:
        log.info("button press handled; its query was not answered (%s)", type(error).__name__)
