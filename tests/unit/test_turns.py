"""Every update is handled holding its sender's turn (on PostgreSQL, a per-person advisory lock
across processes), taken before anything is read — even a replayed or an unbound one."""

from __future__ import annotations

from handlers.conversation import Conversation
from handlers.effects import Incoming
from tests.conftest import FakeClock
from tests.unit.journey_steps import CHANNEL, CHAT, budi_database


async def test_each_update_takes_its_senders_turn_first() -> None:
    database = budi_database()
    conversation = Conversation(database.uow, FakeClock())
    await conversation.handle(Incoming(CHANNEL, CHAT, text="/profil", dedupe_key="1"))
    await conversation.handle(Incoming(CHANNEL, CHAT, text="/profil", dedupe_key="1"))  # replay
    await conversation.handle(Incoming(CHANNEL, "9999", text="halo", dedupe_key="2"))  # unbound
    assert database.turns == [(CHANNEL, CHAT), (CHANNEL, CHAT), (CHANNEL, "9999")]
