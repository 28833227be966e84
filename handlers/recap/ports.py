"""The ports the recaps read and the programmes change (storage/recaps.py,
storage/programmes.py implement them)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol

from handlers.recap.model import GroupRow, LevelCount, NeedCount, Programme

PAGE = 500  # members read at a time: an export never holds a whole recap in memory


class Recaps(Protocol):
    async def groups(self) -> list[tuple[int, str]]:
        """Every expertise group: (id, name), by name."""
        ...

    async def group_page(
        self, group: str, year: int, after: tuple[str, int] | None, limit: int
    ) -> tuple[list[GroupRow], tuple[str, int] | None]:
        """One page of the group's recap: the verified items of ``year`` of the next
        ``limit`` members after the one keyed ``after`` (nama, employee id), by name and
        position; and the key of the page's last member (None: no members left)."""
        ...

    async def level_counts(self, year: int) -> list[LevelCount]:
        """Verified items of ``year`` counted per level, programme or need, and unit."""
        ...

    async def priorities(self, plan_id: int, submission: int) -> dict[int, str]:
        """Each verified item's priority (Tinggi/Sedang/Rendah), by item id."""
        ...


class Programmes(Protocol):
    async def unassigned_needs(self, year: int) -> list[NeedCount]:
        """Verified items in no programme, counted per competency and unit."""
        ...

    async def create(
        self, year: int, name: str, keys: Sequence[str], descriptions: Sequence[str],
        by: int | None, at: datetime,
    ) -> Programme | None:  # fmt: skip
        """A programme of the unassigned verified items whose competency key is in ``keys``
        or whose (lower-cased) description is in ``descriptions`` (None if none is); its level,
        organiser and method are, until decided, what most of its items say."""
        ...

    async def all(self, year: int) -> list[Programme]: ...
    async def get(self, programme_id: int) -> Programme | None: ...
    async def merge(self, into: int, other: int, at: datetime) -> None:
        """Move ``other``'s items into ``into`` and drop ``other``."""
        ...

    async def split(self, programme_id: int, unit: str, at: datetime) -> Programme | None:
        """Move ``unit``'s items into a new programme like this one; None when that unit
        has no item in it (or every item is of that unit)."""
        ...

    async def dissolve(self, programme_id: int) -> None: ...
    async def decide(
        self, programme_id: int, level: str, organiser: str, by: int | None, at: datetime
    ) -> int:
        """Set the level and organiser; replace each member item's verified version (and
        its verification row) with them, log the change per plan; how many items changed."""
        ...
