"""The check-ins as the home reads them (a person's latest, a team's), from a plain list."""

from __future__ import annotations

from handlers.checkin.ports import Checkin


class FakeCheckins:
    def __init__(self, checkins: list[Checkin]) -> None:
        self.checkins = checkins

    async def latest_of(self, employee_id: int, year: int) -> Checkin | None:
        own = [c for c in self.checkins if c.employee_id == employee_id and c.year == year]
        return max(own, key=lambda c: c.quarter, default=None)

    async def of_team(self, employee_ids: list[int], year: int) -> list[Checkin]:
        return [c for c in self.checkins if c.employee_id in employee_ids and c.year == year]
