"""An in-memory :class:`handlers.dialog.oversight_ports.Oversight` for unit tests: acting
supervisors and the people they name, and a supervisor's direct reports (with no plan: the
plans are the FakePlans'). The plans waiting and the nudges are read from SQL
(tests/integration, tests/channels), so here they answer as an agency without any."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

from handlers.dialog.oversight_ports import (
    ActingAssignment,
    NudgeSettings,
    Queued,
    Someone,
    StageCount,
    TeamMember,
    WaitingPlan,
)
from handlers.model import Employee


@dataclass
class OversightState:
    acting: list[ActingAssignment] = field(default_factory=list)
    sent: dict[str, tuple[str, int, int | None, date]] = field(default_factory=dict)
    settings: dict[int, NudgeSettings] = field(default_factory=dict)
    cuti_bersama: set[date] = field(default_factory=set)


class FakeOversight:
    def __init__(self, state: OversightState, people: Callable[[], dict[int, Employee]]) -> None:
        self.state, self._people = state, people

    def _name(self, employee_id: int | None) -> str | None:
        found = self._people().get(employee_id) if employee_id is not None else None
        return found.nama if found else None

    async def add_acting(
        self, acting_id: int, employee_id: int | None, unit: str | None, starts: date,
        ends: date, created_by: str, at: datetime,
    ) -> int:  # fmt: skip
        new_id = len(self.state.acting) + 1
        self.state.acting.append(ActingAssignment(
            new_id, acting_id, self._name(acting_id) or "", employee_id, self._name(employee_id),
            unit, starts, ends, created_by))  # fmt: skip
        return new_id

    async def acting(self, *, on: date | None = None) -> list[ActingAssignment]:
        return [a for a in self.state.acting if on is None or a.active_on(on)]

    async def end_acting(self, assignment_id: int, at: datetime) -> bool:
        for n, found in enumerate(self.state.acting):
            if found.id == assignment_id and found.ended_at is None:
                self.state.acting[n] = dataclasses.replace(found, ended_at=at)
                return True
        return False

    async def team(
        self, supervisor_id: int, acting_for: list[int], units: list[str], year: int
    ) -> list[TeamMember]:
        people = self._people()
        boss = people.get(supervisor_id)
        return [TeamMember(e.id, e.nama, e.jabatan, e.unit_kerja, None, None, False)
                for e in sorted(people.values(), key=lambda e: e.nama)
                if boss is not None and e.supervisor_nip == boss.nip]  # fmt: skip

    async def waiting(self, year: int, states: frozenset[str]) -> list[WaitingPlan]:
        return []

    async def people(self, employee_ids: list[int]) -> list[Someone]:
        found = [self._people()[i] for i in employee_ids if i in self._people()]
        return [Someone(e.id, e.nama, e.zona_waktu, e.bahasa) for e in found]

    async def sent_keys(self, keys: list[str]) -> set[str]:
        return set(keys) & set(self.state.sent)

    async def record_sent(
        self, key: str, kind: str, recipient_id: int, plan_id: int | None, day: date,
        at: datetime,
    ) -> bool:  # fmt: skip
        if key in self.state.sent:
            return False
        self.state.sent[key] = (kind, recipient_id, plan_id, day)
        return True

    async def settings(self, year: int) -> NudgeSettings:
        return self.state.settings.get(year, NudgeSettings())

    async def save_settings(self, year: int, settings: NudgeSettings, at: datetime) -> None:
        self.state.settings[year] = settings

    async def stages_by_unit(self, year: int) -> list[StageCount]:
        return []

    async def queued_between(self, start: datetime, end: datetime, limit: int) -> list[Queued]:
        return []


class FakeCutiBersama:
    """Collective leave days, as the admin declares them."""

    def __init__(self, days: set[date]) -> None:
        self.days = days

    async def add(self, day: date, at: datetime) -> bool:
        new = day not in self.days
        self.days.add(day)
        return new

    async def remove(self, day: date) -> bool:
        found = day in self.days
        self.days.discard(day)
        return found

    async def listing(self, since: date) -> list[date]:
        return sorted(d for d in self.days if d >= since)

    async def between(self, start: date, end: date) -> frozenset[date]:
        return frozenset(d for d in self.days if start <= d <= end)
