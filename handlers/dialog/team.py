"""``/bawahan`` (``/team``): a supervisor's reports — direct, and those they act for (Plt/Plh)
— each with the stage of their plan this cycle, and buttons to read a sent plan and its
history (the plan view and /riwayat, each checking access again)."""

from __future__ import annotations

from collections import Counter
from datetime import datetime

from handlers.calendar import local
from handlers.cycle import agency_day
from handlers.dialog.oversight_ports import ActingAssignment, TeamMember
from handlers.dialog.slot import shown
from handlers.effects import Button, Msg, Reply
from handlers.model import SENT, Employee
from handlers.ports import UnitOfWork

BUTTONS_SHOWN = 20  # reports whose plan gets buttons (a keyboard has room for so many)
NOT_STARTED, FILLING = "not_started", "filling"
STAGE_ORDER = (NOT_STARTED, FILLING, "returned", "submitted", "scheduled", "in_dialogue",
               "awaiting_confirm", "agreed", "verified")  # fmt: skip


def stage(status: str | None) -> str:
    """A plan's stage as /bawahan says it: its state, or not started / filling in."""
    if status is None:
        return NOT_STARTED
    return FILLING if status == "draft" else status


def said(stage_name: str) -> Msg:
    """A stage in words, in the reader's language."""
    return Msg("dialog/team/stage", {"stage": stage_name})


async def team_of(
    uow: UnitOfWork, person: Employee, year: int, at: datetime
) -> tuple[list[TeamMember], list[ActingAssignment]]:
    """The person's reports with their plans of ``year`` — direct, and those they act for on
    ``at``'s day — and the acting assignments that bring them in."""
    mine = [a for a in await uow.oversight.acting(on=agency_day(at)) if a.acting_id == person.id]
    members = await uow.oversight.team(
        person.id, [a.employee_id for a in mine if a.employee_id is not None],
        [a.unit for a in mine if a.unit is not None], year,
    )  # fmt: skip
    return members, mine


async def team(uow: UnitOfWork, person: Employee, year: int, at: datetime) -> list[Reply]:
    """List the person's team with each plan's stage; say so when they have none."""
    members, mine = await team_of(uow, person, year, at)
    if not members:
        return [Reply(Msg("dialog/team/empty", {"year": year}), person.bahasa)]
    rows = [{"nama": m.nama, "jabatan": m.jabatan, "stage": said(stage(m.status)),
             "acting": m.acting, "since": local(m.since, person.zona_waktu) if m.since else None,
             "scheduled": await scheduled(uow, m, person)}
            for m in members]  # fmt: skip
    counts = Counter(stage(m.status) for m in members)
    summary = [{"stage": said(s), "count": counts[s]} for s in STAGE_ORDER if counts[s]]
    buttons = tuple(
        (Button(Msg("label/view_plan", {"name": m.nama}), f"plan:view:{m.plan_id}"),
         Button(Msg("label/plan_history", {"name": m.nama}), f"plan:history:{m.plan_id}"))
        for m in members if m.plan_id is not None and m.status in SENT
    )[:BUTTONS_SHOWN]  # fmt: skip
    checkins = (Button(Msg("checkin/label", {"key": "team"}), "ci:team:0"),)  # handlers/checkin
    context = {"year": year, "members": rows, "summary": summary, "acting": len(mine)}
    return [Reply(Msg("dialog/team/list", context), person.bahasa, (*buttons, checkins))]


async def scheduled(
    uow: UnitOfWork, member: TeamMember, reader: Employee
) -> dict[str, object] | None:
    """The agreed dialog kinerja date of the member's plan on the reader's clock, if any."""
    if member.plan_id is None or member.status not in SENT:
        return None
    appointment = await uow.dialog.appointment(member.plan_id)
    if appointment is None or appointment.starts_at is None:
        return None
    return shown(appointment.starts_at, reader.zona_waktu)
