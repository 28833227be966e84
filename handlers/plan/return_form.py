"""The chat's way to return a plan: the supervisor's notice has a "Kembalikan" button; it
asks for the note (a one-question form on the engine, about that plan), shows it to confirm,
and returns the plan (handlers/plan/returning.py)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from handlers.effects import Msg, Reply
from handlers.forms.engine import Engine
from handlers.forms.model import Form, FormContext, FormSession, Kind, Step, Value
from handlers.forms.walk import Slot, Walk
from handlers.forms.wizard import DONE, open_wizard
from handlers.model import Employee
from handlers.plan.returning import NOTE_LIMIT, ReturnRefused, return_plan, returnable
from handlers.ports import UnitOfWork

NAME = "kembalikan"


def summary(answers: Mapping[str, Value], context: FormContext) -> Msg:
    return Msg("plan/return_summary", {"employee": context.data["employee"],
                                       "year": context.year})  # fmt: skip


KEMBALIKAN = Form(
    name=NAME,
    nodes=(
        Step(key="note", kind=Kind.LONG_TEXT, prompt=Msg("plan/return_prompt"),
             title=Msg("plan/return_title", {"key": "note"}), section="R",
             max_length=NOTE_LIMIT),
    ),
    sections=(("R", Msg("plan/return_title", {"key": "R"})),),
    review=summary,
    title=Msg("plan/return_title", {"key": "review"}),
    submit=Msg("label/return_plan"),
    command="",  # resumed by pressing "Kembalikan" again, not by a command
)  # fmt: skip


class KembalikanFlow:
    form = KEMBALIKAN

    async def context(
        self, uow: UnitOfWork, person: Employee, session: FormSession, answers: dict[str, Value]
    ) -> FormContext:
        plan = await uow.plans.get(session.subject_id)
        owner = await uow.employees.by_id(plan.employee_id) if plan else None
        data = {"employee": owner.nama if owner else ""}
        return FormContext(person=person, year=plan.year if plan else 0, data=data)

    async def after_answer(
        self, uow: UnitOfWork, person: Employee, walk: Walk, slot: Slot, at: datetime
    ) -> list[Msg]:
        return []

    async def submit(
        self, uow: UnitOfWork, person: Employee, session: FormSession, walk: Walk, at: datetime
    ) -> list[Reply]:
        """Return the plan with the note; the form is done either way."""
        await uow.forms.drop(session.id, list(walk.answers))
        session.active, session.cursor, session.state = False, DONE, {}
        await uow.forms.save(session, at)
        try:
            found = await return_plan(uow, session.subject_id, str(walk.answers.get("note", "")),
                                      at, by=person)  # fmt: skip
        except ReturnRefused as refusal:
            return [Reply(refusal.msg(), person.bahasa)]
        done = {"employee": found.owner.nama, "year": found.plan.year}
        return [Reply(Msg("plan/return_done", done), person.bahasa)]


ENGINE = Engine(KembalikanFlow())


async def start(uow: UnitOfWork, person: Employee, plan_id: int, at: datetime) -> list[Reply]:
    """The "Kembalikan" button: ask for the note, if the plan is theirs to return now."""
    try:
        found = await returnable(uow, plan_id, person, at)
    except ReturnRefused as refusal:
        return [Reply(refusal.msg(), person.bahasa)]
    intro = Msg("plan/return_intro", {"employee": found.owner.nama, "year": found.plan.year})
    return await open_wizard(uow, ENGINE, person, intro, at, subject=plan_id)
