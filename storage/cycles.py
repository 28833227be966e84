"""The cycles a coordinator or admin opened, one row per year."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select, update

from handlers.ports import Cycle
from storage.models import CycleRow
from storage.repositories import dialect_insert
from storage.session import DbSession


def _cycle(row: CycleRow) -> Cycle:
    return Cycle(
        year=row.year, opened_at=row.opened_at, opened_by=row.opened_by,
        formulir1_opens=row.formulir1_opens, dialogue_from=row.dialogue_from,
        dialogue_to=row.dialogue_to, verification_by=row.verification_by,
        checkins=(row.checkin_1, row.checkin_2, row.checkin_3, row.checkin_4),
    )  # fmt: skip


class SqlCycles:
    def __init__(self, session: DbSession) -> None:
        self.session = session

    async def all(self) -> list[Cycle]:
        rows = await self.session.scalars(select(CycleRow).order_by(CycleRow.year))
        return [_cycle(row) for row in rows]

    async def open(self, cycle: Cycle) -> bool:
        """Two openings of one year at once: the second waits for the first, then does
        nothing (the primary key is the year)."""
        first, second, third, fourth = cycle.checkins
        result = await self.session.execute(
            dialect_insert(self.session, CycleRow)
            .values(
                year=cycle.year, opened_at=cycle.opened_at, opened_by=cycle.opened_by,
                formulir1_opens=cycle.formulir1_opens, dialogue_from=cycle.dialogue_from,
                dialogue_to=cycle.dialogue_to, verification_by=cycle.verification_by,
                checkin_1=first, checkin_2=second, checkin_3=third, checkin_4=fourth,
            )
            .on_conflict_do_nothing(index_elements=["year"])
        )  # fmt: skip
        return bool(getattr(result, "rowcount", 0))

    async def set_dialogue(self, year: int, starts: date, ends: date) -> None:
        await self.session.execute(
            update(CycleRow).where(CycleRow.year == year)
            .values(dialogue_from=starts, dialogue_to=ends)
        )  # fmt: skip

    async def set_checkins(self, year: int, days: tuple[date, date, date, date]) -> None:
        first, second, third, fourth = days
        await self.session.execute(
            update(CycleRow).where(CycleRow.year == year)
            .values(checkin_1=first, checkin_2=second, checkin_3=third, checkin_4=fourth)
        )  # fmt: skip
