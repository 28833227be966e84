"""The supervisor's review: feedback per item (each may be skipped) and a note, then the
quarter's dialogue is closed and the employee told. A form on the engine about one check-in
(its subject), resumed where it was left."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from handlers.checkin import notices, rights
from handlers.checkin.model import CheckinState
from handlers.checkin.view import plan_items
from handlers.dialog.agreement_forms import AnswersOnly, open_on
from handlers.effects import Msg, Reply
from handlers.forms.engine import Engine
from handlers.forms.model import Dynamic, Form, FormContext, FormSession, Kind, Step, Value
from handlers.forms.walk import Walk
from handlers.forms.wizard import close_wizard
from handlers.model import Employee
from handlers.ports import UnitOfWork

NAME = "checkin_review"
SECTION = "U"
NOTE = "catatan"
FEEDBACK_LIMIT = 1000


def feedback_steps(context: FormContext) -> list[Step]:
    steps = [
        Step(
            key=f"{SECTION}.{item['id']}",
            kind=Kind.LONG_TEXT,
            section=SECTION,
            required=False,
            max_length=FEEDBACK_LIMIT,
            prompt=Msg("checkin/review_prompt", {"key": "item", **item}),
            title=Msg("checkin/review_title", {"key": "item", "position": item["position"]}),
        )
        for item in context.data.get("items", [])
    ]
    steps.append(
        Step(
            key=NOTE,
            kind=Kind.LONG_TEXT,
            section=SECTION,
            required=False,
            max_length=FEEDBACK_LIMIT,
            prompt=Msg("checkin/review_prompt", {"key": NOTE}),
            title=Msg("checkin/review_title", {"key": NOTE, "position": 0}),
        )
    )
    return steps


def summary(answers: Mapping[str, Value], context: FormContext) -> Msg:
    return Msg("checkin/review_summary", {"employee": context.data.get("employee", "")})


REVIEW = Form(
    name=NAME,
    nodes=(Dynamic(SECTION, feedback_steps),),
    sections=((SECTION, Msg("checkin/review_title", {"key": SECTION, "position": 0})),),
    review=summary,
    title=Msg("checkin/review_title", {"key": "review", "position": 0}),
    submit=Msg("checkin/label", {"key": "close"}),
    command="",
)


class ReviewFlow(AnswersOnly):
    form = REVIEW

    async def context(
        self, uow: UnitOfWork, person: Employee, session: FormSession, answers: dict[str, Value]
    ) -> FormContext:
        checkin = await uow.checkins.get(session.subject_id)
        if checkin is None:
            return FormContext(person=person, year=0, data={})
        owner = await uow.employees.by_id(checkin.employee_id)
        items = await plan_items(uow, checkin.plan_id)
        answered = [a.item_id for a in await uow.checkins.answers(checkin.id)]
        shown = [items[i] for i in answered if i in items]
        return FormContext(
            person=person,
            year=checkin.year,
            data={"items": shown, "employee": owner.nama if owner else ""},
        )

    async def submit(
        self, uow: UnitOfWork, person: Employee, session: FormSession, walk: Walk, at: datetime
    ) -> list[Reply]:
        try:
            found = await rights.found(uow, person, session.subject_id, at, supervisor=True)
        except rights.CheckinRefused as refusal:
            return [Reply(refusal.msg(), person.bahasa)]
        items = walk.context.data.get("items", [])
        feedback = {
            int(i["id"]): str(walk.answers[f"{SECTION}.{i['id']}"])
            for i in items
            if walk.answers.get(f"{SECTION}.{i['id']}")
        }
        note = walk.answers.get(NOTE)
        note_text = str(note) if note else None
        await close_wizard(uow, session, dict(walk.answers), at)
        if not await uow.checkins.close(found.checkin.id, feedback, note_text, person.id, at):
            return [Reply(Msg("checkin/refused", {"reason": "closed"}), person.bahasa)]
        shown: list[dict[str, Any]] = [{**i, "feedback": feedback.get(int(i["id"]))} for i in items]
        await notices.reviewed(uow, found.owner, person, found.checkin, shown, note_text, at)
        context = {"employee": found.owner.nama, "quarter": found.checkin.quarter}
        return [Reply(Msg("checkin/closed", context), person.bahasa)]


async def open_review(
    uow: UnitOfWork, engine: Engine, person: Employee, checkin_id: int, at: datetime
) -> list[Reply]:
    found = await rights.found(uow, person, checkin_id, at, supervisor=True)
    if found.checkin.state != CheckinState.SUBMITTED:
        raise rights.CheckinRefused("closed" if found.checkin.state == "reviewed" else "not_sent")
    intro = Msg(
        "checkin/review_intro", {"employee": found.owner.nama, "quarter": found.checkin.quarter}
    )
    return await open_on(uow, engine, person, checkin_id, {}, intro, at)
