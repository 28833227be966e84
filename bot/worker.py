"""The background of ``idp-bot run`` and ``idp-bot worker``: scheduler ticks, the outbox
sender and the live broadcast progress — in the one process that leads (see bot.leader)."""

from __future__ import annotations

import asyncio
import logging

from bot.app import App
from bot.channels import installed, registry
from bot.leader import Leadership
from bot.patience import patiently
from bot.progress import BroadcastProgress, Screen
from bot.scheduler import build_scheduler
from bot.sender import OutboxSender, pacer_for

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
    """One outbox sender per configured channel (:mod:`bot.channels.registry`); the first
    also settles the rows of people with no account and shows broadcast progress."""
    inner = asyncio.Event()
    plugins = registry.configured(app.settings)
    if not plugins:
        log.warning("no channel configured (%s): scheduling only, nothing is sent",
                    ", ".join(installed.SETTINGS_HINT))  # fmt: skip
    senders = []
    for index, plugin in enumerate(plugins):
        channel = await plugin.open(app)
        senders.append(OutboxSender(app, channel, pacer_for(channel), unbound=index == 0))
    if senders:  # the one leader: every claim left is a dead sender's, whatever its channel
        await patiently(senders[0].recover, "taking back unsent messages", stop=stop)

    def wake() -> None:
        for sender in senders:
            sender.wake()

    scheduler = build_scheduler(app, wake if senders else None)
    scheduler.start()
    tasks = [asyncio.create_task(sender.run(inner)) for sender in senders]
    tasks += [asyncio.create_task(sender.channel.upkeep(app, inner)) for sender in senders]
    if senders:
        screens = [Screen(sender.channel, sender.pacer) for sender in senders]
        progress = BroadcastProgress(app, screens, wake)
        tasks.append(asyncio.create_task(progress.run(inner)))
    try:
        await watch(leadership, stop, tasks)
    finally:
        inner.set()
        scheduler.shutdown(wait=False)
        await asyncio.gather(*tasks)
        for sender in senders:
            await sender.channel.close()


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
