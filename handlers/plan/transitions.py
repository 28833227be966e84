"""Fire a lifecycle event on a plan: check it against the table, move the state
conditionally, and append the move to the plan's audit log, in the caller's transaction."""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime

from handlers.plan.lifecycle import Actor, Event, Refused, Transition, permitted
from handlers.plan.model import PlanContent, PlanEvent
from handlers.ports import Plan, UnitOfWork


async def fire(
    uow: UnitOfWork, plan: Plan, event: Event, who: frozenset[Actor], at: datetime, *,
    employee_id: int | None = None, operator: str | None = None, note: str | None = None,
    changes: dict[str, list[object]] | None = None,
) -> Transition:  # fmt: skip
    """The transition taken; :class:`Refused` when the table has none from the plan's state
    for ``who``, or another update moved the plan first ("state")."""
    found = permitted(plan.status, event, who)
    if not await uow.plan_records.move(plan.id, plan.status, found.target, at):
        raise Refused("state")
    await uow.plan_records.append(PlanEvent(
        plan.id, event.value, plan.status, found.target.value, at, employee_id, operator, note,
        changes or {}))  # fmt: skip
    return found


def flatten(content: PlanContent | None) -> dict[str, object]:
    """A submission as field → value, to say what a resubmission changed."""
    if content is None:
        return {}
    fields: dict[str, object] = {f"A.{k}": v for k, v in asdict(content.profile).items()}
    fields.update({f"B.{basis}": available for basis, available in content.bases.items()})
    for analysis in content.analyses:
        key = f"B.{analysis.code}" + (f".{analysis.classification}" if analysis.classification
                                      else "")  # fmt: skip
        fields.setdefault(key, [])
        entries = fields[key]
        assert isinstance(entries, list)
        entries.append(analysis.text if analysis.year is None else [analysis.year, analysis.text])
    fields.update({f"S.{r.competency_key}": r.rating for r in content.ratings})
    for item in content.items:
        for name, value in asdict(item.current).items():
            fields[f"C.{item.position}.{name}"] = list(value) if isinstance(value, tuple) else value
    return fields


def changed(old: PlanContent | None, new: PlanContent) -> dict[str, list[object]]:
    """What ``new`` changed against ``old``: field → [old, new] (None where absent)."""
    before, after = flatten(old), flatten(new)
    return {key: [before.get(key), after.get(key)]
            for key in sorted(before.keys() | after.keys())
            if before.get(key) != after.get(key)}  # fmt: skip
