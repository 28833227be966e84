"""The employee receives the agreed plan (what changed, proposed → agreed) and either
confirms it — the plan is agreed, and both have the final plan — or asks to discuss it again
with a note, which goes back to the supervisor (the plan is in dialogue again)."""

from __future__ import annotations

from datetime import datetime

from handlers.access import Relation, relation
from handlers.dialog.acting import notice_recipients
from handlers.dialog.agreement import Agreement, AgreementRefused, load
from handlers.dialog.agreement_view import final_plan, label, outcome_message, payload
from handlers.effects import Button, Msg, Reply
from handlers.model import Employee
from handlers.notify import Notify, notify
from handlers.plan.lifecycle import Event, Refused, State
from handlers.plan.transitions import fire
from handlers.ports import UnitOfWork

NOTE_LIMIT = 1000


async def as_employee(uow: UnitOfWork, person: Employee, plan_id: int) -> Agreement:
    """The agreement waiting for ``person`` to confirm it: theirs alone, and waiting."""
    found = await load(uow, plan_id)
    if Relation.EMPLOYEE not in relation(person, found.owner):
        raise AgreementRefused("not_owner")
    if found.plan.status != State.AWAITING_CONFIRMATION:
        raise AgreementRefused("state", status=found.plan.status)
    return found


async def supervisor_of(uow: UnitOfWork, owner: Employee) -> Employee | None:
    return await uow.employees.by_nip(owner.supervisor_nip) if owner.supervisor_nip else None


async def supervisors_told(uow: UnitOfWork, owner: Employee, at: datetime) -> list[Employee]:
    """Who gets the supervisor's notices about the owner's plan: direct and acting, else the
    coordinators (handlers/dialog/acting.py)."""
    return [person for person, _ in await notice_recipients(uow, owner, at)]


def proposal(found: Agreement, by: str | None) -> Reply:
    """The agreed plan to confirm: what changed, and Setuju · Diskusikan lagi."""
    text = outcome_message(found, "dialog/agree/proposed", by=by)
    buttons = ((Button(label("confirm"), payload("confirm", found.plan.id)),
                Button(label("again"), payload("again", found.plan.id))),)  # fmt: skip
    return Reply(text, found.owner.bahasa, buttons)


async def tell_employee(uow: UnitOfWork, found: Agreement, by: Employee, at: datetime) -> None:
    shown = proposal(found, by.nama)
    sent = len(await uow.plan_records.events(found.plan.id))  # one notice per proposal
    await notify(uow, Notify(found.owner.id, shown.text, buttons=shown.buttons,
                             dedupe_key=f"agreement:{found.plan.id}:{sent}"), at)  # fmt: skip


async def waiting(uow: UnitOfWork, person: Employee, plan_id: int) -> Reply:
    """/rencana of a plan waiting for its owner: the proposal again, to confirm from here."""
    found = await as_employee(uow, person, plan_id)
    supervisor = await supervisor_of(uow, found.owner)
    return proposal(found, supervisor.nama if supervisor else None)


async def confirm(uow: UnitOfWork, person: Employee, plan_id: int, at: datetime) -> list[Reply]:
    """Setuju: the plan is agreed; the supervisor is told, and both have the final plan."""
    found = await as_employee(uow, person, plan_id)
    try:
        await fire(uow, found.plan, Event.CONFIRM, frozenset({Relation.EMPLOYEE}), at,
                   employee_id=person.id)  # fmt: skip
    except Refused as refusal:  # another update moved it first
        raise AgreementRefused("state", status=found.plan.status) from refusal
    plan = final_plan(found)
    told = Msg("dialog/agree/confirmed", {"employee": found.owner.nama, "year": found.plan.year})
    for supervisor in await supervisors_told(uow, found.owner, at):
        key = f"agreed:{plan_id}:{found.submission}:{supervisor.id}"
        await notify(uow, Notify(supervisor.id, told, dedupe_key=key), at)
        await notify(uow, Notify(supervisor.id, plan, dedupe_key=f"{key}:plan"), at)
    done = Msg("dialog/agree/agreed", {"year": found.plan.year})
    return [Reply(done, person.bahasa), Reply(plan, person.bahasa)]


async def discuss_again(
    uow: UnitOfWork, person: Employee, plan_id: int, note: str, at: datetime
) -> list[Reply]:
    """Back to the supervisor with the employee's note; the plan is in dialogue again."""
    note = note.strip()
    if not note or len(note) > NOTE_LIMIT:
        raise AgreementRefused("empty")
    found = await as_employee(uow, person, plan_id)
    try:
        await fire(uow, found.plan, Event.RETURN, frozenset({Relation.EMPLOYEE}), at,
                   employee_id=person.id, note=note)  # fmt: skip
    except Refused as refusal:
        raise AgreementRefused("state", status=found.plan.status) from refusal
    supervisors = await supervisors_told(uow, found.owner, at)
    told = Msg("dialog/agree/again", {"employee": found.owner.nama, "year": found.plan.year,
                                      "note": note})  # fmt: skip
    reopen = Button(label("open"), payload("agree", plan_id))
    events = len(await uow.plan_records.events(plan_id))
    for supervisor in supervisors:
        await notify(uow, Notify(supervisor.id, told, buttons=((reopen,),),
                                 dedupe_key=f"again:{plan_id}:{events}:{supervisor.id}"),
                     at)  # fmt: skip
    name = ", ".join(s.nama for s in supervisors) or None
    return [Reply(Msg("dialog/agree/again_sent", {"supervisor": name}), person.bahasa)]
