"""Verifikasi (LAN 605/2025 BAB II C): a member of the owner's expertise group sets each
agreed item's method, level and organiser, time and priority, with a note — one item, or a
batch of the same competency for several people at once — and may adjust one afterwards.

The first verification of an item wins (a key in the database); a member coming second is
told who verified it. Each verification is appended to the plan's audit log, and the plan
becomes *verified* (Formulir 1 D goes back to the employee and the supervisor) as soon as
none of its agreed items awaits verification.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from handlers.access import ItemAction, may_on_item, relation
from handlers.access import Relation as Rel
from handlers.dialog.agreement import changed_fields
from handlers.effects import Msg
from handlers.formulir1.section_c import LEVELS
from handlers.model import Employee, Role
from handlers.plan.lifecycle import Event, Refused, State
from handlers.plan.model import ItemVersion, PlanEvent, Priority, Stage
from handlers.plan.transitions import fire
from handlers.ports import UnitOfWork
from handlers.reference import methods
from handlers.verify.notices import tell_verified
from handlers.verify.ports import AwaitingItem, Verification

NOTE_LIMIT = 1000


class VerifyRefused(Exception):
    """Why not: actor (not this person's to verify), gone (verified or changed meanwhile,
    or no such item), own (their own plan), answers (a value no form would give)."""

    def __init__(self, reason: str, **context: object) -> None:
        super().__init__(reason)
        self.reason, self.context = reason, context

    def msg(self) -> Msg:
        return Msg("verify/refused", {"reason": self.reason, **self.context})


@dataclass(frozen=True)
class Ref:
    """An item as a button or a form names it: its plan, id and submission."""

    plan_id: int
    item_id: int
    submission: int

    def dump(self) -> list[int]:
        return [self.plan_id, self.item_id, self.submission]

    @classmethod
    def load(cls, value: Any) -> Ref:
        plan_id, item_id, submission = (int(v) for v in value)
        return cls(plan_id, item_id, submission)

    @classmethod
    def of(cls, item: AwaitingItem) -> Ref:
        return cls(item.plan_id, item.item_id, item.submission)


@dataclass(frozen=True)
class Choice:
    """What the verifier set: the item's columns (as Formulir 1 C's answers), the priority
    and a note."""

    answers: Mapping[str, Any]
    priority: Priority
    note: str | None


@dataclass
class Outcome:
    """What a verification did: the items verified, those someone verified first (with who),
    those no longer awaiting, and the plans that became verified."""

    done: list[AwaitingItem] = field(default_factory=list)
    taken: list[tuple[AwaitingItem | Ref, Verification]] = field(default_factory=list)
    gone: list[Ref] = field(default_factory=list)
    verified_plans: list[int] = field(default_factory=list)


def as_verified(agreed: ItemVersion, answers: Mapping[str, Any]) -> ItemVersion:
    """The agreed version with the columns the verifier set (Formulir 1 C's answer keys);
    :class:`VerifyRefused` for a value no form would give."""
    period = answers.get("waktu") or {}
    form = str(answers.get("metode_bentuk") or agreed.method_form)
    method_class = str(answers.get("metode_klasifikasi") or agreed.method_class)
    level = str(answers.get("level") or agreed.execution_level)
    if level not in LEVELS or form not in {f.key for f in methods.forms_of(method_class)}:
        raise VerifyRefused("answers")
    return replace(
        agreed, method_class=method_class, method_form=form, execution_level=level,
        learning_source=str(answers.get("sumber") or agreed.learning_source),
        organiser=str(answers.get("pelaksana") or agreed.organiser),
        start_month=int(period.get("start", agreed.start_month)),
        end_month=int(period.get("end", agreed.end_month)),
        quarter=period.get("quarter") if period else agreed.quarter,
    )  # fmt: skip


def clean_note(note: str | None) -> str | None:
    note = (note or "").strip()
    return note[:NOTE_LIMIT] or None


async def year_of(uow: UnitOfWork, plan_id: int) -> int:
    plan = await uow.plans.get(plan_id)
    if plan is None:
        raise VerifyRefused("gone")
    return plan.year


async def awaiting_item(uow: UnitOfWork, person: Employee, ref: Ref) -> AwaitingItem | None:
    """The item, if it still awaits verification and is ``person``'s to verify;
    :class:`VerifyRefused` when it is not theirs."""
    year = await year_of(uow, ref.plan_id)
    waiting = await uow.verifications.awaiting(year, plan_id=ref.plan_id)
    found = next((i for i in waiting if Ref.of(i) == ref), None)
    if found is None:
        return None
    owner = await uow.employees.by_id(found.owner_id)
    if owner is None or not may_on_item(person, owner, ItemAction.VERIFY):
        raise VerifyRefused("own" if owner is not None and owner.id == person.id else "actor")
    return found


async def verify(
    uow: UnitOfWork, person: Employee, refs: list[Ref], choice: Choice, at: datetime
) -> Outcome:
    """Verify each item of ``refs`` as ``choice`` says (set once for all of them); the
    plans left with nothing awaiting become verified, and their people are told."""
    outcome = Outcome()
    plans = sorted({ref.plan_id for ref in refs})
    for plan_id in plans:  # in one order: two batches never wait on each other
        await uow.verifications.lock_plan(plan_id)
    note = clean_note(choice.note)
    found = [(ref, await awaiting_item(uow, person, ref)) for ref in refs]  # refused: none kept
    for ref, item in found:
        if item is None:
            first = await uow.verifications.of_item(ref.item_id, ref.submission)
            (outcome.taken.append((ref, first)) if first else outcome.gone.append(ref))
            continue
        version = as_verified(item.version, choice.answers)
        first = await uow.verifications.verify(item, version, choice.priority, note, person.id,
                                               at)  # fmt: skip
        if first is not None:
            outcome.taken.append((item, first))
            continue
        changes = changed_fields(item.position, item.version, version)
        changes[f"C.{item.position}.priority"] = [None, choice.priority.value]
        await uow.plan_records.append(PlanEvent(
            item.plan_id, Event.VERIFY_ITEM.value, State.AGREED.value, State.AGREED.value, at,
            person.id, note=note, changes=changes))  # fmt: skip
        outcome.done.append(item)
    for plan_id in plans:
        if await finish(uow, plan_id, person, at):
            outcome.verified_plans.append(plan_id)
    return outcome


async def finish(uow: UnitOfWork, plan_id: int, person: Employee, at: datetime) -> bool:
    """The plan is verified when none of its agreed items awaits verification: fire
    ``verify`` and send Formulir 1 D to the employee and the supervisor."""
    plan = await uow.plans.get(plan_id)
    if plan is None or plan.status != State.AGREED:
        return False
    if await uow.verifications.awaiting(plan.year, plan_id=plan_id):
        return False
    try:
        await fire(uow, plan, Event.VERIFY, frozenset({Rel.EXPERTISE_GROUP}), at,
                   employee_id=person.id)  # fmt: skip
    except Refused:  # another update moved it first
        return False
    await tell_verified(uow, plan_id, at)
    return True


def check_adjust(person: Employee, owner: Employee, first: Verification) -> None:
    """Only its verifier, or the group's coordinator, changes an item's verification."""
    if Rel.EXPERTISE_GROUP not in relation(person, owner) or not (
        first.employee_id == person.id or person.has(Role.KOORDINATOR_KELOMPOK_KEAHLIAN)
    ):
        raise VerifyRefused("taken", verifier=first.verifier, at=first.verified_at)


async def adjust(
    uow: UnitOfWork, person: Employee, ref: Ref, choice: Choice, at: datetime
) -> ItemVersion:
    """Change one item's verification (after a batch): its verifier, or the group's
    coordinator, replaces it; the audit log says what changed."""
    await uow.verifications.lock_plan(ref.plan_id)
    before = await uow.verifications.of_item(ref.item_id, ref.submission)
    content = await uow.plan_records.load(ref.plan_id, ref.submission)
    plan = await uow.plans.get(ref.plan_id)
    item = next((i for i in content.items if i.id == ref.item_id), None) if content else None
    owner = await uow.employees.by_id(plan.employee_id) if plan else None
    if before is None or item is None or owner is None or plan is None:
        raise VerifyRefused("gone")
    check_adjust(person, owner, before)
    old = item.versions.get(Stage.VERIFIED)
    version = as_verified(old or item.versions[Stage.AGREED], choice.answers)
    note = clean_note(choice.note)
    await uow.verifications.replace(ref.plan_id, ref.submission, ref.item_id, version,
                                    choice.priority, note, person.id, at)  # fmt: skip
    changes = changed_fields(item.position, old, version)
    if before.priority is not choice.priority:
        changes[f"C.{item.position}.priority"] = [before.priority.value, choice.priority.value]
    await uow.plan_records.append(PlanEvent(
        ref.plan_id, Event.VERIFY_ITEM.value, plan.status, plan.status, at, person.id,
        note=note, changes=changes))  # fmt: skip
    if plan.status == State.VERIFIED:  # D went back already: the changed D goes too
        await tell_verified(uow, ref.plan_id, at, revision=len(await uow.plan_records.events(
            ref.plan_id)))  # fmt: skip
    return version
