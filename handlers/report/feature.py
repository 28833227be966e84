"""The check-in part of ``/progres`` (handlers/progress/feature.py dispatches here): an
employee's own JP and items, a supervisor's team with its chart, and — ``/progres checkin``
— a coordinator's units with theirs; the chart's XLSX button."""

from __future__ import annotations

from handlers.access import Action, may
from handlers.cycle import agency_day, cycle_on
from handlers.effects import Reply
from handlers.features import Button, NoCycle, Turn
from handlers.report.progress import TEAM, UNITS, grouped_report, own, team_members, workbook_reply

CHECKIN_WORDS = ("checkin", "check-in")  # /progres checkin


async def checkin_year(turn: Turn) -> int:
    """The cycle whose check-ins run now: this calendar year's when it is open (in Q4 the
    next year's may be the one planned already), else the one being planned."""
    cycles = await turn.uow.cycles.all()
    today = agency_day(turn.now)
    this_year = next((c for c in cycles if c.year == today.year), None)
    found = this_year or cycle_on(cycles, today)
    if found is None:
        raise NoCycle
    return found.year


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


async def workbook_pressed(turn: Turn, kind: str) -> list[Reply]:
    year = await checkin_year(turn)
    return await workbook_reply(turn.uow, turn.person, year, turn.now,
                                UNITS if kind == UNITS else TEAM)  # fmt: skip


XLSX_BUTTON = Button("report:xlsx", workbook_pressed, shows_form=False)
