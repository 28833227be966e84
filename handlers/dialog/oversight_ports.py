"""The storage the supervisor's overview needs (h-oversee's part of the dialog kinerja):
acting supervisors, a supervisor's team, the plans waiting in the dialogue, the nudges sent
and the per-cycle nudge settings. One port, ``uow.oversight``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol

from handlers.model import Zone


@dataclass(frozen=True)
class ActingAssignment:
    """An acting supervisor (Plt/Plh): ``acting_id`` stands in for the supervisor of one
    person (``employee_id``) or of everyone in a unit (``unit``) from ``starts`` to ``ends``
    (both days included), until ended early (``ended_at``)."""

    id: int
    acting_id: int
    acting_nama: str
    employee_id: int | None
    employee_nama: str | None
    unit: str | None
    starts: date
    ends: date
    created_by: str
    ended_at: datetime | None = None

    def active_on(self, day: date) -> bool:
        return self.ended_at is None and self.starts <= day <= self.ends


@dataclass(frozen=True)
class TeamMember:
    """A report of a supervisor and their plan of the year (None: not started)."""

    employee_id: int
    nama: str
    jabatan: str
    unit: str
    plan_id: int | None
    status: str | None
    acting: bool  # reported through an acting assignment, not the organisation data
    since: datetime | None = None  # when the plan moved into its state (sent, returned…)


@dataclass(frozen=True)
class Someone:
    """Who a nudge goes to, or is about: enough to address them and name them."""

    id: int
    nama: str
    zone: Zone
    locale: str


@dataclass(frozen=True)
class WaitingPlan:
    """A plan sent and not yet agreed: its owner, unit, state and since when it is in it,
    and the owner's direct supervisor in the organisation data (None: none, or unknown)."""

    plan_id: int
    owner: Someone
    unit: str
    status: str
    since: datetime
    supervisor: Someone | None


@dataclass(frozen=True)
class NudgeSettings:
    """Working days before each nudge (per cycle; LAN 605/2025 leaves them to the agency)."""

    remind_supervisor: int = 3  # a sent plan not scheduled: the supervisor is reminded
    escalate: int = 7  # still not scheduled: the coordinators are told
    remind_confirm: int = 3  # an agreement not confirmed: the employee is reminded
    window_closing: int = 3  # the window closes in this many working days: both sides


@dataclass(frozen=True)
class StageCount:
    unit: str
    status: str
    plans: int


@dataclass(frozen=True)
class Queued:
    """A message already waiting in the outbox (not a broadcast): what, to whom, when."""

    template: str
    recipient: Someone
    due_at: datetime


class Oversight(Protocol):
    async def add_acting(
        self, acting_id: int, employee_id: int | None, unit: str | None, starts: date,
        ends: date, created_by: str, at: datetime,
    ) -> int: ...  # fmt: skip
    async def acting(self, *, on: date | None = None) -> list[ActingAssignment]:
        """Every assignment (``on``: only those active that day), by start date."""
        ...

    async def end_acting(self, assignment_id: int, at: datetime) -> bool:
        """End an assignment now; False when unknown or ended already."""
        ...

    async def team(
        self, supervisor_id: int, acting_for: list[int], units: list[str], year: int
    ) -> list[TeamMember]:
        """The direct reports of ``supervisor_id``, and the people of ``acting_for`` and of
        ``units`` (acting), with their plan of ``year``; the supervisor themself left out."""
        ...

    async def waiting(self, year: int, states: frozenset[str]) -> list[WaitingPlan]: ...
    async def people(self, employee_ids: list[int]) -> list[Someone]: ...
    async def sent_keys(self, keys: list[str]) -> set[str]:
        """Of ``keys``, the nudges recorded as sent."""
        ...

    async def record_sent(
        self, key: str, kind: str, recipient_id: int, plan_id: int | None, day: date,
        at: datetime,
    ) -> bool: ...  # fmt: skip
    async def settings(self, year: int) -> NudgeSettings: ...
    async def save_settings(self, year: int, settings: NudgeSettings, at: datetime) -> None: ...
    async def stages_by_unit(self, year: int) -> list[StageCount]: ...
    async def queued_between(self, start: datetime, end: datetime, limit: int) -> list[Queued]:
        """Messages waiting to go (not broadcasts) due from ``start`` to before ``end``."""
        ...
