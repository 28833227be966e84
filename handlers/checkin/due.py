"""Which quarter's check-in is open on a day, and which items it asks about.

An item is *due* in quarter q when its time frame has started by the quarter's end (its
first month ≤ 3q); the check-in asks about those and shows the rest. Each item is read as
the expertise group verified it (Formulir 1 D) when it was, else as agreed in the dialog
kinerja; an item without either (rejected in the dialogue, or cancelled) is not in the plan.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from handlers.plan.model import Item, ItemVersion, PlanContent, Stage
from handlers.ports import Cycle

QUARTERS = (1, 2, 3, 4)
CHECKED_PLANS = ("agreed", "verified")  # lifecycle states whose employees are asked


def quarter_open(cycle: Cycle, day: date) -> int | None:
    """The latest quarter whose check-in date has come by ``day`` (None: before the first)."""
    found = [q for q in QUARTERS if cycle.checkins[q - 1] <= day]
    return found[-1] if found else None


def last_month(quarter: int) -> int:
    return 3 * quarter


@dataclass(frozen=True)
class PlannedItem:
    """An item of the plan as it stands now (verified, else agreed)."""

    id: int
    position: int
    version: ItemVersion
    verified: bool


def planned(content: PlanContent) -> list[PlannedItem]:
    """The plan's items as they stand: verified version first, else the agreed one."""
    return [found for item in content.items if (found := _planned(item)) is not None]


def _planned(item: Item) -> PlannedItem | None:
    for stage in (Stage.VERIFIED, Stage.AGREED):
        if stage in item.versions and item.id is not None:
            return PlannedItem(
                item.id, item.position, item.versions[stage], stage is Stage.VERIFIED
            )
    return None


def is_due(item: PlannedItem, quarter: int) -> bool:
    return item.version.start_month <= last_month(quarter)


def split_due(
    items: list[PlannedItem], quarter: int
) -> tuple[list[PlannedItem], list[PlannedItem]]:
    """(asked, shown): the items due by the quarter's end, and those not yet due."""
    return [i for i in items if is_due(i, quarter)], [i for i in items if not is_due(i, quarter)]
