"""/progres (/progress): refused to those it is not for before anything else; then the
cycle being planned, Formulir 1 and the dialogues. ``/progres besok`` (or a date): what the
scheduler would send that day (handlers/dialog/preview.py)."""

from __future__ import annotations

from handlers.access import Action, may
from handlers.dialog.progress import preview_command
from handlers.effects import Reply
from handlers.features import Command, Feature, Turn
from handlers.progress import overview


async def progress(turn: Turn, argument: str) -> list[Reply]:
    if not may(turn.person, Action.SEE_PROGRESS):
        return await overview(turn.uow, turn.person, 0)  # refused: not theirs to see
    if argument:
        return await preview_command(turn.uow, turn.person, argument, turn.now, turn.quiet)
    return await overview(turn.uow, turn.person, await turn.open_year(), turn.now)


FEATURE = Feature("progress", commands=(Command(("progres", "progress"), progress),))
