"""/siklus (/cycle), its confirmation button (``cy:open:<year>``), and what a command
needing an open cycle says when none is."""

from __future__ import annotations

from handlers.cycle import chat
from handlers.effects import Reply
from handlers.features import Button, Command, Feature, Turn


async def cycles(turn: Turn, argument: str) -> list[Reply]:
    return await chat.command(turn.uow, turn.person, argument, turn.now)


async def confirmed(turn: Turn, value: str) -> list[Reply]:
    return await chat.confirmed(turn.uow, turn.person, value, turn.now)


async def not_open(turn: Turn, argument: str) -> list[Reply]:
    return [await chat.not_open(turn.uow, turn.person, turn.now)]


FEATURE = Feature(
    "cycle",
    commands=(Command(("siklus", "cycle"), cycles),),
    buttons=(Button(chat.BUTTON, confirmed),),
)
