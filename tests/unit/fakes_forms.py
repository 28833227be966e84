"""In-memory plans, form sessions and reference data for the core's unit tests."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from handlers.forms.model import FormSession
from handlers.ports import JobRequirement, Plan, Priority


@dataclass
class FormState:
    plans: dict[int, Plan] = field(default_factory=dict)
    items: dict[int, list[dict[str, Any]]] = field(default_factory=dict)
    change_requests: list[tuple[int, str, str, str]] = field(default_factory=list)
    sessions: dict[int, FormSession] = field(default_factory=dict)
    answers: dict[int, dict[str, Any]] = field(default_factory=dict)
    priorities: list[Priority] = field(default_factory=list)
    requirements: list[JobRequirement] = field(default_factory=list)


class FakePlans:
    def __init__(self, state: FormState) -> None:
        self.state = state

    async def get(self, plan_id: int) -> Plan | None:
        return self.state.plans.get(plan_id)

    async def for_year(self, employee_id: int, year: int) -> Plan | None:
        return next((p for p in self.state.plans.values()
                     if p.employee_id == employee_id and p.year == year), None)  # fmt: skip

    async def create(self, employee_id: int, year: int, at: datetime) -> Plan:
        plan = Plan(len(self.state.plans) + 1, employee_id, year, "draft", None)
        self.state.plans[plan.id] = plan
        return plan

    async def set_status(self, plan_id: int, status: str, at: datetime) -> None:
        submitted = at if status == "submitted" else self.state.plans[plan_id].submitted_at
        self.state.plans[plan_id] = replace(self.state.plans[plan_id], status=status,
                                            submitted_at=submitted)  # fmt: skip

    async def replace_items(self, plan_id: int, items: list[dict[str, Any]]) -> None:
        self.state.items[plan_id] = copy.deepcopy(items)

    async def request_change(
        self, employee_id: int, field: str, old: str, new: str, at: datetime
    ) -> None:
        if (employee_id, field, old, new) not in self.state.change_requests:
            self.state.change_requests.append((employee_id, field, old, new))


class FakeForms:
    def __init__(self, state: FormState) -> None:
        self.state = state

    async def find(self, employee_id: int, form: str, subject_id: int) -> FormSession | None:
        found = next((s for s in self.state.sessions.values() if (s.employee_id, s.form,
                      s.subject_id) == (employee_id, form, subject_id)), None)  # fmt: skip
        return copy.deepcopy(found)

    async def active(self, employee_id: int) -> FormSession | None:
        found = next((s for s in self.state.sessions.values()
                      if s.employee_id == employee_id and s.active), None)  # fmt: skip
        return copy.deepcopy(found)

    async def create(
        self, employee_id: int, form: str, subject_id: int, cursor: str, at: datetime
    ) -> FormSession:
        session = FormSession(len(self.state.sessions) + 1, employee_id, form, subject_id,
                              cursor, 0, {}, True)  # fmt: skip
        self.state.sessions[session.id] = copy.deepcopy(session)
        self.state.answers[session.id] = {}
        return session

    async def save(self, session: FormSession, at: datetime) -> None:
        self.state.sessions[session.id] = copy.deepcopy(session)

    async def answers(self, session_id: int) -> dict[str, Any]:
        return copy.deepcopy(self.state.answers.get(session_id, {}))

    async def put(self, session_id: int, values: dict[str, Any], at: datetime) -> None:
        self.state.answers.setdefault(session_id, {}).update(copy.deepcopy(values))

    async def drop(self, session_id: int, keys: list[str]) -> None:
        for key in keys:
            self.state.answers.get(session_id, {}).pop(key, None)


class FakeReference:
    def __init__(self, state: FormState) -> None:
        self.state = state

    async def priorities(self, year: int, unit: str | None) -> list[Priority]:
        return [p for p in self.state.priorities
                if p.year == year and p.unit_kerja in (None, unit)]  # fmt: skip

    async def requirements(self, jabatan: str) -> list[JobRequirement]:
        return [r for r in self.state.requirements if r.jabatan == jabatan]

    async def unit_names(self) -> list[str]:
        return []

    async def save_priorities(self, records: list[Priority], *, replace_years: bool) -> int:
        self.state.priorities.extend(records)
        return len(records)

    async def save_requirements(
        self, records: list[JobRequirement], *, replace_jabatan: bool
    ) -> int:
        self.state.requirements.extend(records)
        return len(records)
