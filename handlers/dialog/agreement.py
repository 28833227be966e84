"""Pelaksanaan (LAN 605/2025 BAB II B): the direct supervisor records the dialog kinerja's
agreement, item by item — agree as proposed, change (on the form engine), reject with a
reason, add an item that came up — sets where each is run (the execution level), may note
the dialogue, and sends the agreed plan to the employee to confirm.

Each decision is saved as it is taken (resumable), its agreed version stored beside the
proposed one (nothing the employee wrote is overwritten) and appended to the plan's audit
log with the fields changed, old → new.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from datetime import datetime

from handlers.access import Relation
from handlers.dialog.acting import plan_actors
from handlers.effects import Msg
from handlers.formulir1.section_c import LEVELS
from handlers.model import Employee
from handlers.plan.lifecycle import Event, Refused, State
from handlers.plan.model import (
    Decision,
    Item,
    ItemDecision,
    ItemVersion,
    PlanContent,
    PlanEvent,
    Stage,
)
from handlers.plan.transitions import fire
from handlers.ports import Plan, UnitOfWork

OPENS = (State.SUBMITTED, State.SCHEDULED)  # a plan sent: the dialogue may start
NOTE_LIMIT = 1000


class AgreementRefused(Exception):
    """Why not: no_plan, actor (not theirs to act on), state (not at this step), undecided
    (items left), no_item, empty (a reason is needed)."""

    def __init__(self, reason: str, **context: object) -> None:
        super().__init__(reason)
        self.reason, self.context = reason, context

    def msg(self) -> Msg:
        return Msg("dialog/agree/refused", {"reason": self.reason, **self.context})


@dataclass(frozen=True)
class Agreement:
    """A sent plan's latest submission with the dialogue's decisions so far."""

    plan: Plan
    owner: Employee
    content: PlanContent
    decisions: dict[int, ItemDecision]
    note: str | None

    @property
    def submission(self) -> int:
        return self.content.submission

    def item(self, item_id: int) -> Item:
        found = next((i for i in self.content.items if i.id == item_id), None)
        if found is None:
            raise AgreementRefused("no_item")
        return found

    def undecided(self) -> list[Item]:
        return [i for i in self.content.items if i.id not in self.decisions]

    def outcome(self, item: Item) -> str:
        """open, agreed (as proposed), changed, rejected or added."""
        decision = self.decisions.get(item.id or 0)
        if decision is None:
            return "open"
        if decision.decision is not Decision.AGREED:
            return decision.decision.value
        same = item.versions.get(Stage.AGREED) == item.versions.get(Stage.PROPOSED)
        return "agreed" if same else "changed"

    def shown(self, item: Item) -> ItemVersion:
        """The item as it stands in the dialogue: agreed if it is, else as proposed."""
        return item.versions.get(Stage.AGREED) or item.versions[Stage.PROPOSED]


async def load(uow: UnitOfWork, plan_id: int) -> Agreement:
    plan = await uow.plans.get(plan_id)
    owner = await uow.employees.by_id(plan.employee_id) if plan else None
    content = await uow.plan_records.load(plan_id) if plan else None
    if plan is None or owner is None or content is None:
        raise AgreementRefused("no_plan")
    n = content.submission
    return Agreement(plan, owner, content, await uow.agreements.decisions(plan_id, n),
                     await uow.agreements.note(plan_id, n))  # fmt: skip


async def as_supervisor(
    uow: UnitOfWork,
    person: Employee,
    plan_id: int,
    at: datetime,
    states: tuple[State, ...] = (State.IN_DIALOGUE,),
) -> Agreement:
    """The agreement, if ``person`` acts as the owner's supervisor at ``at`` (direct, acting,
    or a coordinator for someone without one) and the plan is in one of ``states``;
    :class:`AgreementRefused` otherwise."""
    found = await load(uow, plan_id)
    if Relation.SUPERVISOR not in await plan_actors(uow, person, found.owner, at):
        raise AgreementRefused("actor")
    if found.plan.status not in states:
        raise AgreementRefused("state", status=found.plan.status, employee=found.owner.nama)
    return found


async def open_dialogue(uow: UnitOfWork, person: Employee, plan_id: int, at: datetime) -> Agreement:
    """Start recording the agreement of a sent plan (a booked slot or none), or go on with it."""
    found = await as_supervisor(uow, person, plan_id, at, (*OPENS, State.IN_DIALOGUE))
    if found.plan.status == State.IN_DIALOGUE:
        return found
    try:
        await fire(uow, found.plan, Event.OPEN_DIALOGUE, frozenset({Relation.SUPERVISOR}), at,
                   employee_id=person.id)  # fmt: skip
    except Refused as refusal:  # another update moved it first
        raise AgreementRefused("state", status=found.plan.status) from refusal
    return replace(found, plan=replace(found.plan, status=State.IN_DIALOGUE.value))


def fields(version: ItemVersion | None) -> dict[str, object]:
    if version is None:
        return {}
    return {k: list(v) if isinstance(v, tuple) else v for k, v in asdict(version).items()}


def changed_fields(
    position: int, old: ItemVersion | None, new: ItemVersion | None
) -> dict[str, list[object]]:
    """``C.<position>.<field>`` → [old, new] for each field that differs."""
    before, after = fields(old), fields(new)
    return {f"C.{position}.{key}": [before.get(key), after.get(key)]
            for key in sorted(before.keys() | after.keys())
            if before.get(key) != after.get(key)}  # fmt: skip


async def decide(
    uow: UnitOfWork, person: Employee, found: Agreement, item_id: int, decision: Decision,
    agreed: ItemVersion | None, at: datetime, reason: str | None = None, position: int = 0,
) -> None:  # fmt: skip
    """Record one decision (replacing an earlier one) and audit what it changed (a new
    item, not in ``found`` yet, is at ``position``)."""
    item = next((i for i in found.content.items if i.id == item_id), None)
    position = item.position if item else position
    before = found.shown(item) if item else None
    made = ItemDecision(item_id, decision, at, person.id, reason)
    await uow.agreements.decide(found.plan.id, found.submission, made, agreed)
    changes = changed_fields(position, before, agreed)
    changes[f"C.{position}.decision"] = [found.outcome(item) if item else None, decision.value]
    await uow.plan_records.append(PlanEvent(
        found.plan.id, Event.DECIDE_ITEM.value, found.plan.status, found.plan.status, at,
        person.id, note=reason, changes=changes))  # fmt: skip


def agreed_as(item: Item) -> Decision:
    """An item proposed is agreed (as proposed or changed); one added stays added."""
    return Decision.AGREED if Stage.PROPOSED in item.versions else Decision.ADDED


async def agree(
    uow: UnitOfWork, person: Employee, plan_id: int, item_id: int, at: datetime,
    level: str | None = None,
) -> Agreement:  # fmt: skip
    """Agree the item as it stands (as proposed, or as changed), at ``level`` if given."""
    found = await as_supervisor(uow, person, plan_id, at)
    item = found.item(item_id)
    if level is not None and level not in LEVELS:
        raise AgreementRefused("no_item")
    agreed = found.shown(item)
    agreed = replace(agreed, execution_level=level) if level else agreed
    await decide(uow, person, found, item_id, agreed_as(item), agreed, at)
    return await load(uow, plan_id)


async def reject(
    uow: UnitOfWork, person: Employee, plan_id: int, item_id: int, reason: str, at: datetime
) -> Agreement:
    """Reject a proposed item with a reason; an item added in the dialogue is taken back."""
    found = await as_supervisor(uow, person, plan_id, at)
    item = found.item(item_id)
    if Stage.PROPOSED not in item.versions:
        await uow.agreements.withdraw(plan_id, found.submission, item_id)
        await uow.plan_records.append(PlanEvent(
            plan_id, Event.DECIDE_ITEM.value, found.plan.status, found.plan.status, at,
            person.id, changes={**changed_fields(item.position, found.shown(item), None),
                                f"C.{item.position}.decision": ["added", None]}))  # fmt: skip
        return await load(uow, plan_id)
    reason = reason.strip()
    if not reason or len(reason) > NOTE_LIMIT:
        raise AgreementRefused("empty")
    await decide(uow, person, found, item_id, Decision.REJECTED, None, at, reason)
    return await load(uow, plan_id)


async def record_item(
    uow: UnitOfWork, person: Employee, plan_id: int, item_id: int | None, agreed: ItemVersion,
    at: datetime,
) -> Agreement:  # fmt: skip
    """An item as the supervisor changed it (``item_id``) or added it (None)."""
    found = await as_supervisor(uow, person, plan_id, at)
    if item_id is None:
        item_id, position = await uow.agreements.new_item(plan_id)
        await decide(uow, person, found, item_id, Decision.ADDED, agreed, at, position=position)
        return await load(uow, plan_id)
    await decide(uow, person, found, item_id, agreed_as(found.item(item_id)), agreed, at)
    return await load(uow, plan_id)


async def set_note(
    uow: UnitOfWork, person: Employee, plan_id: int, note: str, at: datetime
) -> Agreement:
    found = await as_supervisor(uow, person, plan_id, at)
    await uow.agreements.set_note(plan_id, found.submission, note.strip()[:NOTE_LIMIT], at)
    return await load(uow, plan_id)


def agreement_changes(found: Agreement) -> dict[str, list[object]]:
    """What the agreement changed of the proposal: each item's fields, old → new."""
    changes: dict[str, list[object]] = {}
    for item in found.content.items:
        changes.update(changed_fields(item.position, item.versions.get(Stage.PROPOSED),
                                      item.versions.get(Stage.AGREED)))  # fmt: skip
        outcome = found.outcome(item)
        if outcome != "agreed":
            changes[f"C.{item.position}.decision"] = [None, outcome]
    return changes


async def propose(uow: UnitOfWork, person: Employee, plan_id: int, at: datetime) -> Agreement:
    """Every item decided: the agreed plan goes to the employee to confirm."""
    found = await as_supervisor(uow, person, plan_id, at)
    left = found.undecided()
    if left:
        raise AgreementRefused("undecided", items=[i.position for i in left])
    try:
        await fire(uow, found.plan, Event.PROPOSE_AGREEMENT, frozenset({Relation.SUPERVISOR}), at,
                   employee_id=person.id, note=found.note,
                   changes=agreement_changes(found))  # fmt: skip
    except Refused as refusal:
        raise AgreementRefused("state", status=found.plan.status) from refusal
    status = State.AWAITING_CONFIRMATION.value
    return replace(found, plan=replace(found.plan, status=status))
