"""In-memory plans, form sessions and reference data for the core's unit tests."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from handlers.audience import Audience, AudienceKind
from handlers.forms.model import FormSession, StaleSession
from handlers.model import SENT, Employee
from handlers.plan import prose
from handlers.plan.model import ItemDecision, PlanContent, PlanEvent
from handlers.ports import ChangeRequest, JobRequirement, Plan, Priority, UnitProgress


@dataclass
class FormState:
    plans: dict[int, Plan] = field(default_factory=dict)
    # plan id → each submission's typed content (handlers/plan/), and the audit log
    contents: dict[int, list[PlanContent]] = field(default_factory=dict)
    item_ids: dict[tuple[int, int], int] = field(default_factory=dict)  # (plan, position) → id
    events: list[PlanEvent] = field(default_factory=list)
    # (plan, submission) → item id → the dialog kinerja's decision; and the dialogue's note
    decisions: dict[tuple[int, int], dict[int, ItemDecision]] = field(default_factory=dict)
    notes: dict[tuple[int, int], str] = field(default_factory=dict)
    # (employee id, field, old, new); a request's id is its position + 1
    change_requests: list[tuple[int, str, str, str]] = field(default_factory=list)
    # request id → (created at, status, decided at, decided by)
    change_log: dict[int, tuple[datetime, str, datetime | None, str | None]] = field(
        default_factory=dict
    )
    sessions: dict[int, FormSession] = field(default_factory=dict)
    answers: dict[int, dict[str, Any]] = field(default_factory=dict)
    priorities: list[Priority] = field(default_factory=list)
    requirements: list[JobRequirement] = field(default_factory=list)
    unreachable: set[tuple[int, str]] = field(default_factory=set)
    outbox: list[Any] = field(default_factory=list)

    @property
    def items(self) -> dict[int, list[dict[str, Any]]]:
        """Each sent plan's items of its latest submission as the prose rows plan_items held
        before migration 0012 (handlers/plan/prose.py): what many tests read."""
        return {
            plan_id: [{"position": item.position,
                       **prose.columns(item.current, self.plans[plan_id].year)}
                      for item in contents[-1].items]
            for plan_id, contents in self.contents.items()
            if contents
        }  # fmt: skip


class FakePlans:
    def __init__(self, state: FormState, people: Any = dict) -> None:
        self.state = state
        self.people = people  # () → the employees by id

    async def progress_by_unit(self, year: int) -> list[UnitProgress]:
        plans = {p.employee_id: p for p in self.state.plans.values() if p.year == year}
        units: dict[str, list[int]] = {}
        for person in self.people().values():
            units.setdefault(person.unit_kerja, []).append(person.id)
        return [UnitProgress(unit, len(ids), sum(i in plans for i in ids),
                             sum(i in plans and plans[i].status in SENT for i in ids))
                for unit, ids in sorted(units.items())]  # fmt: skip

    async def get(self, plan_id: int) -> Plan | None:
        return self.state.plans.get(plan_id)

    async def for_year(self, employee_id: int, year: int) -> Plan | None:
        return next((p for p in self.state.plans.values()
                     if p.employee_id == employee_id and p.year == year), None)  # fmt: skip

    async def create(self, employee_id: int, year: int, at: datetime) -> Plan:
        existing = await self.for_year(employee_id, year)
        if existing is not None:
            return existing
        plan = Plan(len(self.state.plans) + 1, employee_id, year, "draft", None)
        self.state.plans[plan.id] = plan
        return plan

    async def set_status(self, plan_id: int, status: str, at: datetime) -> None:
        submitted = at if status == "submitted" else self.state.plans[plan_id].submitted_at
        self.state.plans[plan_id] = replace(self.state.plans[plan_id], status=status,
                                            submitted_at=submitted)  # fmt: skip

    async def submit(self, plan_id: int, at: datetime) -> bool:
        if self.state.plans[plan_id].status != "draft":
            return False
        await self.set_status(plan_id, "submitted", at)
        return True

    async def request_change(
        self, employee_id: int, field: str, old: str, new: str, at: datetime
    ) -> int | None:
        for number, (who, what, _, value) in enumerate(self.state.change_requests, start=1):
            pending = self.state.change_log[number][1] == "pending"
            if pending and (who, what, value) == (employee_id, field, new):
                return None
        self.state.change_requests.append((employee_id, field, old, new))
        self.state.change_log[len(self.state.change_requests)] = (at, "pending", None, None)
        return len(self.state.change_requests)


class FakePlanRecords:
    """The plan as data, each submission kept whole (storage/plan_records.py)."""

    def __init__(self, state: FormState) -> None:
        self.state = state

    async def submissions(self, plan_id: int) -> int:
        return len(self.state.contents.get(plan_id, []))

    async def save(self, plan_id: int, content: PlanContent, at: datetime) -> None:
        assert content.submission == await self.submissions(plan_id) + 1
        ids = self.state.item_ids
        items = tuple(
            replace(item, id=ids.setdefault((plan_id, item.position), len(ids) + 1))
            for item in content.items
        )
        self.state.contents.setdefault(plan_id, []).append(replace(content, items=items))

    async def load(self, plan_id: int, submission: int | None = None) -> PlanContent | None:
        found = self.state.contents.get(plan_id, [])
        n = submission or len(found)
        return found[n - 1] if 0 < n <= len(found) else None

    async def move(self, plan_id: int, source: str, target: str, at: datetime) -> bool:
        plan = self.state.plans[plan_id]
        if plan.status != source:
            return False
        submitted = at if target == "submitted" else plan.submitted_at
        self.state.plans[plan_id] = replace(plan, status=target, submitted_at=submitted)
        return True

    async def append(self, event: PlanEvent) -> None:
        self.state.events.append(event)

    async def events(self, plan_id: int) -> list[PlanEvent]:
        return [e for e in self.state.events if e.plan_id == plan_id]


class FakeChangeRequests:
    """The requests of :class:`FakePlans`, decided and applied to the employees."""

    def __init__(self, state: FormState, employees: dict[int, Employee]) -> None:
        self.state, self.employees = state, employees

    async def pending(self) -> list[ChangeRequest]:
        found = [await self.get(n) for n in range(1, len(self.state.change_requests) + 1)]
        return [r for r in found if r is not None and r.status == "pending"]

    async def waiting_for(self, employee_id: int) -> dict[str, str]:
        return {r.field: r.new_value for r in await self.pending() if r.employee_id == employee_id}

    async def get(self, request_id: int) -> ChangeRequest | None:
        if not 1 <= request_id <= len(self.state.change_requests):
            return None
        employee_id, field, old, new = self.state.change_requests[request_id - 1]
        person = self.employees[employee_id]
        created, status, decided_at, by = self.state.change_log[request_id]
        return ChangeRequest(request_id, employee_id, person.nip, person.nama, field, old, new,
                             status, created, decided_at, by)  # fmt: skip

    async def decide(self, request_id: int, status: str, at: datetime, by: str) -> bool:
        log = self.state.change_log.get(request_id)
        if log is None or log[1] != "pending":
            return False
        self.state.change_log[request_id] = (log[0], status, at, by)
        return True

    async def set_nip(self, employee_id: int, nip: str, at: datetime) -> None:
        self.employees[employee_id] = replace(self.employees[employee_id], nip=nip)

    async def move_to_unit(self, employee_id: int, unit: str, at: datetime) -> None:
        self.employees[employee_id] = replace(self.employees[employee_id], unit_kerja=unit)


class FakeForms:
    """Sessions and answers of one unit of work's copy. ``committed`` reads the database's
    committed state: a save is refused (:class:`StaleSession`) when the session's version
    there moved on since this unit of work began, as the real compare-and-set refuses it."""

    def __init__(self, state: FormState, committed: Any = None) -> None:
        self.state = state
        self.committed = committed  # () → the committed FormState, or None: no one else
        self.began = {sid: s.version for sid, s in state.sessions.items()}

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
        mine = self.state.sessions.get(session.id)
        theirs = self.committed().sessions.get(session.id) if self.committed else None
        moved_on = theirs is not None and theirs.version != self.began.get(session.id, 0)
        if mine is None or mine.version != session.version or moved_on:
            raise StaleSession(session.id)
        session.version += 1
        self.state.sessions[session.id] = copy.deepcopy(session)

    async def answers(self, session_id: int) -> dict[str, Any]:
        return copy.deepcopy(self.state.answers.get(session_id, {}))

    async def put(self, session_id: int, values: dict[str, Any], at: datetime) -> None:
        self.state.answers.setdefault(session_id, {}).update(copy.deepcopy(values))

    async def drop(self, session_id: int, keys: list[str]) -> None:
        for key in keys:
            self.state.answers.get(session_id, {}).pop(key, None)


class FakeOutbox:
    """The outbox as the conversation uses it: who is unreachable, how big an audience is."""

    def __init__(self, state: FormState, people: Any) -> None:
        self.state = state
        self.people = people

    async def enqueue(self, message: Any, at: datetime) -> bool:
        """Queue once per dedupe key, like the real outbox."""
        keys = {m.dedupe_key for m in self.state.outbox if m.dedupe_key}
        if message.dedupe_key and message.dedupe_key in keys:
            return False
        self.state.outbox.append(message)
        return True

    async def clear_unreachable(self, employee_id: int, channel: str) -> int:
        before = len(self.state.unreachable)
        self.state.unreachable.discard((employee_id, channel))
        return before - len(self.state.unreachable)

    async def count_audience(self, audience: Audience) -> int:
        people = list(self.people().values())
        if audience.kind is AudienceKind.ALL:
            return len(people)
        if audience.kind is AudienceKind.UNIT:
            return sum(1 for p in people if p.unit_kerja == audience.value)
        if audience.kind is AudienceKind.GROUP:
            return sum(1 for p in people if p.kelompok_keahlian == audience.value)
        if audience.kind is AudienceKind.ROLE:
            return sum(1 for p in people if audience.value in {r.value for r in p.roles})
        submitted = {plan.employee_id for plan in self.state.plans.values()
                     if plan.year == audience.year and plan.status == "submitted"}  # fmt: skip
        started = {
            plan.employee_id for plan in self.state.plans.values() if plan.year == audience.year
        }
        left_out = started if audience.value == "not_started" else submitted
        return sum(1 for p in people if p.id not in left_out)
