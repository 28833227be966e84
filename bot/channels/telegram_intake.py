"""Receiving Telegram updates so that an update acknowledged is an update kept.

Long polling confirms an offset to Telegram only by asking for the next one, so each batch
is recorded (:class:`bot.intake.Intake`) before that next ``getUpdates``. The webhook answers
200 only once the update is recorded; anything else (a busy database) is a 503, and Telegram
delivers it again. The webhook checks the secret token before it reads a byte of the body,
and reads no more than :data:`MAX_BODY`.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import json
import logging
from typing import Any

from aiohttp import web
from telegram import Bot, Update
from telegram.error import InvalidToken, TelegramError, TimedOut

from bot.intake import Intake
from bot.patience import FAULTS
from storage.intake import Received, Recorded

log = logging.getLogger(__name__)

CHANNEL = "telegram"
POLL_TIMEOUT = 10  # seconds a getUpdates call waits for news
LONGEST_PAUSE = 30.0  # seconds between polls while Telegram is unreachable
MAX_BODY = 256 * 1024  # bytes: an update is a few KB; anything larger is refused unread
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"  # noqa: S105 (a header name)
WEBHOOK_PATIENCE = 20.0  # seconds a webhook request waits for a busy database, then 503
WEBHOOK_PATH = "telegram"


def received(update: Update, payload: str) -> Received:
    """An update as recorded: its id dedupes, its sender is its lane."""
    user = update.effective_user
    lane = f"user:{user.id}" if user is not None else f"update:{update.update_id}"
    return Received(CHANNEL, str(update.update_id), lane, payload)


def restored(row: Recorded, bot: Bot) -> Update:
    return Update.de_json(json.loads(row.payload), bot)


async def poll(bot: Bot, intake: Intake, allowed_updates: list[str], stop: asyncio.Event) -> None:
    """Long-poll until ``stop`` (or cancelled); each batch is recorded before its offset is
    confirmed, which happens by asking for the next batch."""
    await bot.delete_webhook()
    offset: int | None = None
    pause = 1.0
    try:
        while not stop.is_set():
            try:
                updates = await bot.get_updates(
                    offset=offset, timeout=POLL_TIMEOUT, allowed_updates=allowed_updates
                )
            except TimedOut:
                continue
            except InvalidToken:
                raise
            except TelegramError as error:
                log.warning("getUpdates failed (%s); trying again in %.0f s",
                            type(error).__name__, pause)  # fmt: skip
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stop.wait(), pause)
                pause = min(pause * 2, LONGEST_PAUSE)
                continue
            pause = 1.0
            if updates:
                await intake.record([received(update, update.to_json()) for update in updates])
                offset = updates[-1].update_id + 1
    finally:
        await confirm(bot, offset)


async def confirm(bot: Bot, offset: int | None) -> None:
    """Tell Telegram, on the way out, what was recorded (best effort: it is kept anyway)."""
    if offset is None:
        return
    try:
        await bot.get_updates(offset=offset, timeout=0, limit=1)
    except TelegramError as error:
        log.info("last offset not confirmed (%s)", type(error).__name__)


def webhook_app(bot: Bot, intake: Intake, secret: str) -> web.Application:
    """The webhook receiver: secret first, size capped, recorded before the 200."""
    expected = secret.encode()

    async def receive(request: web.Request) -> web.Response:
        given = request.headers.get(SECRET_HEADER, "").encode()
        if not hmac.compare_digest(given, expected):
            return web.Response(status=403)
        if request.content_length is not None and request.content_length > MAX_BODY:
            return web.Response(status=413)
        try:
            body = await request.read()  # client_max_size stops a chunked body at MAX_BODY
            data: Any = json.loads(body)
            update = Update.de_json(data, bot)
        except web.HTTPRequestEntityTooLarge:
            return web.Response(status=413)
        except (ValueError, TypeError, KeyError, AttributeError):
            return web.Response(status=400)
        try:
            await intake.record([received(update, body.decode())], give_up_after=WEBHOOK_PATIENCE)
        except FAULTS as error:
            log.warning("update %s not recorded (%s): answered 503, Telegram sends it again",
                        update.update_id, type(error).__name__)  # fmt: skip
            return web.Response(status=503)
        return web.Response(status=200)

    async def healthy(_: web.Request) -> web.Response:
        return web.Response(text="ok")

    application = web.Application(client_max_size=MAX_BODY)
    application.router.add_post(f"/{WEBHOOK_PATH}", receive)
    application.router.add_get("/healthz", healthy)
    return application


async def listen(
    bot: Bot, intake: Intake, *, host: str, port: int, url: str, secret: str,
    allowed_updates: list[str],
) -> web.AppRunner:  # fmt: skip
    """Start the webhook server, then tell Telegram where it is (in that order: an update
    posted the moment the webhook is set finds the server listening)."""
    runner = web.AppRunner(
        webhook_app(bot, intake, secret),
        access_log=None,
        lingering_time=0,  # a refused body is not read to its end: the connection is closed
        shutdown_timeout=WEBHOOK_PATIENCE + 5,
    )
    await runner.setup()
    await web.TCPSite(runner, host, port).start()
    await bot.set_webhook(
        f"{url}/{WEBHOOK_PATH}", secret_token=secret, allowed_updates=allowed_updates
    )
    return runner
