"""/progres (/progress): refused to those it is not for before anything else; then the
cycle being planned."""

from __future__ import annotations

from handlers.access import Action, may
from handlers.effects import Reply
from handlers.features import Command, Feature, Turn
from handlers.progress import overview


async def progress(turn: Turn, argument: str) -> list[Reply]:
    if not may(turn.person, Action.SEE_PROGRESS):
        return await overview(turn.uow, turn.person, 0)  # refused: not theirs to see
    return await overview(turn.uow, turn.person, await turn.open_year())


FEATURE = Feature("progress", commands=(Command(("progres", "progress"), progress),))
