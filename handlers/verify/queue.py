"""The expertise group's queue, as pure functions over the items awaiting verification:
oldest agreed first, and grouped by competency and method form ("Analisis Kebijakan ·
Pelatihan · 8 orang") so that what many plans share is set once for all."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from handlers.model import Employee
from handlers.plan.model import ItemVersion
from handlers.verify.ports import AwaitingItem


def oldest_first(items: Iterable[AwaitingItem]) -> list[AwaitingItem]:
    """When the plan was agreed, then the plan, then the item's place in it."""
    return sorted(items, key=lambda i: (i.agreed_at, i.plan_id, i.position))


def competency_of(version: ItemVersion) -> str:
    """What an item develops, as one key: the dictionary's key when it came from a gap,
    else its description with case and spacing ignored."""
    if version.competency_key:
        return version.competency_key
    return " ".join(version.competency_description.split()).casefold()


@dataclass(frozen=True)
class Batch:
    """Items of one competency and method form, oldest first."""

    competency: str
    method_form: str
    items: tuple[AwaitingItem, ...]

    @property
    def first(self) -> AwaitingItem:
        return self.items[0]

    @property
    def people(self) -> int:
        return len({item.owner_id for item in self.items})


def batches(items: Sequence[AwaitingItem]) -> list[Batch]:
    """The queue grouped by (competency, method form); the group whose oldest item is
    oldest comes first."""
    grouped: dict[tuple[str, str], list[AwaitingItem]] = {}
    for item in oldest_first(items):
        key = (competency_of(item.version), item.version.method_form)
        grouped.setdefault(key, []).append(item)
    return [Batch(competency, form, tuple(found))
            for (competency, form), found in grouped.items()]  # fmt: skip


def batch_of(items: Sequence[AwaitingItem], item_id: int) -> Batch | None:
    """The batch that holds ``item_id`` (a batch is named by any of its items)."""
    return next((b for b in batches(items) if any(i.item_id == item_id for i in b.items)), None)


def not_own(items: Iterable[AwaitingItem], person: Employee) -> list[AwaitingItem]:
    """A member never verifies their own items: they are left out of their queue."""
    return [item for item in items if item.owner_id != person.id]
