"""Who is in a plan's dialog kinerja: the employee and whoever acts as their supervisor —
the direct one, an acting one (Plt/Plh) named for the day, or for someone with neither the
learning coordinators (handlers/dialog/acting.py) — and what the person acting is to it.
Every scheduling step starts here."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from handlers.access import Relation
from handlers.calendar import WorkCalendar
from handlers.dialog.acting import notice_recipients, plan_actors
from handlers.dialog.model import Window
from handlers.dialog.slot import Rules
from handlers.dialog.window import window_for
from handlers.effects import Msg
from handlers.model import Employee
from handlers.ports import Plan, UnitOfWork


class ScheduleRefused(Exception):
    """Why the person cannot do this: no_plan, no_supervisor, actor, state, no_cycle,
    nothing (no date to accept or cancel), stale (an older offer's button), past, window,
    holiday, hours, format."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason

    def msg(self) -> Msg:
        return Msg("dialog/schedule/refused", {"reason": self.reason})


@dataclass(frozen=True)
class Parties:
    plan: Plan
    owner: Employee  # the employee whose plan it is
    supervisor: Employee  # the supervisor side (the one acting, or the one to answer)
    acting: Employee  # the person doing this now: one of the two
    supervisors: tuple[Employee, ...] = ()  # all told when the employee acts (acting.py)

    @property
    def by_supervisor(self) -> bool:
        return self.acting.id == self.supervisor.id

    @property
    def other(self) -> Employee:
        return self.owner if self.by_supervisor else self.supervisor

    @property
    def others(self) -> tuple[Employee, ...]:
        """Everyone told of the acting person's step: the employee, or every supervisor."""
        if self.by_supervisor:
            return (self.owner,)
        return self.supervisors or (self.supervisor,)

    def side(self, employee_id: int | None) -> Employee:
        return self.supervisor if employee_id == self.supervisor.id else self.owner

    @property
    def who(self) -> frozenset[Relation]:
        return frozenset({Relation.SUPERVISOR if self.by_supervisor else Relation.EMPLOYEE})


async def parties(uow: UnitOfWork, plan_id: int, person: Employee, now: datetime) -> Parties:
    """The plan's two sides, if ``person`` is one of them: the employee, or whoever acts as
    their supervisor at ``now`` (direct, acting, or a coordinator for someone without one)."""
    plan = await uow.plans.get(plan_id)
    owner = await uow.employees.by_id(plan.employee_id) if plan else None
    if plan is None or owner is None:
        raise ScheduleRefused("no_plan")
    who = await plan_actors(uow, person, owner, now)
    if not who & {Relation.SUPERVISOR, Relation.EMPLOYEE}:
        raise ScheduleRefused("actor")
    supervisors = tuple(found for found, _ in await notice_recipients(uow, owner, now))
    if Relation.SUPERVISOR in who and person.id != owner.id:
        return Parties(plan, owner, person, person, supervisors)
    current = await uow.dialog.appointment(plan_id)
    offered_by = current.proposed_by if current else None
    answering = next((s for s in supervisors if s.id == offered_by), None)
    supervisor = answering or (supervisors[0] if supervisors else None)
    if supervisor is None:
        raise ScheduleRefused("no_supervisor")
    return Parties(plan, owner, supervisor, person, supervisors)


async def window_of(uow: UnitOfWork, plan: Plan, owner: Employee) -> Window:
    """The dialogue window of the plan's cycle for the employee's unit."""
    cycle = next((c for c in await uow.cycles.all() if c.year == plan.year), None)
    if cycle is None:
        raise ScheduleRefused("no_cycle")
    return await window_for(uow, cycle, owner.unit_kerja)


async def calendar_between(uow: UnitOfWork, starts: date, ends: date) -> WorkCalendar:
    return WorkCalendar(cuti_bersama=await uow.cuti_bersama.between(starts, ends))


async def rules(uow: UnitOfWork, found: Parties, now: datetime) -> Rules:
    """What a time the acting person proposes is checked against (on their own clock)."""
    window = await window_of(uow, found.plan, found.owner)
    calendar = await calendar_between(uow, window.starts, window.ends)
    return Rules(window, calendar, found.acting.zona_waktu, now)
