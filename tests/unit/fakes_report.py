"""An in-memory CheckinReport: the holders, items and check-in answers a test sets."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field

from handlers.report.model import CheckinAnswer, CheckinEntry, CheckinLine, Holder, PlannedItem
from handlers.report.ports import LineKey


@dataclass
class ReportState:
    holders: dict[int, list[Holder]] = field(default_factory=dict)  # by year
    items: dict[int, list[PlannedItem]] = field(default_factory=dict)
    answers: dict[int, list[CheckinAnswer]] = field(default_factory=dict)
    entries: dict[int, list[CheckinEntry]] = field(default_factory=dict)  # by plan id
    lines: dict[int, list[CheckinLine]] = field(default_factory=dict)  # by year


class FakeCheckinReport:
    def __init__(self, state: ReportState) -> None:
        self.state = state

    async def holders(self, year: int, employees: Collection[int] | None) -> list[Holder]:
        return [h for h in self.state.holders.get(year, [])
                if employees is None or h.employee_id in employees]  # fmt: skip

    async def items(self, year: int, employees: Collection[int] | None) -> list[PlannedItem]:
        return [i for i in self.state.items.get(year, [])
                if employees is None or i.employee_id in employees]  # fmt: skip

    async def answers(self, year: int, employees: Collection[int] | None) -> list[CheckinAnswer]:
        ids = {i.item_id for i in await self.items(year, employees)}
        return [a for a in self.state.answers.get(year, []) if a.item_id in ids]

    async def entries(self, plan_id: int) -> list[CheckinEntry]:
        return list(self.state.entries.get(plan_id, []))

    async def lines_page(self, year: int, after: LineKey | None, limit: int) -> list[CheckinLine]:
        ordered = sorted(self.state.lines.get(year, []), key=key)
        return [line for line in ordered if after is None or key(line) > after][:limit]


def key(line: CheckinLine) -> LineKey:
    return (line.nip, line.position, line.entry.quarter)
