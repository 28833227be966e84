"""``/progres`` (``/progress``): where the cycle stands, for learning coordinators and
admins — how many employees have not started Formulir 1, are filling it, or have sent it,
overall and per unit kerja (the units furthest behind first), with the reminder and
broadcast commands that act on it."""

from __future__ import annotations

from datetime import datetime

from handlers.access import Action, may
from handlers.broadcast import BroadcastRefused
from handlers.dialog.progress import dialogues
from handlers.effects import Msg, Reply
from handlers.model import Employee
from handlers.ports import UnitOfWork, UnitProgress

UNITS_SHOWN = 15  # the units furthest behind; the rest are summed up in one line


def behind(unit: UnitProgress) -> tuple[float, str]:
    """Units with the largest share not yet sent first; then by name."""
    return (unit.submitted / unit.employees if unit.employees else 1.0, unit.unit)


async def overview(
    uow: UnitOfWork, person: Employee, year: int, at: datetime | None = None
) -> list[Reply]:
    """Formulir 1 per unit; with ``at``, the dialogues too (handlers/dialog/progress.py)."""
    if not may(person, Action.SEE_PROGRESS):
        return [Reply(BroadcastRefused("progress_not_allowed").msg(), person.bahasa)]
    units = sorted(await uow.plans.progress_by_unit(year), key=behind)
    total = {
        "employees": sum(u.employees for u in units),
        "started": sum(u.started for u in units),
        "submitted": sum(u.submitted for u in units),
    }
    shown = [vars(u) for u in units[:UNITS_SHOWN]]
    context = {"year": year, **total, "units": shown, "more_units": len(units) - len(shown)}
    replies = [Reply(Msg("progres/overview", context), person.bahasa)]
    if at is not None:
        replies.append(Reply(await dialogues(uow, year, at), person.bahasa))
    return replies
