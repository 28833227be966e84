"""A channel registered in the test, unknown to the core: the outbox sender claims its rows,
renders them in its format at its own length limit, delivers them to its addresses, and its
error mapping decides what becomes of each row — with no change outside this file."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from bot.app import App
from bot.channels import registry
from bot.channels.registry import Failure, Limits, Part
from bot.config import Settings
from bot.outgoing import render_reply
from bot.sender import OutboxSender, pacer_for
from handlers.effects import Msg, Reply
from handlers.outbox import Kind, OutboxItem, OutboxMessage
from storage.outbox import OutboxRow, UnreachableRow
from tests.delivery_support import load_people

NAME = "pigeon"


class PigeonGone(Exception):
    """The pigeon's owner moved away."""


class PigeonChannel:
    name = NAME
    errors: tuple[type[Exception], ...] = (PigeonGone,)
    mailbox = False
    limits = Limits(overall=500.0, per_chat=100.0, text=40)

    def __init__(self) -> None:
        self.delivered: list[tuple[str | None, str]] = []
        self.gone: set[str] = set()

    def parts(self, item: OutboxItem) -> Sequence[Part]:
        rendered = render_reply(Reply(Msg(item.template, item.context), item.locale))
        text = self.text(rendered.text)
        limit = self.limits.text or len(text)
        return [Part(text[i : i + limit]) for i in range(0, len(text), limit)]

    def text(self, rendered: str) -> str:
        return rendered.upper()

    async def send(self, address: str | None, part: Part) -> str:
        if address in self.gone:
            raise PigeonGone
        self.delivered.append((address, part.text))
        return f"{address}:{len(self.delivered)}"

    async def edit(self, ref: str, text: str) -> bool:
        return False

    def failure(self, error: Exception) -> Failure:
        return Failure.gone("moved away")

    async def close(self) -> None:
        return None


class PigeonPlugin:
    name = NAME

    def __init__(self) -> None:
        self.channel = PigeonChannel()

    def configured(self, settings: Settings) -> bool:
        return True

    async def open(self, app: App) -> PigeonChannel:
        return self.channel


@pytest.fixture
def pigeon() -> AsyncIterator[PigeonPlugin]:
    plugin = PigeonPlugin()
    registry.register(plugin)
    yield plugin
    registry.unregister(NAME)


async def bind_pigeon(app: App, employee_id: int, address: str) -> None:
    async with app.uow() as uow:  # newer than the Telegram binding: the one used now
        await uow.accounts.bind(NAME, address, employee_id, address, datetime.now(UTC))
        await uow.commit()


async def queue(app: App, employee_id: int, text: str) -> None:
    message = OutboxMessage(
        employee_id, Kind.NOTIFICATION, "broadcast/message", {"text": text}, app.clock.now()
    )
    async with app.uow() as uow:
        assert await uow.outbox.enqueue(message, app.clock.now())
        await uow.commit()


async def test_the_core_delivers_through_a_channel_it_does_not_know(
    app: App, pigeon: PigeonPlugin
) -> None:
    budi, siti, tono = await load_people(app, 3)
    await bind_pigeon(app, budi.employee_id, "loft-1")
    await bind_pigeon(app, siti.employee_id, "loft-2")
    pigeon.channel.gone.add("loft-2")
    for person in (budi, siti, tono):
        await queue(app, person.employee_id, "Rapat IDP hari Senin, jangan lupa membawa catatan")

    [plugin] = [p for p in registry.configured(app.settings) if p.name == NAME]
    channel = await plugin.open(app)
    sender = OutboxSender(app, channel, pacer_for(channel), unbound=False)
    assert await sender.send_due() == 2, "Budi's and Siti's: Tono's is Telegram's"

    texts = [text for address, text in pigeon.channel.delivered if address == "loft-1"]
    assert len(texts) > 1 and all(len(t) <= 40 for t in texts), "split at the pigeon's limit"
    assert "".join(texts).startswith("RAPAT IDP HARI SENIN"), "in the pigeon's format"
    async with app.engine.connect() as connection:
        rows = dict(
            (await connection.execute(select(OutboxRow.employee_id, OutboxRow.status))).all()
        )
        gone = (
            await connection.execute(select(UnreachableRow.employee_id, UnreachableRow.channel))
        ).all()
    assert rows == {budi.employee_id: "sent", siti.employee_id: "unreachable",
                    tono.employee_id: "pending"}  # fmt: skip
    assert gone == [(siti.employee_id, NAME)], "the pigeon's 'gone' marks Siti unreachable there"
