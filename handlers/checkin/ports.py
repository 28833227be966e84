"""What the check-in asks of storage (storage/checkins.py), and the records it reads back."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Protocol

from handlers.plan.model import ItemVersion


@dataclass(frozen=True)
class Checkin:
    """One plan's check-in of one quarter (table ``checkins``)."""

    id: int
    plan_id: int
    employee_id: int
    year: int
    quarter: int
    submission: int
    due_on: date
    state: str  # handlers.checkin.model.CheckinState
    asked_at: datetime
    snoozed_until: datetime | None = None
    submitted_at: datetime | None = None
    closed_at: datetime | None = None
    closed_by: int | None = None
    note: str | None = None


@dataclass(frozen=True)
class ItemAnswer:
    """Formulir 1 E for one item (table ``checkin_items``)."""

    item_id: int
    status: str
    status_reason: str | None = None
    done_on: date | None = None
    method_class: str | None = None
    method_form: str | None = None
    jp_realized: int | None = None
    evidence_file_id: int | None = None
    fit: str | None = None
    fit_reason: str | None = None
    benefit: int | None = None
    benefit_example: str | None = None
    feedback: str | None = None


@dataclass(frozen=True)
class Amendment:
    """A change of the plan proposed in a check-in (table ``checkin_amendments``)."""

    id: int
    checkin_id: int
    plan_id: int
    kind: str  # handlers.checkin.model.AmendmentKind
    item_id: int | None
    content: dict[str, Any] = field(default_factory=dict)
    reason: str | None = None
    verdict: str | None = None
    verdict_reason: str | None = None
    decided_by: int | None = None


@dataclass(frozen=True)
class AskedPlan:
    """A plan whose employee is to be asked for a quarter's check-in."""

    plan_id: int
    employee_id: int
    submission: int


class Checkins(Protocol):
    async def to_ask(self, year: int, quarter: int, states: tuple[str, ...]) -> list[AskedPlan]:
        """Plans of ``year`` in one of ``states`` with no check-in of ``quarter`` yet."""
        ...

    async def open(self, plan: AskedPlan, quarter: int, due_on: date, at: datetime) -> int | None:
        """A new check-in (state asked); None when one was opened meanwhile."""
        ...

    async def get(self, checkin_id: int) -> Checkin | None: ...
    async def latest_of(self, employee_id: int, year: int) -> Checkin | None:
        """The employee's latest check-in of the year."""
        ...

    async def of_team(self, employee_ids: list[int], year: int) -> list[Checkin]: ...
    async def waiting(self, year: int) -> list[Checkin]:
        """The year's check-ins not reviewed yet."""
        ...

    async def set_state(self, checkin_id: int, state: str, at: datetime) -> None: ...
    async def snooze(self, checkin_id: int, until: datetime, at: datetime) -> None: ...
    async def submit(self, checkin_id: int, answers: list[ItemAnswer], at: datetime) -> bool:
        """Store the answers and mark it submitted; False when it was submitted already."""
        ...

    async def answers(self, checkin_id: int) -> list[ItemAnswer]: ...
    async def close(
        self, checkin_id: int, feedback: dict[int, str], note: str | None, by: int, at: datetime
    ) -> bool:
        """Keep the supervisor's feedback per item, mark it reviewed; False if it was."""
        ...

    async def propose(
        self,
        checkin_id: int,
        plan_id: int,
        kind: str,
        item_id: int | None,
        content: dict[str, Any],
        reason: str | None,
        at: datetime,
    ) -> int: ...
    async def amendments(self, checkin_id: int) -> list[Amendment]: ...
    async def amendment(self, amendment_id: int) -> Amendment | None: ...
    async def decide(
        self, amendment_id: int, verdict: str, reason: str | None, by: int, at: datetime
    ) -> bool:
        """Record the verdict, if none was yet (the claim: one decision wins); False if
        decided."""
        ...

    async def link_item(self, amendment_id: int, item_id: int) -> None:
        """The item an agreed addition became."""
        ...

    async def add_version(
        self, item_id: int, stage: str, submission: int, version: ItemVersion, at: datetime
    ) -> None:
        """A version of an item (an added item's proposal, as the employee wrote it)."""
        ...

    async def forget_verification(self, item_id: int, submission: int) -> None:
        """Delete the item's verified version and verification: it is verified again."""
        ...
