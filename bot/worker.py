"""The background of ``idp-bot run`` and ``idp-bot worker``: scheduler ticks, the outbox
sender and the live broadcast progress — in the one process that leads (see bot.leader)."""

from __future__ import annotations

import asyncio
import logging

from bot.app import App
from bot.leader import Leadership
from bot.pacing import Pacer
from bot.patience import patiently
from bot.progress import BroadcastProgress
from bot.scheduler import build_scheduler
from bot.sender import TelegramSender, telegram_bot

log = logging.getLogger(__name__)

WATCH_EVERY = 5.0  # seconds between checks that this process still leads


async def run_background(app: App, stop: asyncio.Event) -> None:
    """Lead (or wait to), then tick, send and report progress until ``stop``; if leadership
    is lost (the lock's connection died), stop sending and wait to lead again."""
    leadership = Leadership(app.engine)
    try:
        while await leadership.acquire(stop):
            await lead(app, leadership, stop)
    finally:
        await leadership.release()


async def lead(app: App, leadership: Leadership, stop: asyncio.Event) -> None:
    settings = app.settings
    inner = asyncio.Event()
    sender: TelegramSender | None = None
    tasks: list[asyncio.Task[None]] = []
    if settings.telegram_token is None:
        log.warning("no IDP_TELEGRAM_TOKEN: scheduling only, nothing is sent")
        scheduler = build_scheduler(app)
        scheduler.start()
    else:
        pacer = Pacer(settings.telegram_rate_global, settings.telegram_rate_per_chat)
        bot = telegram_bot(settings)
        await bot.initialize()
        sender = TelegramSender(app, bot, pacer)
        await patiently(sender.recover, "taking back unsent messages", stop=stop)
        progress = BroadcastProgress(app, bot, pacer, sender.wake)
        scheduler = build_scheduler(app, sender.wake)
        scheduler.start()
        tasks = [asyncio.create_task(sender.run(inner)), asyncio.create_task(progress.run(inner))]
    try:
        await watch(leadership, stop, tasks)
    finally:
        inner.set()
        scheduler.shutdown(wait=False)
        await asyncio.gather(*tasks)
        if sender is not None:
            await sender.bot.shutdown()


async def watch(
    leadership: Leadership, stop: asyncio.Event, tasks: list[asyncio.Task[None]]
) -> None:
    """Return when ``stop`` is set, this process no longer leads, or a task ended (its error
    is raised where the tasks are gathered)."""
    stopping = asyncio.create_task(stop.wait())
    try:
        while not stop.is_set():
            await asyncio.wait([stopping, *tasks], timeout=WATCH_EVERY,
                               return_when=asyncio.FIRST_COMPLETED)  # fmt: skip
            if any(task.done() for task in tasks):
                return
            if not stop.is_set() and not await leadership.held():
                log.warning("lost the scheduler lock; stopping delivery until it is back")
                return
    finally:
        stopping.cancel()


def start_background(app: App, stop: asyncio.Event) -> asyncio.Task[None]:
    """Run :func:`run_background` as a task; if it fails, ``stop`` the whole process (its
    error is raised where the task is awaited) rather than run on without delivery."""
    task = asyncio.create_task(run_background(app, stop))

    def on_done(done: asyncio.Task[None]) -> None:
        if not done.cancelled() and done.exception() is not None:
            log.error("delivery stopped by an error; stopping the process")
            stop.set()

    task.add_done_callback(on_done)
    return task
