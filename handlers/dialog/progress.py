"""The coordinator's view of the dialogues (LAN 605/2025, Pelaksanaan step 6: the coordinator
monitors that the dialogues happen): plans per dialogue stage in each unit, and the
supervisors late to schedule, by name — the second part of ``/progres``; and the chat's way
to the preview of a day's messages (``/progres besok``)."""

from __future__ import annotations

from datetime import datetime

from handlers.access import Action, may
from handlers.broadcast import BroadcastRefused
from handlers.calendar import QuietHours
from handlers.cycle import agency_day
from handlers.dialog.nudge_run import load
from handlers.dialog.nudges import late_supervisors
from handlers.dialog.preview import PreviewDateError, day_asked, preview
from handlers.dialog.team import STAGE_ORDER, said, stage
from handlers.effects import Msg, Reply
from handlers.model import Employee
from handlers.ports import UnitOfWork

UNITS_SHOWN = 15
LATE_SHOWN = 20


async def dialogues(uow: UnitOfWork, year: int, at: datetime) -> Msg:
    """Plans per stage and unit, and the supervisors past the reminder, most plans first."""
    by_unit: dict[str, dict[str, int]] = {}
    for row in await uow.oversight.stages_by_unit(year):
        counts = by_unit.setdefault(row.unit, {})
        counts[stage(row.status)] = counts.get(stage(row.status), 0) + row.plans
    units = [{"unit": unit, "stages": [{"stage": said(s), "count": counts[s]}
                                       for s in STAGE_ORDER if s in counts]}
             for unit, counts in sorted(by_unit.items())]  # fmt: skip
    day = agency_day(at)
    state = await load(uow, day)
    late = late_supervisors(state, day) if state is not None else {}
    ranked = sorted(late.items(), key=lambda entry: (-entry[1], entry[0]))
    return Msg("dialog/team/progress", {
        "year": year, "units": units[:UNITS_SHOWN], "more_units": max(0, len(units) - UNITS_SHOWN),
        "late": [{"name": name, "plans": plans} for name, plans in ranked[:LATE_SHOWN]],
        "more_late": max(0, len(ranked) - LATE_SHOWN),
        "days": state.settings.remind_supervisor if state else 0,
    })  # fmt: skip


async def preview_command(
    uow: UnitOfWork, person: Employee, argument: str, at: datetime, quiet: QuietHours
) -> list[Reply]:
    """``/progres besok`` (or a date): what the scheduler would send that day."""
    if not may(person, Action.SEE_PROGRESS):
        return [Reply(BroadcastRefused("progress_not_allowed").msg(), person.bahasa)]
    try:
        day = day_asked(argument, agency_day(at))
    except PreviewDateError:
        return [Reply(Msg("dialog/team/preview_date", {"given": argument}), person.bahasa)]
    return [Reply(await preview(uow, day, quiet), person.bahasa)]
