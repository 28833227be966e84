"""Telegram channel (python-telegram-bot 22): updates in, the core's replies out as HTML."""

from __future__ import annotations

import asyncio
import logging

from telegram import (
    BotCommand,
    ChatMember,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Update,
)
from telegram.constants import ParseMode
from telegram.error import TelegramError
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    ContextTypes,
    TypeHandler,
)

import messages
from bot.app import App
from bot.outgoing import Rendered, render_reply, split_text
from handlers.conversation import hint_locale
from handlers.effects import BLOCKED, REACHABLE, Incoming, Reply

log = logging.getLogger(__name__)

CHANNEL = "telegram"
ALLOWED_UPDATES = ["message", "callback_query", "my_chat_member"]
MENU_COMMANDS = (
    "isi",
    "rencana",
    "kembali",
    "lewati",
    "batal",
    "profil",
    "bahasa",
    "bantuan",
    "start",
)
CALLBACK_DATA_LIMIT = 64  # bytes, Telegram's limit
GONE = (ChatMember.BANNED, ChatMember.LEFT)  # "kicked": the person blocked the bot


def to_incoming(update: Update) -> Incoming | None:
    """A private-chat message, button press, or block/unblock of the bot as the core's
    Incoming; anything else: None."""
    user, chat = update.effective_user, update.effective_chat
    if user is None or chat is None or chat.type != chat.PRIVATE or user.is_bot:
        return None
    presence = None
    if update.callback_query is not None:
        text, payload = None, update.callback_query.data or ""
    elif update.message is not None and update.message.text is not None:
        text, payload = update.message.text, None
    elif update.my_chat_member is not None:
        text, payload = None, None
        gone = update.my_chat_member.new_chat_member.status in GONE
        presence = BLOCKED if gone else REACHABLE
    else:
        return None
    return Incoming(
        channel=CHANNEL,
        external_id=str(user.id),
        text=text,
        payload=payload,
        dedupe_key=str(update.update_id),
        locale_hint=user.language_code,
        chat_address=str(chat.id),
        presence=presence,
    )


REPLY_RETRIES = 3


def reply_retries() -> AIORateLimiter:
    """Replies are not paced (the person is waiting for them), but a 429 is honoured: wait
    ``retry_after``, then send again, up to a few times. Notifications and broadcasts go
    through the outbox and its paced sender instead."""
    return AIORateLimiter(overall_max_rate=0, group_max_rate=0, max_retries=REPLY_RETRIES)


def hint_locale_of(language_code: str | None) -> str:
    return hint_locale(Incoming(CHANNEL, "", locale_hint=language_code))


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
    parts = split_text(rendered.text)
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


def build_application(app: App, builder: ApplicationBuilder | None = None) -> Application:  # type: ignore[type-arg]
    """The PTB Application for ``app``; polling or webhook is the caller's choice.

    ``builder`` lets a benchmark bring its own request class; the token and URLs are ours.
    """
    settings = app.settings
    assert settings.telegram_token is not None
    application = (
        (builder or Application.builder())
        .token(settings.telegram_token.get_secret_value())
        .base_url(f"{settings.telegram_api_url}/bot")
        .base_file_url(f"{settings.telegram_api_url}/file/bot")
        .rate_limiter(reply_retries())
        .build()
    )

    async def on_update(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        incoming = to_incoming(update)
        if incoming is None:
            return
        pressed = None
        if update.callback_query is not None:
            await update.callback_query.answer()
            message = update.callback_query.message
            pressed = message.message_id if message is not None else None
        replies = await app.conversation.handle(incoming)  # committed from here on
        try:
            for reply in replies:
                chat_id = int(incoming.chat_address or 0)
                await send_reply(context.application, chat_id, reply, pressed)
        except TelegramError as error:
            raise RepliesNotSent from error

    application.add_handler(TypeHandler(Update, on_update))
    application.add_error_handler(log_error)
    return application


async def register_commands(application: Application) -> None:  # type: ignore[type-arg]
    """The menu commands, described in Indonesian by default and in English for en clients."""
    for locale in messages.LOCALES:
        commands = [
            BotCommand(name, messages.render(f"label/cmd_{name}", locale)) for name in MENU_COMMANDS
        ]
        language = None if locale == messages.DEFAULT_LOCALE else locale
        await application.bot.set_my_commands(commands, language_code=language)


class RepliesNotSent(Exception):
    """The update was handled and committed, but Telegram did not take our answer."""


async def log_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log a failed update by its id only (texts may carry personal data) and tell the
    person what happened: either their message was not processed (the transaction was
    rolled back, nothing half-done stays), or it was saved but our answer did not arrive."""
    update_id = update.update_id if isinstance(update, Update) else None
    log.error("update %s failed", update_id, exc_info=context.error)
    chat = update.effective_chat if isinstance(update, Update) else None
    if chat is not None and chat.type == chat.PRIVATE:
        user = update.effective_user if isinstance(update, Update) else None
        locale = hint_locale_of(user.language_code if user else None)
        saved = isinstance(context.error, RepliesNotSent)
        text = messages.render("menu/reply_lost" if saved else "menu/internal_error", locale)
        await context.bot.send_message(chat.id, text, parse_mode=ParseMode.HTML)


async def serve(app: App, stop: asyncio.Event, ready: asyncio.Event | None = None) -> None:
    """Run the Telegram bot until ``stop`` is set: webhook when configured, else long polling.

    ``ready`` is set once updates are being received (the webhook server is listening — PTB
    registers the webhook with Telegram a moment *before* its server accepts connections).
    """
    settings = app.settings
    application = build_application(app)
    async with application:
        await register_commands(application)
        updater = application.updater
        assert updater is not None
        if settings.telegram_webhook_url and settings.telegram_webhook_secret:
            path = "telegram"
            await updater.start_webhook(
                listen=settings.telegram_webhook_listen,
                port=settings.telegram_webhook_port,
                url_path=path,
                webhook_url=f"{settings.telegram_webhook_url}/{path}",
                secret_token=settings.telegram_webhook_secret.get_secret_value(),
                allowed_updates=ALLOWED_UPDATES,
            )
            log.info("Telegram bot: webhook on port %s", settings.telegram_webhook_port)
        else:
            await updater.start_polling(allowed_updates=ALLOWED_UPDATES)
            log.info("Telegram bot: long polling %s", settings.telegram_api_url)
        await application.start()
        if ready is not None:
            ready.set()
        await stop.wait()
        await updater.stop()
        await application.stop()
