"""Live broadcast progress: one message per broadcast, edited in place.

While a broadcast sends, the coordinator who sent it — on the channel their notices go to
(IDP_NOTICE_CHANNEL) among the configured ones where they have an account — sees
"Terkirim: 3.200 / 10.000", "Gagal: 3", "Tidak dapat dihubungi: 1" … updated every few
seconds — the report's figures in the report's words (``handlers.broadcast.figures``); at the
end it shows the final figures and the delivery report follows as a message of its own
(through the outbox). Counts come from the outbox rows, so they are right across restarts and
workers.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from bot.app import App
from bot.channels.registry import ChannelSender, Part
from bot.outgoing import render_reply
from bot.pacing import Pacer
from bot.patience import keep_going
from handlers import broadcast
from handlers.delivery import Outcome
from handlers.effects import Reply
from handlers.ports import BroadcastRecord, UnitOfWork

log = logging.getLogger(__name__)

PROGRESS_EVERY = 2.5  # seconds between edits of the progress message


@dataclass(frozen=True)
class Screen:
    """A configured channel the progress may be shown on, with its sender's pacer."""

    channel: ChannelSender
    pacer: Pacer


class BroadcastProgress:
    def __init__(
        self,
        app: App,
        screens: Sequence[Screen],
        wake_sender: Callable[[], None] | None = None,
    ) -> None:
        self.app, self.screens = app, {screen.channel.name: screen for screen in screens}
        self._wake_sender = wake_sender
        self._shown: dict[int, str] = {}
        self._on: dict[int, str] = {}  # broadcast → the channel its message was shown on

    async def run(self, stop: asyncio.Event, every: float = PROGRESS_EVERY) -> None:

        async def tick_and_wait() -> None:
            await self.tick()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), every)

        await keep_going(tick_and_wait, "broadcast progress", stop)

    async def tick(self) -> list[int]:
        """Update every sending broadcast's message; close the finished ones (their ids)."""
        async with self.app.uow() as uow:
            started = await uow.broadcasts.started(self.app.clock.now())
        return [record.id for record in started if await self.update(record)]

    async def update(self, record: BroadcastRecord) -> bool:
        async with self.app.uow() as uow:
            found = await broadcast.load_report(uow, record.id)
            owner = await uow.employees.by_id(record.created_by) if record.created_by else None
            place = await self._place(uow, record.id, owner.id) if owner else None
        if found is None:
            return False
        if owner is not None and place is not None:
            screen, address = place
            rendered = render_reply(Reply(broadcast.progress_msg(found), owner.bahasa)).text
            text = screen.channel.text(rendered)
            if text != self._shown.get(record.id):
                await self._show(screen, record, address, text)
        if not found.complete:
            return False
        async with self.app.uow() as uow:
            closed = await broadcast.finish(uow, found, self.app.clock.now())
        self._shown.pop(record.id, None)
        self._on.pop(record.id, None)
        if closed and self._wake_sender is not None:
            self._wake_sender()  # the report waits in the outbox
        return closed

    async def _place(self, uow: UnitOfWork, broadcast_id: int, owner_id: int
                     ) -> tuple[Screen, str] | None:  # fmt: skip
        """Where the owner sees the progress: the channel it was first shown on (kept for the
        broadcast's life), else the one their notices go to, else any configured one where
        they have an account."""
        preferred = self._on.get(broadcast_id) or await uow.outbox.channel_for(owner_id)
        names = sorted(self.screens, key=lambda name: name != preferred)
        for name in names:
            address = await uow.outbox.address_of(owner_id, name)
            if address is not None:
                self._on[broadcast_id] = name
                return self.screens[name], address
        return None

    async def _show(self, screen: Screen, record: BroadcastRecord, address: str, text: str
                    ) -> None:  # fmt: skip
        channel = screen.channel
        await screen.pacer.turn(address)
        try:
            if record.progress_ref is None:
                ref = await channel.send(address, Part(text))
                async with self.app.uow() as uow:
                    await uow.broadcasts.set_progress_ref(record.id, ref)
                    await uow.commit()
            elif not await channel.edit(record.progress_ref, text):
                return
        except channel.errors as error:
            failure = channel.failure(error)
            if failure.outcome is Outcome.RATE_LIMITED:
                screen.pacer.pause(failure.retry_after)
            elif failure.outcome is Outcome.REJECTED:
                log.warning("broadcast %d: progress message refused (%s)", record.id, error)
                self._shown[record.id] = text
            else:
                log.info("broadcast %d: progress not shown now (%s)", record.id, failure.reason)
            return
        self._shown[record.id] = text
