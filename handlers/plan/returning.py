"""Return a sent plan to the employee with a note (the one transition beyond submit wired
now): the supervisor (direct), a coordinator or an admin. The employee is told with the
note; their Formulir 1 reopens at its review with every answer kept, and sending it again
adds a second submission (both stay, with the moves in the audit log)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from handlers.dialog import schedule
from handlers.dialog.acting import plan_actors
from handlers.effects import Button, Msg
from handlers.forms.walk import REVIEW
from handlers.formulir1.form import NAME
from handlers.model import Employee
from handlers.notify import Notify, notify
from handlers.plan.lifecycle import Actor, Event, Refused, permitted
from handlers.plan.transitions import fire
from handlers.ports import Plan, UnitOfWork

NOTE_LIMIT = 1000


class ReturnRefused(Exception):
    """Why a plan cannot be returned: no_plan, state (not sent, or returned already),
    actor (not theirs to return), empty_note."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason

    def msg(self) -> Msg:
        return Msg("plan/return_refused", {"reason": self.reason})


@dataclass(frozen=True)
class Returned:
    plan: Plan
    owner: Employee
    who: frozenset[Actor]  # what the one returning it is to its owner


async def returnable(uow: UnitOfWork, plan_id: int, by: Employee | None, at: datetime) -> Returned:
    """The plan and its owner, if ``by`` (None: an operator, an admin) may return it now
    (a direct or acting supervisor, a coordinator, an admin)."""
    plan = await uow.plans.get(plan_id)
    owner = await uow.employees.by_id(plan.employee_id) if plan else None
    if plan is None or owner is None:
        raise ReturnRefused("no_plan")
    who = await plan_actors(uow, by, owner, at)
    try:
        permitted(plan.status, Event.RETURN, who)
    except Refused as refusal:
        raise ReturnRefused(refusal.reason) from refusal
    return Returned(plan, owner, who)


async def return_plan(
    uow: UnitOfWork, plan_id: int, note: str, at: datetime, *, by: Employee | None = None,
    operator: str | None = None,
) -> Returned:  # fmt: skip
    """Return the plan with ``note``, reopen the employee's form, and tell them."""
    note = note.strip()
    if not note or len(note) > NOTE_LIMIT:
        raise ReturnRefused("empty_note")
    found = await returnable(uow, plan_id, by, at)
    plan, owner = found.plan, found.owner
    try:
        await fire(uow, plan, Event.RETURN, found.who, at,
                   employee_id=by.id if by else None, operator=operator, note=note)  # fmt: skip
    except Refused as refusal:  # another update moved it first
        raise ReturnRefused(refusal.reason) from refusal
    await schedule.forget(uow, plan.id, at)  # a dialog kinerja booked for it lapses
    session = await uow.forms.find(owner.id, NAME, plan.id)
    if session is not None:  # /isi resumes at the review, every answer kept
        session.cursor, session.state, session.active = REVIEW, {}, False
        await uow.forms.save(session, at)
    submission = await uow.plan_records.submissions(plan.id)
    told = Msg("plan/returned", {"year": plan.year, "note": note, "by": by.nama if by else None})
    again = Button(Msg("label/continue"), "plan:fill")
    await notify(uow, Notify(owner.id, told, buttons=((again,),),
                             dedupe_key=f"plan-returned:{plan.id}:{submission}"), at)  # fmt: skip
    return found
