"""The check-in part of ``/progres`` (handlers/progress/feature.py dispatches here): an
employee's own JP and items, a supervisor's team with its chart, and — ``/progres checkin``
— a coordinator's units with theirs; the chart's XLSX button; ``/progres rekap``: every
check-in of the year as XLSX, for the coordinator."""

from __future__ import annotations

from handlers.access import Action, may
from handlers.effects import Msg, Reply
from handlers.features import Button, NoCycle, Turn
from handlers.report.checkins_workbook import checkins_attachment
from handlers.report.progress import (
    TEAM,
    UNITS,
    checkins_running,
    grouped_report,
    own,
    team_members,
    workbook_reply,
)

CHECKIN_WORDS = ("checkin", "check-in")  # /progres checkin
RECAP_WORDS = ("rekap", "recap")  # /progres rekap


async def checkin_year(turn: Turn) -> int:
    found = await checkins_running(turn.uow, turn.now)
    if found is None:
        raise NoCycle
    return found


async def personal(turn: Turn) -> list[Reply]:
    """``/progres`` for an employee: their own year; for a supervisor, their team's too."""
    year = await checkin_year(turn)
    replies = [await own(turn.uow, turn.person, year, turn.now)]
    if await team_members(turn.uow, turn.person, year, turn.now):
        replies += await grouped_report(turn.uow, turn.person, year, turn.now, TEAM)
    return replies


async def checkins(turn: Turn) -> list[Reply]:
    """``/progres checkin``: the coordinator's units; anyone else's own year (and team)."""
    if may(turn.person, Action.SEE_PROGRESS):
        year = await checkin_year(turn)
        return await grouped_report(turn.uow, turn.person, year, turn.now, UNITS)
    return await personal(turn)


async def recap(turn: Turn) -> list[Reply]:
    """``/progres rekap``: every check-in of the year as XLSX (coordinators and admins)."""
    if not may(turn.person, Action.SEE_PROGRESS):
        return [Reply(Msg("report/not_allowed", {"kind": UNITS}), turn.person.bahasa)]
    year = await checkin_year(turn)
    file, rows = await checkins_attachment(turn.uow, year, turn.person.bahasa)
    return [Reply(Msg("report/checkins_sent", {"year": year, "rows": rows}), turn.person.bahasa,
                  attachment=file)]  # fmt: skip


async def workbook_pressed(turn: Turn, kind: str) -> list[Reply]:
    year = await checkin_year(turn)
    return await workbook_reply(turn.uow, turn.person, year, turn.now,
                                UNITS if kind == UNITS else TEAM)  # fmt: skip


XLSX_BUTTON = Button("report:xlsx", workbook_pressed, shows_form=False)
