"""``/riwayat`` (``/history``): a plan's audit trail — who, what, when, the note, the fields
changed — for those who may see the plan: the employee's own plan of this cycle by default,
a report's through the button of /bawahan."""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime

from handlers.calendar import local
from handlers.dialog.history_lines import date_noted, summarize
from handlers.dialog.rights import AccessRefused, Action, check
from handlers.effects import Msg, Reply
from handlers.model import Employee, Zone
from handlers.ports import Plan, UnitOfWork


async def own(uow: UnitOfWork, person: Employee, year: int, at: datetime) -> list[Reply]:
    """/riwayat: the history of the person's own plan of ``year``."""
    plan = await uow.plans.for_year(person.id, year)
    if plan is None:
        return [Reply(Msg("form1/no_plan", {"year": year}), person.bahasa)]
    return await trail(uow, person, plan.id, at)


async def trail(uow: UnitOfWork, reader: Employee, plan_id: int, at: datetime) -> list[Reply]:
    """The plan's audit trail as ``reader`` may see it, times on their clock."""
    try:
        access = await check(uow, reader, plan_id, Action.HISTORY, at)
    except AccessRefused as refusal:
        return [Reply(refusal.msg(), reader.bahasa)]
    whose = None if access.owner.id == reader.id else access.owner.nama
    context = await trail_context(uow, access.plan, whose, reader.zona_waktu)
    return [Reply(Msg("dialog/team/history", context), reader.bahasa)]


async def trail_context(
    uow: UnitOfWork, plan: Plan, owner: str | None, zone: Zone
) -> dict[str, object]:
    """The context of ``dialog/team/history``: ``plan``'s audit trail in words, times on
    ``zone``'s clock, each mover by name (also what ``idp-bot plan history`` prints)."""
    names: dict[int, str] = {}
    rows = []
    for event in await uow.plan_records.events(plan.id):
        who = event.employee_id
        if who is not None and who not in names:
            found = await uow.employees.by_id(who)
            names[who] = found.nama if found else "?"
        proposed = date_noted(event.event, event.note, zone)
        rows.append({
            "at": local(event.at, zone), "event": event.event,
            "from_state": event.from_state, "to_state": event.to_state,
            "who": names.get(who) if who is not None else None, "operator": event.operator,
            "note": None if proposed else event.note, "proposed": proposed,
            "changes": asdict(summarize(event.changes)),
        })  # fmt: skip
    return {"year": plan.year, "status": plan.status, "owner": owner, "events": rows,
            "zone": zone.value}  # fmt: skip
