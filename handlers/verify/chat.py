"""The verification in the chat: /verifikasi (the queue, grouped, ``selesai``), the ``vrf:``
buttons and the forms they open; every action checks the person may take it now."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Any

from handlers.access import Action, may
from handlers.dialog.agreement_forms import open_on
from handlers.effects import Button, Msg, Reply
from handlers.forms.engine import Engine
from handlers.forms.model import Value
from handlers.model import Employee
from handlers.plan.model import Priority, Stage
from handlers.ports import UnitOfWork
from handlers.verify.form import ABOUT, ADJUST, BATCH, ONE, VerifyFlow, prefilled
from handlers.verify.ports import AwaitingItem
from handlers.verify.queue import batch_of, not_own, oldest_first
from handlers.verify.verification import (
    Choice,
    Outcome,
    Ref,
    VerifyRefused,
    adjust,
    awaiting_item,
    check_adjust,
    verify,
)
from handlers.verify.view import batch_card, card, grouped, label, payload, queue

ADJUSTABLE = 8  # items a batch's outcome offers to adjust


async def items_for(
    uow: UnitOfWork, person: Employee, year: int
) -> tuple[list[AwaitingItem], bool]:
    """What ``person`` sees of the queue, and whether they verify it: a member their group's
    (their own items left out), a coordinator every group's."""
    if may(person, Action.VERIFY) and person.kelompok_keahlian:
        found = await uow.verifications.awaiting(year, person.kelompok_keahlian)
        return not_own(found, person), True
    if may(person, Action.SEE_ALL_VERIFICATIONS):
        return await uow.verifications.awaiting(year), False
    raise VerifyRefused("not_member")


async def show_queue(
    uow: UnitOfWork, person: Employee, year: int, by_competency: bool = False
) -> list[Reply]:
    items, verifies = await items_for(uow, person, year)
    items = oldest_first(items)
    if by_competency and verifies and items:
        return [grouped(items, person.bahasa)]
    groups = [] if verifies else await uow.verifications.counts(year)  # the coordinator's
    shown = queue(items, person.bahasa, verifies=verifies, groups=groups)
    if not items and may(person, Action.MARK_RECAP_DONE):  # nothing left: the recap's done
        done = Button(label("recap_done"), payload("done"))
        shown = replace(shown, buttons=((done,),))
    return [shown]


def choice_of(answers: dict[str, Value]) -> Choice:
    return Choice(answers, Priority(str(answers["prioritas"])), answers.get("catatan"))


def said(outcome: Outcome, person: Employee) -> list[Reply]:
    """What a verification did, and the items just verified to adjust one."""
    done = [{"owner": i.owner, "position": i.position} for i in outcome.done]
    taken = [{"owner": getattr(item, "owner", None), "verifier": first.verifier,
              "at": first.verified_at} for item, first in outcome.taken]  # fmt: skip
    text = Msg("verify/done", {"done": done, "taken": taken, "gone": len(outcome.gone),
                               "plans": len(outcome.verified_plans)})  # fmt: skip
    rows = [(Button(label("adjust", owner=i.owner, position=i.position),
                    payload("adjust", i.plan_id, i.item_id)),)
            for i in outcome.done[:ADJUSTABLE] if len(outcome.done) > 1]  # fmt: skip
    rows.append((Button(label("open_queue"), payload("queue")),))
    return [Reply(text, person.bahasa, tuple(rows))]


async def after_form(
    uow: UnitOfWork, person: Employee, about: dict[str, Any], answers: dict[str, Value],
    at: datetime,
) -> list[Reply]:  # fmt: skip
    refs = [Ref.load(r) for r in about.get("refs", [])]
    try:
        if about.get("mode") == ADJUST and refs:
            await adjust(uow, person, refs[0], choice_of(answers), at)
            return [Reply(Msg("verify/adjusted", {"owner": about.get("owner")}), person.bahasa)]
        return said(await verify(uow, person, refs, choice_of(answers), at), person)
    except VerifyRefused as refusal:
        return [Reply(refusal.msg(), person.bahasa)]


ENGINES: dict[str, Engine] = {name: Engine(VerifyFlow(name, after_form))
                              for name in (ONE, BATCH, ADJUST)}  # fmt: skip


def about(mode: str, refs: list[Ref], year: int, **more: object) -> dict[str, Value]:
    return {ABOUT: {"mode": mode, "refs": [r.dump() for r in refs], "year": year, **more}}


async def open_item(
    uow: UnitOfWork, person: Employee, plan_id: int, item_id: int, at: datetime
) -> list[Reply]:
    """One item: its card, then the form (the priority first)."""
    plan = await uow.plans.get(plan_id)
    content = await uow.plan_records.load(plan_id) if plan else None
    if plan is None or content is None:
        raise VerifyRefused("gone")
    item = await awaiting_item(uow, person, Ref(plan_id, item_id, content.submission))
    if item is None:
        return await taken_or_gone(uow, person, item_id, content.submission)
    start = {**about(ONE, [Ref.of(item)], plan.year, owner=item.owner, count=1),
             **prefilled(item.version)}  # fmt: skip
    return await open_on(uow, ENGINES[ONE], person, item_id, start, card(item, plan.year), at)


async def taken_or_gone(
    uow: UnitOfWork, person: Employee, item_id: int, submission: int
) -> list[Reply]:
    first = await uow.verifications.of_item(item_id, submission)
    if first is None:
        raise VerifyRefused("gone")
    raise VerifyRefused("taken", verifier=first.verifier, at=first.verified_at)


async def open_batch(
    uow: UnitOfWork, person: Employee, year: int, item_id: int, at: datetime
) -> list[Reply]:
    """A batch of one competency and method form: set once for all its people."""
    items, verifies = await items_for(uow, person, year)
    if not verifies:
        raise VerifyRefused("actor")
    batch = batch_of(items, item_id)
    if batch is None:
        raise VerifyRefused("gone")
    refs = [Ref.of(i) for i in batch.items]
    start = {**about(BATCH, refs, year, owner=None, count=len(refs),
                     owners=sorted({i.owner for i in batch.items})),
             **prefilled(batch.first.version)}  # fmt: skip
    intro = batch_card(batch, year)
    return await open_on(uow, ENGINES[BATCH], person, batch.first.item_id, start, intro, at)


async def open_adjust(
    uow: UnitOfWork, person: Employee, plan_id: int, item_id: int, at: datetime
) -> list[Reply]:
    """An item verified (in a batch): its form again, as verified, to change it alone."""
    plan = await uow.plans.get(plan_id)
    content = await uow.plan_records.load(plan_id) if plan else None
    item = next((i for i in content.items if i.id == item_id), None) if content else None
    owner = await uow.employees.by_id(plan.employee_id) if plan else None
    if plan is None or content is None or item is None or owner is None:
        raise VerifyRefused("gone")
    first = await uow.verifications.of_item(item_id, content.submission)
    version = item.versions.get(Stage.VERIFIED)
    if first is None or version is None:
        raise VerifyRefused("gone")
    check_adjust(person, owner, first)
    start = {**about(ADJUST, [Ref(plan_id, item_id, content.submission)], plan.year,
                     owner=owner.nama, count=1),
             **prefilled(version), "prioritas": first.priority.value,
             **({"catatan": first.note} if first.note else {})}  # fmt: skip
    intro = Msg("verify/adjust_intro", {"owner": owner.nama, "position": item.position})
    return await open_on(uow, ENGINES[ADJUST], person, item_id, start, intro, at)
