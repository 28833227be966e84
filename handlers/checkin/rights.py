"""Who may act on a check-in: its employee answers it; whoever acts as their supervisor
(direct, Plt/Plh, or a coordinator for someone without one) reads it, decides its
amendments and closes it. Anyone else is refused, whatever button they forge."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from handlers.checkin.ports import Checkin
from handlers.dialog.acting import plan_actors
from handlers.effects import Msg
from handlers.model import Employee
from handlers.plan.lifecycle import Actor
from handlers.ports import UnitOfWork


class CheckinRefused(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason

    def msg(self) -> Msg:
        return Msg("checkin/refused", {"reason": self.reason})


@dataclass(frozen=True)
class Found:
    checkin: Checkin
    owner: Employee
    who: frozenset[Actor]

    @property
    def by_supervisor(self) -> bool:
        return Actor.SUPERVISOR in self.who


async def found(
    uow: UnitOfWork, person: Employee, checkin_id: int, at: datetime, *, supervisor: bool
) -> Found:
    """The check-in and its employee, if ``person`` may act on it as asked (the supervisor's
    side, or the employee's)."""
    checkin = await uow.checkins.get(checkin_id)
    owner = await uow.employees.by_id(checkin.employee_id) if checkin else None
    if checkin is None or owner is None:
        raise CheckinRefused("none")
    who = await plan_actors(uow, person, owner, at)
    wanted = Actor.SUPERVISOR if supervisor else Actor.EMPLOYEE
    if wanted not in who or (supervisor and person.id == owner.id):
        raise CheckinRefused("supervisor" if supervisor else "employee")
    return Found(checkin, owner, who)


async def reader(uow: UnitOfWork, person: Employee, checkin_id: int, at: datetime) -> Found:
    """The check-in, if ``person`` may read it: its employee or their supervisor."""
    for supervisor in (True, False):
        try:
            return await found(uow, person, checkin_id, at, supervisor=supervisor)
        except CheckinRefused as refusal:
            if refusal.reason == "none":
                raise
    raise CheckinRefused("reader")
