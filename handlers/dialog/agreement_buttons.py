"""The agreement in the chat: the ``agr:`` buttons (handlers/dialog/agreement_view.py) and
the forms they open, each checking that the person may act on that plan now."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any

from handlers.dialog import agreement, confirm
from handlers.dialog.agreement import AgreementRefused
from handlers.dialog.agreement_forms import (
    ABOUT,
    ItemFlow,
    NoteFlow,
    add_item,
    change_item,
    note_form,
    open_on,
)
from handlers.dialog.agreement_view import BUTTON, board, card, next_step
from handlers.effects import Msg, Reply
from handlers.forms.engine import Engine
from handlers.forms.numbers import small_number
from handlers.formulir1.section_c import LEVELS
from handlers.model import Employee
from handlers.plan.model import ItemVersion, Stage
from handlers.ports import UnitOfWork

EDIT, ADD, REJECT, NOTE, AGAIN = "dlg_item", "dlg_add", "dlg_reject", "dlg_note", "dlg_again"
__all__ = ["BUTTON", "ENGINES", "pressed"]


async def after_item(
    uow: UnitOfWork, person: Employee, plan_id: int, item_id: int | None, version: ItemVersion,
    at: datetime,
) -> list[Reply]:  # fmt: skip
    found = await agreement.record_item(uow, person, plan_id, item_id, version, at)
    saved = Msg("dialog/agree/saved", {"added": item_id is None})
    return [Reply(saved, person.bahasa), *next_step(found, person.bahasa)]


async def after_reason(
    uow: UnitOfWork, person: Employee, about: dict[str, Any], note: str, at: datetime
) -> list[Reply]:
    found = await agreement.reject(uow, person, int(about["plan"]), int(about["item"]), note, at)
    return next_step(found, person.bahasa)


async def after_note(
    uow: UnitOfWork, person: Employee, about: dict[str, Any], note: str, at: datetime
) -> list[Reply]:
    found = await agreement.set_note(uow, person, int(about["plan"]), note, at)
    return [board(found, person.bahasa)]


async def after_again(
    uow: UnitOfWork, person: Employee, about: dict[str, Any], note: str, at: datetime
) -> list[Reply]:
    return await confirm.discuss_again(uow, person, int(about["plan"]), note, at)


def refusing(
    action: Callable[..., Awaitable[list[Reply]]],
) -> Callable[..., Awaitable[list[Reply]]]:
    """A form's action whose refusal (the plan moved on meanwhile) is said plainly."""

    async def run(uow: UnitOfWork, person: Employee, *args: Any) -> list[Reply]:
        try:
            return await action(uow, person, *args)
        except AgreementRefused as refusal:
            return [Reply(refusal.msg(), person.bahasa)]

    return run


ENGINES: dict[str, Engine] = {
    EDIT: Engine(ItemFlow(EDIT, refusing(after_item))),
    ADD: Engine(ItemFlow(ADD, refusing(after_item))),
    REJECT: Engine(NoteFlow(note_form(REJECT), refusing(after_reason))),
    NOTE: Engine(NoteFlow(note_form(NOTE), refusing(after_note))),
    AGAIN: Engine(NoteFlow(note_form(AGAIN), refusing(after_again))),
}


async def pressed(uow: UnitOfWork, person: Employee, value: str, at: datetime) -> list[Reply]:
    """A ``agr:<verb>:<plan>[:<item>[:<level>]]`` button; a refusal is one clear sentence."""
    verb, _, rest = value.partition(":")
    parts = rest.split(":")
    plan_id = small_number(parts[0])
    item_id = small_number(parts[1]) if len(parts) > 1 else None
    if plan_id is None:
        return [Reply(Msg("menu/stale_button"), person.bahasa)]
    try:
        return await act(uow, person, verb, plan_id, item_id, parts[2:], at)
    except AgreementRefused as refusal:
        return [Reply(refusal.msg(), person.bahasa)]


async def act(
    uow: UnitOfWork, person: Employee, verb: str, plan_id: int, item_id: int | None,
    more: list[str], at: datetime,
) -> list[Reply]:  # fmt: skip
    locale = person.bahasa
    if verb == "confirm":
        return await confirm.confirm(uow, person, plan_id, at)
    if verb == "again":
        found = await confirm.as_employee(uow, person, plan_id)
        return await open_on(uow, ENGINES[AGAIN], person, plan_id, about(found), intro(AGAIN), at)
    if verb == "agree":
        found = await agreement.open_dialogue(uow, person, plan_id, at)
        left = found.undecided()
        return [board(found, locale), *([card(found, left[0], locale)] if left else [])]
    found = await agreement.as_supervisor(uow, person, plan_id, at)
    if verb == "board":
        return [board(found, locale)]
    if verb == "add":
        return await add_item(uow, ENGINES[ADD], person, found, at)
    if verb == "note":
        start = {**about(found), **({"note": found.note} if found.note else {})}
        return await open_on(uow, ENGINES[NOTE], person, plan_id, start, intro(NOTE), at)
    if verb == "send":
        found = await agreement.propose(uow, person, plan_id, at)
        await confirm.tell_employee(uow, found, person, at)
        return [Reply(Msg("dialog/agree/sent", {"employee": found.owner.nama}), locale)]
    if item_id is None:
        return [Reply(Msg("menu/stale_button"), locale)]
    item = found.item(item_id)
    if verb == "item":
        return [card(found, item, locale)]
    if verb == "ok":
        return next_step(await agreement.agree(uow, person, plan_id, item_id, at), locale)
    if verb == "lvl" and more and more[0] in LEVELS:
        found = await agreement.agree(uow, person, plan_id, item_id, at, level=more[0])
        return [card(found, found.item(item_id), locale, replace_shown=True)]
    if verb == "edit":
        return await change_item(uow, ENGINES[EDIT], person, found, item_id, at)
    if verb == "no" and Stage.PROPOSED not in item.versions:  # an added item: taken back
        return [board(await agreement.reject(uow, person, plan_id, item_id, "", at), locale)]
    if verb == "no":
        start = {ABOUT: {**about(found)[ABOUT], "item": item_id, "position": item.position}}
        return await open_on(uow, ENGINES[REJECT], person, item_id, start, intro(REJECT), at)
    return [Reply(Msg("menu/stale_button"), locale)]


def about(found: agreement.Agreement) -> dict[str, Any]:
    return {ABOUT: {"plan": found.plan.id, "employee": found.owner.nama,
                    "year": found.plan.year}}  # fmt: skip


def intro(form: str) -> Msg:
    return Msg("dialog/agree/note_intro", {"form": form})
