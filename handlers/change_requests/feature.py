"""/perubahan (/changes) and its Approve / Reject buttons (``cr:approve:<id>``)."""

from __future__ import annotations

from handlers.change_requests import chat
from handlers.effects import Reply
from handlers.features import Button, Command, Feature, Turn


async def changes(turn: Turn, argument: str) -> list[Reply]:
    return await chat.listing(turn.uow, turn.person)


async def decide(turn: Turn, value: str) -> list[Reply]:
    return await chat.decide(turn.uow, turn.person, value, turn.now)


FEATURE = Feature(
    "change_requests",
    commands=(Command(("perubahan", "changes"), changes),),
    buttons=(Button("cr", decide),),
)
