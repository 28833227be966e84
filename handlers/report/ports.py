"""What the check-in figures read (storage/checkin_report.py implements it). ``employees``:
the people to read (a team, one person), or None for everyone."""

from __future__ import annotations

from collections.abc import Collection
from typing import Protocol

from handlers.report.model import CheckinAnswer, Holder, PlannedItem


class CheckinReport(Protocol):
    async def holders(self, year: int, employees: Collection[int] | None) -> list[Holder]:
        """Employees still in the organisation with an agreed or verified plan of ``year``."""
        ...

    async def items(self, year: int, employees: Collection[int] | None) -> list[PlannedItem]:
        """Those plans' items as their latest verified, else agreed, version says."""
        ...

    async def answers(self, year: int, employees: Collection[int] | None) -> list[CheckinAnswer]:
        """What the year's check-ins recorded for those items."""
        ...
