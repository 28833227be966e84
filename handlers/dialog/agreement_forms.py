"""The agreement's forms on the engine: an item changed or added (Formulir 1 C's questions,
handlers/dialog/agreement_item.py), and the short notes — a rejection's reason, the
dialogue's note, the employee's "discuss again". Each is about one thing (its subject: the
item or the plan), resumed where it was left, and done when sent."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from datetime import datetime
from typing import Any

from handlers.dialog import agreement
from handlers.dialog.agreement_item import (
    ITEM,
    PLAN,
    answered,
    item_form,
    plan_answers,
    plan_competencies,
    prefilled,
)
from handlers.effects import Msg, Reply
from handlers.forms.engine import Engine
from handlers.forms.model import Form, FormContext, FormSession, Kind, Step, Value
from handlers.forms.walk import Slot, Walk
from handlers.forms.wizard import DONE, close_wizard, take_over
from handlers.model import Employee
from handlers.plan.model import ItemVersion
from handlers.ports import UnitOfWork

ABOUT = "_about"  # an answer outside the questions: what the form is about, for its texts
Action = Callable[[UnitOfWork, Employee, dict[str, Any], str, datetime], Awaitable[list[Reply]]]
# what an item form's answers become: (uow, supervisor, plan id, item id or None, version, at)
ItemDone = Callable[
    [UnitOfWork, Employee, int, int | None, ItemVersion, datetime], Awaitable[list[Reply]]
]


async def open_on(
    uow: UnitOfWork, engine: Engine, person: Employee, subject: int, start: dict[str, Value],
    intro: Msg, at: datetime,
) -> list[Reply]:  # fmt: skip
    """Resume the person's unfinished form about ``subject``, or start it with ``start``."""
    session = await uow.forms.find(person.id, engine.form.name, subject)
    if session is None:
        session = await uow.forms.create(person.id, engine.form.name, subject, "", at)
    if session.cursor in ("", DONE):  # new, or done before: start afresh
        await uow.forms.drop(session.id, list(await uow.forms.answers(session.id)))
        await uow.forms.put(session.id, start, at)
        session.cursor, session.state = "", {}
    await take_over(uow, person, session, at)
    return await engine.show(uow, person, session, at, [intro])


# -- the short notes --------------------------------------------------------------------------


def note_form(name: str, required: bool = True) -> Form:
    def summary(answers: Mapping[str, Value], context: FormContext) -> Msg:
        return Msg("dialog/agree/note_review", {"form": name, **context.data})

    return Form(
        name=name,
        nodes=(Step(key="note", kind=Kind.LONG_TEXT, section="N", required=required,
                    prompt=Msg("dialog/agree/note_prompt", {"form": name}),
                    title=Msg("dialog/agree/note_title", {"form": name}),
                    max_length=agreement.NOTE_LIMIT),),
        sections=(("N", Msg("dialog/agree/note_title", {"form": name})),),
        review=summary,
        title=Msg("dialog/agree/note_title", {"form": name}),
        submit=Msg("dialog/agree/label", {"key": f"send_{name}"}),
        command="",
    )  # fmt: skip


class AnswersOnly:
    """A form of the agreement does nothing until it is sent."""

    async def after_answer(
        self, uow: UnitOfWork, person: Employee, walk: Walk, slot: Slot, at: datetime
    ) -> list[Msg]:
        return []


class NoteFlow(AnswersOnly):
    """A one-question form whose answer goes to ``action`` when sent."""

    def __init__(self, form: Form, action: Action) -> None:
        self.form, self.action = form, action

    async def context(
        self, uow: UnitOfWork, person: Employee, session: FormSession, answers: dict[str, Value]
    ) -> FormContext:
        return FormContext(person=person, year=0, data=dict(answers.get(ABOUT) or {}))

    async def submit(
        self, uow: UnitOfWork, person: Employee, session: FormSession, walk: Walk, at: datetime
    ) -> list[Reply]:
        about, note = dict(walk.context.data), str(walk.answers.get("note") or "")
        await close_wizard(uow, session, dict(walk.answers), at)
        return await self.action(uow, person, about, note, at)


# -- an item changed or added -----------------------------------------------------------------


def item_review(answers: Mapping[str, Value], context: FormContext) -> Msg:
    return Msg("dialog/agree/item_review", {k: v for k, v in context.data.items() if k != PLAN})


class ItemFlow(AnswersOnly):
    """Formulir 1 C's questions about one item of a plan in dialogue; sending it records
    the item as agreed (changed) or added."""

    def __init__(self, name: str, done: ItemDone) -> None:
        self.form, self.done = item_form(name, item_review), done

    async def context(
        self, uow: UnitOfWork, person: Employee, session: FormSession, answers: dict[str, Value]
    ) -> FormContext:
        about = dict(answers.get(ITEM) or {})
        plan = await uow.plans.get(int(about.get("plan", 0)))
        content = await uow.plan_records.load(plan.id) if plan else None
        owner = await uow.employees.by_id(plan.employee_id) if plan else None
        data: dict[str, Any] = {**about, "employee": owner.nama if owner else ""}
        if content is not None:
            data[PLAN] = plan_answers(content)
            data["competencies"] = plan_competencies(content)
        return FormContext(person=owner or person, year=plan.year if plan else 0, data=data)

    async def submit(
        self, uow: UnitOfWork, person: Employee, session: FormSession, walk: Walk, at: datetime
    ) -> list[Reply]:
        about = dict(walk.answers.get(ITEM) or {})
        version = answered(walk.answers, walk.context, [s.key for s in walk.laid])
        await close_wizard(uow, session, dict(walk.answers), at)
        return await self.done(uow, person, int(about["plan"]), about.get("item") or None,
                               version, at)  # fmt: skip


async def change_item(
    uow: UnitOfWork, engine: Engine, person: Employee, found: agreement.Agreement, item_id: int,
    at: datetime,
) -> list[Reply]:  # fmt: skip
    """Ubah: the item's questions, pre-filled as it stands (as agreed so far, or proposed)."""
    item = found.item(item_id)
    start = {ITEM: {"plan": found.plan.id, "item": item_id, "position": item.position},
             **prefilled(found.shown(item))}  # fmt: skip
    intro = Msg("dialog/agree/item_intro", {"employee": found.owner.nama, "new": False,
                                            "position": item.position})  # fmt: skip
    return await open_on(uow, engine, person, item_id, start, intro, at)


async def add_item(
    uow: UnitOfWork, engine: Engine, person: Employee, found: agreement.Agreement, at: datetime
) -> list[Reply]:
    """Tambah: a new item's questions, asked one by one."""
    start = {ITEM: {"plan": found.plan.id, "item": 0, "position": None}}
    intro = Msg("dialog/agree/item_intro", {"employee": found.owner.nama, "new": True})
    return await open_on(uow, engine, person, found.plan.id, start, intro, at)
