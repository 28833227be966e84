"""/progres (/progress): for coordinators and admins the cycle being planned, Formulir 1 and
the dialogues; ``/progres besok`` (or a date): what the scheduler would send that day
(handlers/dialog/preview.py); ``/progres checkin``: the check-ins per unit with a chart
(handlers/report/); ``/progres rekap``: every check-in as XLSX. Anyone else sees their own
JP and items, and a supervisor their team."""

from __future__ import annotations

from handlers.access import Action, may
from handlers.dialog.progress import preview_command
from handlers.effects import Reply
from handlers.features import Command, Feature, Turn
from handlers.progress import overview
from handlers.report.feature import (
    CHECKIN_WORDS,
    RECAP_WORDS,
    XLSX_BUTTON,
    checkins,
    personal,
    recap,
)


async def progress(turn: Turn, argument: str) -> list[Reply]:
    word = argument.strip().lower()
    if word in CHECKIN_WORDS:
        return await checkins(turn)
    if word in RECAP_WORDS:
        return await recap(turn)
    if not may(turn.person, Action.SEE_PROGRESS):
        return await personal(turn)
    if argument:
        return await preview_command(turn.uow, turn.person, argument, turn.now, turn.quiet)
    return await overview(turn.uow, turn.person, await turn.open_year(), turn.now)


FEATURE = Feature("progress", commands=(Command(("progres", "progress"), progress),),
                  buttons=(XLSX_BUTTON,))  # fmt: skip
