"""The employee's commands around Formulir 1: fill it (/isi) and read it (/rencana)."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from handlers.effects import Button, Msg, Reply
from handlers.forms.engine import Engine
from handlers.forms.model import FormSession
from handlers.forms.present import review
from handlers.formulir1.assessment import snapshot
from handlers.formulir1.flow import REFERENCE, Formulir1Flow
from handlers.formulir1.form import NAME
from handlers.model import SENT, Employee
from handlers.plan.document import document
from handlers.ports import Plan, UnitOfWork
from handlers.reference.self_assessment import competencies_for

ENGINE = Engine(Formulir1Flow())


async def reference_snapshot(uow: UnitOfWork, person: Employee, year: int) -> dict[str, object]:
    """The year and the reference data the form shows, fixed for the life of the draft."""
    priorities = await uow.reference.priorities(year, person.unit_kerja)
    return {
        "year": year,
        "priorities": [{"text": p.kompetensi, "key": p.competency_key} for p in priorities],
        "competencies": snapshot(await competencies_for(uow, person)),
    }


async def fill(uow: UnitOfWork, person: Employee, year: int, at: datetime) -> list[Reply]:
    """Start this year's Formulir 1, or continue it exactly where it was left."""
    plan = await uow.plans.for_year(person.id, year) or await uow.plans.create(person.id, year, at)
    if plan.status in SENT:
        return [Reply(Msg("form1/already_submitted", {"year": year}), person.bahasa)]
    session = await uow.forms.find(person.id, NAME, plan.id)
    intro: list[Msg] = []
    if session is None:
        session = await uow.forms.create(person.id, NAME, plan.id, "", at)
        await uow.forms.put(
            session.id, {REFERENCE: await reference_snapshot(uow, person, year)}, at
        )
        intro.append(Msg("form1/intro", {"year": year}))
    else:
        intro.append(Msg("form1/resumed", {"year": year}))
    other = await uow.forms.active(person.id)
    if other is not None and other.id != session.id:
        other.active = False
        await uow.forms.save(other, at)
    session.active = True
    return await ENGINE.show(uow, person, session, at, intro)


async def sent_already(
    uow: UnitOfWork, person: Employee, session_id: int, year: int
) -> list[Reply] | None:
    """A button of this year's Formulir 1 pressed after it was sent (a second press of
    "Kirim", here or on another device): say it was sent, not that the button is old."""
    plan = await uow.plans.for_year(person.id, year)
    session = await uow.forms.find(person.id, NAME, plan.id) if plan else None
    if plan is None or plan.status not in SENT or session is None or session.id != session_id:
        return None
    return [Reply(Msg("form1/already_submitted", {"year": year}), person.bahasa)]


async def show_plan(uow: UnitOfWork, person: Employee, year: int) -> list[Reply]:
    """/rencana: this year's Formulir 1 as a readable summary, whatever its stage."""
    plan = await uow.plans.for_year(person.id, year)
    session = await uow.forms.find(person.id, NAME, plan.id) if plan else None
    if plan is None or (session is None and plan.status not in SENT):
        return [Reply(Msg("form1/no_plan", {"year": year}), person.bahasa)]
    replies = await summary(uow, person, plan, session, person)
    if plan.status not in SENT:
        replies[-1] = replace(replies[-1], buttons=((Button(Msg("label/continue"), "plan:fill"),),))
    return replies


async def view_plan(uow: UnitOfWork, reader: Employee, plan_id: int) -> list[Reply]:
    """A supervisor reads a direct report's plan once it is sent (the button on the notice
    asking them to schedule the dialog kinerja); nobody else reads anyone's plan."""
    plan = await uow.plans.get(plan_id)
    owner = await uow.employees.by_id(plan.employee_id) if plan else None
    allowed = owner is not None and owner.supervisor_nip == reader.nip
    if plan is None or owner is None or not allowed or plan.status not in SENT:
        return [Reply(Msg("form1/view_refused"), reader.bahasa)]
    return await summary(uow, owner, plan, None, reader)


async def summary(
    uow: UnitOfWork, owner: Employee, plan: Plan, session: FormSession | None, reader: Employee
) -> list[Reply]:
    """``owner``'s plan as ``reader`` reads it: its status, then every answer — a sent plan
    from its typed data, a draft from the form's answers."""
    content = await uow.plan_records.load(plan.id) if plan.status in SENT else None
    if content is not None:
        text = document(content, plan.year)
    elif session is not None:
        walk = await ENGINE.load(uow, owner, session)
        text = review(replace(ENGINE.form, title=Msg("form1/plan_title")), reader, walk).text
    else:
        return [Reply(Msg("form1/no_plan", {"year": plan.year}), reader.bahasa)]
    whose = None if owner.id == reader.id else owner.nama
    status = Msg("form1/plan_status", {
        "year": plan.year, "status": plan.status, "submitted_at": plan.submitted_at,
        "owner": whose})  # fmt: skip
    return [Reply(status, reader.bahasa), Reply(text, reader.bahasa)]
