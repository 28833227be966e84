"""The storage the verification needs, one port (``uow.verifications``): the items awaiting
verification, the verifications made, the members of a group and the group's recap."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from handlers.dialog.oversight_ports import Someone
from handlers.plan.model import ItemVersion, Priority


@dataclass(frozen=True)
class AwaitingItem:
    """An agreed item of an agreed plan that no one has verified yet: its plan and owner,
    the owner's unit and expertise group, when the plan was agreed, the item as agreed, and
    what the supervisor said (the dialogue's note, the item's decision reason)."""

    item_id: int
    submission: int
    plan_id: int
    position: int
    owner_id: int
    owner: str  # the owner's name
    unit: str
    group: str | None
    agreed_at: datetime
    version: ItemVersion
    dialogue_note: str | None = None
    reason: str | None = None


@dataclass(frozen=True)
class Verification:
    """The expertise group's verification of one item of one submission."""

    item_id: int
    submission: int
    plan_id: int
    priority: Priority
    note: str | None
    employee_id: int | None
    verified_at: datetime
    verifier: str | None = None  # the verifier's name (None: not found, or erased)


@dataclass(frozen=True)
class GroupCount:
    """What waits for one expertise group: items and the plans they come from."""

    group: str
    items: int
    plans: int


@dataclass(frozen=True)
class GroupRecap:
    """A group's recap of a cycle year marked done by its coordinator."""

    group: str
    year: int
    done_by: int | None
    done_at: datetime


class Verifications(Protocol):
    async def awaiting(
        self, year: int, group: str | None = None, plan_id: int | None = None
    ) -> list[AwaitingItem]:
        """Items awaiting verification in ``year``'s agreed plans, oldest agreed first; of
        ``group`` only (None: every group), of one plan only when given."""
        ...

    async def counts(self, year: int) -> list[GroupCount]:
        """Per expertise group, what awaits verification (groups with nothing left out)."""
        ...

    async def members(self, group: str) -> list[Someone]:
        """The group's members and coordinator who are still in the organisation."""
        ...

    async def lock_plan(self, plan_id: int) -> None:
        """Until this transaction ends, hold back every other verification of this plan."""
        ...

    async def verify(
        self, item: AwaitingItem, version: ItemVersion, priority: Priority, note: str | None,
        by: int, at: datetime,
    ) -> Verification | None:  # fmt: skip
        """Record the item's verification and verified version; None when done, else the
        verification someone recorded first (nothing is written)."""
        ...

    async def replace(
        self, plan_id: int, submission: int, item_id: int, version: ItemVersion,
        priority: Priority, note: str | None, by: int, at: datetime,
    ) -> None:  # fmt: skip
        """Replace an item's verification and verified version (delete + insert)."""
        ...

    async def of_item(self, item_id: int, submission: int) -> Verification | None: ...
    async def of_plan(self, plan_id: int, submission: int) -> dict[int, Verification]: ...
    async def recap(self, group: str, year: int) -> GroupRecap | None: ...
    async def mark_recap(self, group: str, year: int, by: int, at: datetime) -> bool:
        """Mark the group's recap of ``year`` done; False when it was marked before."""
        ...
