"""Recording delivery outcomes as soon as Telegram answered, many in one transaction.

Each delivery waits until its outcome is committed. The first outcome to arrive opens a
short window (:data:`GATHER`); what arrives meanwhile, and while a write is under way, is
written together (group commit): at 300 messages/s a transaction carries a few messages
instead of one, at 30/s it still carries one, 20 ms later. Only outcomes inside that window
can be lost with the process — their messages count as uncertain and go once more.
"""

from __future__ import annotations

import asyncio
import random

from bot.app import App
from bot.patience import patiently
from handlers.delivery import Attempt, RecordingTime, RetryPolicy, record_attempts
from handlers.outbox import OutboxItem, Settlement

Waiting = tuple[OutboxItem, Attempt, "asyncio.Future[Settlement | None]"]
GATHER = 0.02  # seconds the first outcome waits for others to share its transaction


class OutcomeRecorder:
    def __init__(self, app: App, worker: str, channel: str, policy: RetryPolicy) -> None:
        self.app, self.worker, self.channel, self.policy = app, worker, channel, policy
        self._waiting: list[Waiting] = []
        self._writing = False

    async def record(self, item: OutboxItem, attempt: Attempt) -> Settlement | None:
        """Record an outcome as soon as possible; outcomes that arrive while a write is under
        way are written together in the next transaction (group commit)."""
        done: asyncio.Future[Settlement | None] = asyncio.get_running_loop().create_future()
        self._waiting.append((item, attempt, done))
        if not self._writing:
            self._writing = True
            try:
                await asyncio.sleep(GATHER)
                while self._waiting:
                    batch, self._waiting = self._waiting, []
                    await self._write(batch)
            except BaseException:
                if done.done() and not done.cancelled():
                    done.exception()  # raised here, directly: not left unretrieved
                raise
            finally:
                self._writing = False
                for _, _, waiting in self._waiting:  # the writer was cancelled
                    waiting.cancel()
                self._waiting = []
        return await done

    async def _write(self, batch: list[Waiting]) -> None:
        at = RecordingTime(self.app.clock.now(), self.policy, lambda: random.uniform(0.5, 1.0))  # noqa: S311
        outcomes = [(item, attempt) for item, attempt, _ in batch]

        async def write() -> list[Settlement | None]:
            async with self.app.uow() as uow:
                return await record_attempts(uow, outcomes, self.worker, self.channel, at)

        try:  # Telegram took the message: its outcome is kept until the database takes it
            settled = await patiently(write, "recording delivery outcomes")
        except BaseException as error:
            for _, _, waiting in batch:
                if waiting.done():
                    continue
                if isinstance(error, asyncio.CancelledError):
                    waiting.cancel()
                else:
                    waiting.set_exception(error)
            raise
        for (_, _, waiting), settlement in zip(batch, settled, strict=True):
            if not waiting.done():
                waiting.set_result(settlement)
