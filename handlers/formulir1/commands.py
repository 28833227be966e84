"""The employee's commands around Formulir 1: fill it (/isi) and read it (/rencana)."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from handlers.access import Relation
from handlers.dialog import confirm
from handlers.dialog.agreement_view import agreed_content
from handlers.dialog.rights import AccessRefused, Action, check
from handlers.effects import Button, Msg, Reply
from handlers.forms.engine import Engine
from handlers.forms.model import FormSession
from handlers.forms.present import progress, review
from handlers.forms.walk import Walk
from handlers.formulir1.assessment import snapshot
from handlers.formulir1.flow import REFERENCE, Formulir1Flow
from handlers.formulir1.form import NAME
from handlers.model import SENT, Employee
from handlers.plan.document import document
from handlers.plan.lifecycle import State
from handlers.plan.model import PlanContent
from handlers.ports import Plan, UnitOfWork
from handlers.reference.self_assessment import competencies_for
from handlers.verify.view import formulir_d, is_verified

ENGINE = Engine(Formulir1Flow())
DIALOGUE_OPEN = ("submitted", "scheduled", "in_dialogue")  # the supervisor may record it


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


async def button_without_form(
    uow: UnitOfWork, person: Employee, session_id: int, year: int | None
) -> list[Reply]:
    """A form's button pressed while no form is open: this year's plan sent (from its own
    form, or any other) is said plainly — no "here is your question", no /isi to fill a
    plan that can no longer change; otherwise the button's form is not open, and /isi
    opens Formulir 1."""
    if year is None:  # no cycle is being planned: nothing of this button's can be open
        return [Reply(Msg("form/ended_button", {"sent": False, "year": year}), person.bahasa)]
    sent = await sent_already(uow, person, session_id, year)
    if sent is not None:
        return sent
    plan = await uow.plans.for_year(person.id, year)
    is_sent = plan is not None and plan.status in SENT
    return [Reply(Msg("form/ended_button", {"sent": is_sent, "year": year}), person.bahasa)]


async def show_plan(uow: UnitOfWork, person: Employee, year: int) -> list[Reply]:
    """/rencana: this year's Formulir 1 as a readable summary, whatever its stage."""
    plan = await uow.plans.for_year(person.id, year)
    session = await uow.forms.find(person.id, NAME, plan.id) if plan else None
    if plan is None or (session is None and plan.status not in SENT):
        return [Reply(Msg("form1/no_plan", {"year": year}), person.bahasa)]
    replies = await summary(uow, person, plan, session, person)
    if plan.status == State.AWAITING_CONFIRMATION:  # theirs to confirm: from here too
        replies.append(await confirm.waiting(uow, person, plan.id))
    if plan.status not in SENT:
        replies[-1] = replace(replies[-1], buttons=((Button(Msg("label/continue"), "plan:fill"),),))
    return replies


async def view_plan(uow: UnitOfWork, reader: Employee, plan_id: int, at: datetime) -> list[Reply]:
    """Someone reads another's plan once it is sent: the supervisor (direct or acting; the
    button on the notice, or /bawahan), a coordinator, the owner's expertise group. Its
    supervisor may start recording the agreement from here while the dialogue is open."""
    try:
        access = await check(uow, reader, plan_id, Action.VIEW, at)
    except AccessRefused as refusal:
        return [Reply(refusal.msg(), reader.bahasa)]
    plan = access.plan
    session = await uow.forms.find(access.owner.id, NAME, plan_id)
    replies = await summary(uow, access.owner, plan, session, reader)
    if plan.status in DIALOGUE_OPEN and Relation.SUPERVISOR in access.who:
        agree = Button(Msg("dialog/agree/label", {"key": "open"}), f"agr:agree:{plan.id}")
        replies[-1] = replace(replies[-1], buttons=((agree,),))
    return replies


async def summary(
    uow: UnitOfWork, owner: Employee, plan: Plan, session: FormSession | None, reader: Employee
) -> list[Reply]:
    """``owner``'s plan as ``reader`` reads it: its status, then a sent plan from its typed
    data, or a draft (a returned plan too) as far as it is answered."""
    whose = None if owner.id == reader.id else owner.nama
    status = Msg("form1/plan_status", {
        "year": plan.year, "status": plan.status, "submitted_at": plan.submitted_at,
        "owner": whose})  # fmt: skip
    content = await uow.plan_records.load(plan.id) if plan.status in SENT else None
    if content is not None and plan.status in (State.AGREED, State.VERIFIED):
        verified = await formulir_d_of(uow, plan, content)  # D beside C, once verified
        content = agreed_content(content)  # as agreed: the rejected items are no part of it
        shown = [status, document(content, plan.year), *([verified] if verified else [])]
        return [Reply(text, reader.bahasa) for text in shown]
    if content is not None:
        return [Reply(status, reader.bahasa), Reply(document(content, plan.year), reader.bahasa)]
    if session is None:
        return [Reply(Msg("form1/no_plan", {"year": plan.year}), reader.bahasa)]
    walk = await ENGINE.load(uow, owner, session)
    if plan.status not in SENT:  # a draft: what is answered, and how far along it is
        parts = review(ENGINE.form, reader, walk, answered_only=True, title=False)
        heading = Msg("form1/plan_draft", {**draft_progress(walk), "status": status,
                                           "review": parts[0].text})  # fmt: skip
        return [Reply(m, reader.bahasa) for m in (heading, *(p.text for p in parts[1:]))]
    parts = review(ENGINE.form, reader, walk, title=Msg("form1/plan_title"))
    return [Reply(status, reader.bahasa), *(Reply(p.text, reader.bahasa) for p in parts)]


async def formulir_d_of(uow: UnitOfWork, plan: Plan, content: PlanContent) -> Msg | None:
    """Formulir 1 D of an agreed plan as far as it is verified (None: nothing yet)."""
    if not is_verified(content):
        return None
    verifications = await uow.verifications.of_plan(plan.id, content.submission)
    return formulir_d(content, verifications, plan.year)


def draft_progress(walk: Walk) -> dict[str, int]:
    """How far a draft is: the part being filled (of the form's parts), the questions
    answered, and about how many there are (the count grows as answers open more)."""
    asked = [slot for slot in walk.laid if not slot.is_more]
    slot = walk.slot(walk.session.cursor)
    place = progress(ENGINE.form, walk, slot) if slot is not None else None
    parts = len([key for key, _ in ENGINE.form.sections if key not in ENGINE.form.part_of])
    answered = sum(1 for s in asked if s.key in walk.answers)
    part = place["part"] if place else parts
    return {"part": part, "parts": parts, "answered": answered, "total": len(asked)}
