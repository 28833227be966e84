"""What the check-in figures read (storage/checkin_report.py implements it). ``employees``:
the people to read (a team, one person), or None for everyone."""

from __future__ import annotations

from collections.abc import Collection
from typing import Protocol

from handlers.report.model import CheckinAnswer, CheckinEntry, CheckinLine, Holder, PlannedItem

PAGE = 2000  # check-in lines read at a time: the workbook never holds them all
LineKey = tuple[str, int, int]  # (NIP, item position, quarter): where a page ends


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

    async def entries(self, plan_id: int) -> list[CheckinEntry]:
        """Everything the plan's check-ins recorded, by item and quarter (Formulir 1 E)."""
        ...

    async def lines_page(self, year: int, after: LineKey | None, limit: int) -> list[CheckinLine]:
        """The year's check-in entries of everyone, by NIP, item position and quarter, after
        the line keyed ``after``: one page of the coordinator's workbook."""
        ...
