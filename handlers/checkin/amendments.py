"""Amendments of a plan found in a check-in ("Rencana pembelajaran ini dapat bersifat
dinamis", LAN 605/2025 BAB II D): a new item, a changed time frame, an item cancelled. The
supervisor agrees or rejects each, as in the dialog kinerja; an agreed one is written into the
plan at its current submission without reopening it —

* a new item: a new ``plan_items`` row with its proposed and agreed versions;
* a changed time frame: the agreed version replaced, the verified one and its verification
  deleted, so the item is verified again;
* a cancellation: the item's decision becomes "rejected" with the reason (no agreed version
  is left), and its verification goes too —

and logged in the plan's audit log (event ``amend_item``, the changes per item). The plan's
state does not move: a verified plan stays verified while its amended items wait in the
expertise group's queue, each on its own.
"""

from __future__ import annotations

from dataclasses import asdict, replace
from datetime import datetime
from typing import Any

from handlers.checkin import notices, rights
from handlers.checkin.due import planned
from handlers.checkin.model import AmendmentKind, CheckinState, Verdict
from handlers.checkin.ports import Amendment
from handlers.checkin.view import amendment_view, plan_items
from handlers.effects import Msg, Reply
from handlers.model import Employee
from handlers.plan.lifecycle import Event
from handlers.plan.model import (
    CompetencySource,
    Decision,
    ItemDecision,
    ItemVersion,
    PlanEvent,
    Stage,
)
from handlers.ports import UnitOfWork


def stored(version: ItemVersion) -> dict[str, Any]:
    """An item version as an amendment's JSON content."""
    return {
        **asdict(version),
        "competency_source": version.competency_source.value,
        "relevance": list(version.relevance),
    }


def restored(content: dict[str, Any]) -> ItemVersion:
    fields = {k: v for k, v in content.items() if k in ItemVersion.__dataclass_fields__}
    return ItemVersion(
        **{
            **fields,
            "relevance": tuple(fields.get("relevance", ())),
            "competency_source": CompetencySource(fields["competency_source"]),
        }
    )


async def propose_item(
    uow: UnitOfWork,
    person: Employee,
    plan_id: int,
    item_id: int | None,
    version: ItemVersion,
    at: datetime,
) -> list[Reply]:
    """The new item's form was sent: propose it to the supervisor with the open check-in."""
    plan = await uow.plans.get(plan_id)
    checkin = await uow.checkins.latest_of(person.id, plan.year) if plan else None
    if checkin is None or plan is None or checkin.state == CheckinState.REVIEWED:
        return [Reply(Msg("checkin/refused", {"reason": "closed"}), person.bahasa)]
    proposed = await uow.checkins.propose(
        checkin.id, plan_id, AmendmentKind.ADD, None, stored(version), None, at
    )
    told = []
    if checkin.state == CheckinState.SUBMITTED:  # sent already: the supervisor hears now
        told = await notices.submitted(uow, person, checkin, 0, 1, at, f"item:{proposed}")
    context = {
        "competency": version.competency_description,
        "told": told,
        "sent": checkin.state == CheckinState.SUBMITTED,
    }
    return [Reply(Msg("checkin/item_proposed", context), person.bahasa)]


async def decide(
    uow: UnitOfWork,
    person: Employee,
    amendment_id: int,
    verdict: Verdict,
    at: datetime,
    reason: str | None = None,
) -> list[Reply]:
    """The supervisor agrees or rejects one amendment; the employee is told, and an agreed
    one is written into the plan and goes to the expertise group."""
    amendment = await uow.checkins.amendment(amendment_id)
    if amendment is None:
        raise rights.CheckinRefused("none")
    found = await rights.found(uow, person, amendment.checkin_id, at, supervisor=True)
    items = await plan_items(uow, amendment.plan_id)
    if not await uow.checkins.decide(amendment.id, verdict, reason, person.id, at):
        raise rights.CheckinRefused("decided")  # decided already (a second press, or another)
    if verdict is Verdict.AGREED:
        new_item = await apply(uow, person, amendment, at)
        if new_item is not None:
            await uow.checkins.link_item(amendment.id, new_item)
    decided = replace(amendment, verdict=verdict.value, verdict_reason=reason)
    shown = amendment_view(decided, items)
    await notices.decided(uow, found.owner, person, shown, at)
    return [
        Reply(
            Msg("checkin/amendment_saved", {**shown, "employee": found.owner.nama}), person.bahasa
        )
    ]


async def apply(
    uow: UnitOfWork, person: Employee, amendment: Amendment, at: datetime
) -> int | None:
    """Write the agreed amendment into the plan; the new item's id for an addition."""
    plan = await uow.plans.get(amendment.plan_id)
    submission = await uow.plan_records.submissions(amendment.plan_id)
    content = await uow.plan_records.load(amendment.plan_id, submission)
    if plan is None or content is None:
        raise rights.CheckinRefused("none")
    current = {i.id: i for i in planned(content)}
    changes: dict[str, list[object]] = {}
    new_item = None
    if amendment.kind == AmendmentKind.ADD:
        version = restored(amendment.content)
        new_item, position = await uow.agreements.new_item(plan.id)
        await uow.checkins.add_version(new_item, Stage.PROPOSED, submission, version, at)
        await uow.agreements.decide(
            plan.id, submission, ItemDecision(new_item, Decision.AGREED, at, person.id), version
        )
        changes[f"C.{position}.decision"] = [None, Decision.ADDED.value]
    else:
        item = current.get(amendment.item_id or 0)
        if item is None:
            raise rights.CheckinRefused("gone")
        if amendment.kind == AmendmentKind.CANCEL:
            decision = ItemDecision(item.id, Decision.REJECTED, at, person.id, amendment.reason)
            await uow.agreements.decide(plan.id, submission, decision, None)
            changes[f"C.{item.position}.decision"] = [None, Decision.REJECTED.value]
        else:
            period = amendment.content
            moved = replace(
                item.version,
                start_month=int(period["start"]),
                end_month=int(period["end"]),
                quarter=period.get("quarter"),
            )
            await uow.agreements.decide(
                plan.id, submission, ItemDecision(item.id, Decision.AGREED, at, person.id), moved
            )
            changes[f"C.{item.position}.bulan_mulai"] = [
                item.version.start_month,
                moved.start_month,
            ]
            changes[f"C.{item.position}.bulan_selesai"] = [item.version.end_month, moved.end_month]
        await uow.checkins.forget_verification(item.id, submission)
    await uow.plan_records.append(
        PlanEvent(
            plan.id,
            Event.AMEND_ITEM.value,
            plan.status,
            plan.status,
            at,
            person.id,
            note=amendment.reason,
            changes=changes,
        )
    )
    return new_item
