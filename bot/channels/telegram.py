"""Telegram channel (python-telegram-bot 22): updates in, the core's replies out as HTML."""

from __future__ import annotations

import asyncio
import logging

from telegram import (
    BotCommand,
    ChatMember,
    Update,
)
from telegram.constants import ParseMode
from telegram.error import TelegramError
from telegram.ext import (
    Application,
    ApplicationBuilder,
    ContextTypes,
    TypeHandler,
)

import messages
from bot.app import App
from bot.channels import telegram_intake
from bot.channels.telegram_files import TelegramFiles
from bot.channels.telegram_replies import ReplyRetries, answer_quietly, send_reply
from bot.intake import STOP_GRACE, Intake
from bot.outgoing import telegram_html
from bot.patience import patiently
from handlers.conversation import hint_locale
from handlers.effects import BLOCKED, REACHABLE, Document, Incoming
from storage.intake import Recorded

log = logging.getLogger(__name__)

CHANNEL = "telegram"
ALLOWED_UPDATES = ["message", "callback_query", "my_chat_member"]
MENU_COMMANDS = (
    "isi",
    "rencana",
    "triwulan",
    "kembali",
    "lewati",
    "batal",
    "profil",
    "bahasa",
    "bantuan",
    "start",
)
PHOTO_NAME = "foto.jpg"  # Telegram sends photos compressed, as JPEG, without a name
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
    elif update.message is not None and (update.message.document or update.message.photo):
        text, payload = update.message.caption or "", None  # a file: its caption, if any
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
        document=document_of(update),
    )


def document_of(update: Update) -> Document | None:
    """The file a message carries, by reference: fetched only if a use case wants it."""
    found = update.message.document if update.message is not None else None
    photos = update.message.photo if update.message is not None else ()
    if found is None and photos:  # a photo sent as a photo: its largest size, as a JPEG
        largest = max(photos, key=lambda size: size.file_size or size.width * size.height)
        return Document(largest.file_id, PHOTO_NAME, largest.file_size or 0, "image/jpeg")
    if found is None:
        return None
    return Document(found.file_id, found.file_name or "berkas", found.file_size or 0,
                    found.mime_type)  # fmt: skip


def hint_locale_of(language_code: str | None) -> str:
    return hint_locale(Incoming(CHANNEL, "", locale_hint=language_code))


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
        .rate_limiter(ReplyRetries())
        .updater(None)  # updates come in through bot.channels.telegram_intake
        .build()
    )

    async def on_update(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        incoming = to_incoming(update)
        if incoming is None:
            return
        replies = await patiently(  # a busy database is waited for, the update kept meanwhile
            lambda: app.conversation.handle(incoming), "handling an update"
        )  # committed from here on
        pressed = None
        if update.callback_query is not None:
            await answer_quietly(update.callback_query)
            message = update.callback_query.message
            pressed = message.message_id if message is not None else None
        try:
            for reply in replies:
                chat_id = int(incoming.chat_address or 0)
                await send_reply(context.application, chat_id, reply, pressed)
        except TelegramError as error:
            raise RepliesNotSent from error

    app.conversation.take_files(CHANNEL, TelegramFiles(application.bot))
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
        await context.bot.send_message(chat.id, telegram_html(text), parse_mode=ParseMode.HTML)


async def serve(
    app: App,
    stop: asyncio.Event,
    ready: asyncio.Event | None = None,
    *,
    sole_receiver: bool = True,
) -> None:
    """Run the Telegram bot until ``stop`` is set: webhook when configured, else long polling.

    Every update is recorded before Telegram is told it arrived, and handled from that record
    (see :mod:`bot.intake`). ``sole_receiver``: no other process receives updates (``idp-bot
    run``), so whatever was recorded and not handled is this process's to handle at start;
    ``idp-bot web`` processes take up only what a sibling left past its lease. ``ready`` is
    set once updates are being received.
    """
    settings = app.settings
    application = build_application(app)
    async with application:
        await register_commands(application)
        bot = application.bot

        async def handle(row: Recorded) -> None:
            await application.process_update(telegram_intake.restored(row, bot))

        intake = Intake(app, handle, siblings=not sole_receiver)
        await intake.recover(every_claim=sole_receiver)
        sweeper = asyncio.create_task(intake.sweep(stop))
        runner, poller = None, None
        if settings.telegram_webhook_url and settings.telegram_webhook_secret:
            runner = await telegram_intake.listen(
                bot, intake,
                host=settings.telegram_webhook_listen, port=settings.telegram_webhook_port,
                url=settings.telegram_webhook_url,
                secret=settings.telegram_webhook_secret.get_secret_value(),
                allowed_updates=ALLOWED_UPDATES,
            )  # fmt: skip
            log.info("Telegram bot: webhook on port %s", settings.telegram_webhook_port)
        else:
            poller = asyncio.create_task(telegram_intake.poll(bot, intake, ALLOWED_UPDATES, stop))
            log.info("Telegram bot: long polling %s", settings.telegram_api_url)
        if ready is not None:
            ready.set()
        grace = STOP_GRACE
        try:
            await wait_for_stop(stop, poller)
        except asyncio.CancelledError:
            grace = 0.0  # cancelled: stop at once; what is under way stays recorded
            raise
        finally:
            if poller is not None:
                poller.cancel()
                await asyncio.gather(poller, return_exceptions=True)
            if runner is not None:
                await runner.cleanup()
            sweeper.cancel()
            await intake.close(grace)
            await asyncio.gather(sweeper, return_exceptions=True)


async def wait_for_stop(stop: asyncio.Event, poller: asyncio.Task[None] | None) -> None:
    """Until ``stop`` — or the poller failed (a revoked token): its error is raised here."""
    stopping = asyncio.create_task(stop.wait())
    try:
        await asyncio.wait({stopping, *([poller] if poller else [])},
                           return_when=asyncio.FIRST_COMPLETED)  # fmt: skip
    finally:
        stopping.cancel()
    if poller is not None and poller.done() and not poller.cancelled():
        poller.result()
