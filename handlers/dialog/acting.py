"""Acting supervisors (Plt/Plh) and who acts as a person's supervisor on a day.

The admin names an acting supervisor for one person or for everyone in a unit, for a period
(both days included). During it the acting supervisor has the supervisor's rights on those
plans and gets the supervisor's notices; the direct supervisor keeps theirs. Someone with
neither a supervisor in the organisation data nor an acting one is handled by the learning
coordinators: they get the notices, are told why, and act as the supervisor.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from handlers.cycle import agency_day
from handlers.dialog.oversight_ports import ActingAssignment
from handlers.effects import Msg
from handlers.model import Employee, Role
from handlers.notify import Notify, notify
from handlers.plan.lifecycle import Actor, actors
from handlers.ports import UnitOfWork

MAX_DAYS = 366  # an acting assignment longer than a year is a new appointment, not a Plt


class ActingRefused(Exception):
    """Why an acting assignment cannot be made or ended: unknown_acting, unknown_person,
    unknown_unit, one_target (a person or a unit, exactly one), dates, too_long, self,
    unknown_assignment."""

    def __init__(self, reason: str, given: str = "") -> None:
        super().__init__(reason)
        self.reason, self.given = reason, given

    def msg(self) -> Msg:
        return Msg("dialog/team/acting_refused", {"reason": self.reason, "given": self.given,
                                                  "max_days": MAX_DAYS})  # fmt: skip


@dataclass(frozen=True)
class Supervision:
    """Who acts as ``owner``'s supervisor on a day."""

    direct: Employee | None  # in the organisation data (None: none, or a leaver)
    acting: tuple[int, ...]  # acting supervisors' ids

    @property
    def by_coordinators(self) -> bool:
        return self.direct is None and not self.acting


def covers(assignment: ActingAssignment, employee_id: int, unit: str) -> bool:
    """The assignment covers the person (never making anyone their own supervisor)."""
    named = assignment.employee_id == employee_id or (
        assignment.unit is not None and assignment.unit == unit
    )
    return named and assignment.acting_id != employee_id


async def supervision(uow: UnitOfWork, owner: Employee, day: date) -> Supervision:
    direct = await uow.employees.by_nip(owner.supervisor_nip) if owner.supervisor_nip else None
    assignments = await uow.oversight.acting(on=day)
    found = [a.acting_id for a in assignments if covers(a, owner.id, owner.unit_kerja)]
    return Supervision(direct, tuple(dict.fromkeys(found)))


async def plan_actors(
    uow: UnitOfWork, person: Employee | None, owner: Employee, at: datetime
) -> frozenset[Actor]:
    """What ``person`` is to ``owner``'s plan at ``at``, acting supervisors counted;
    ``None`` is an operator at the command line (an admin)."""
    if person is None:
        return frozenset({Actor.ADMIN})
    found = await supervision(uow, owner, agency_day(at))
    return actors(person, owner, acting=person.id in found.acting,
                  unsupervised=found.by_coordinators)  # fmt: skip


async def notice_recipients(
    uow: UnitOfWork, owner: Employee, at: datetime
) -> list[tuple[Employee, bool]]:
    """Who gets the supervisor's notices about ``owner``'s plan: the direct and acting
    supervisors, else every coordinator (True: told they handle it for want of one)."""
    found = await supervision(uow, owner, agency_day(at))
    people = [found.direct] if found.direct is not None else []
    for acting_id in found.acting:
        acting = await uow.employees.by_id(acting_id)
        if acting is not None and acting not in people:
            people.append(acting)
    if people:
        return [(person, False) for person in people]
    coordinators = []
    for coordinator_id in await uow.employees.ids_with_role(Role.KOORDINATOR_PEMBELAJARAN):
        coordinator = await uow.employees.by_id(coordinator_id)
        if coordinator is not None and coordinator.id != owner.id:
            coordinators.append((coordinator, True))
    return coordinators


async def name_acting(
    uow: UnitOfWork, acting_nip: str, *, for_nip: str | None, unit: str | None, starts: date,
    ends: date, by: str, at: datetime,
) -> ActingAssignment:  # fmt: skip
    """Name ``acting_nip`` acting supervisor of a person or a unit from ``starts`` to
    ``ends``; tell them (and the person, when it is one). The caller commits."""
    if (for_nip is None) == (unit is None):
        raise ActingRefused("one_target")
    if ends < starts:
        raise ActingRefused("dates", f"{starts.isoformat()} – {ends.isoformat()}")
    if (ends - starts).days >= MAX_DAYS:
        raise ActingRefused("too_long")
    acting = await uow.employees.by_nip(acting_nip.replace(" ", ""))
    if acting is None:
        raise ActingRefused("unknown_acting", acting_nip)
    person = None
    if for_nip is not None:
        person = await uow.employees.by_nip(for_nip.replace(" ", ""))
        if person is None:
            raise ActingRefused("unknown_person", for_nip)
        if person.id == acting.id:
            raise ActingRefused("self")
    if unit is not None and unit not in await uow.reference.unit_names():
        raise ActingRefused("unknown_unit", unit)
    assignment_id = await uow.oversight.add_acting(
        acting.id, person.id if person else None, unit, starts, ends, by, at
    )
    named = next(a for a in await uow.oversight.acting() if a.id == assignment_id)
    context = {"acting": acting.nama, "person": person.nama if person else None, "unit": unit,
               "starts": starts, "ends": ends}  # fmt: skip
    await notify(uow, Notify(acting.id, Msg("dialog/team/acting_named", context),
                             dedupe_key=f"acting-named:{assignment_id}"), at)  # fmt: skip
    if person is not None:
        await notify(uow, Notify(person.id, Msg("dialog/team/acting_for_you", context),
                                 dedupe_key=f"acting-for-you:{assignment_id}"), at)  # fmt: skip
    return named


async def end_acting(uow: UnitOfWork, assignment_id: int, at: datetime) -> ActingAssignment:
    """End an assignment now (the caller commits); refused when unknown or ended."""
    found = next((a for a in await uow.oversight.acting() if a.id == assignment_id), None)
    if found is None or not await uow.oversight.end_acting(assignment_id, at):
        raise ActingRefused("unknown_assignment", str(assignment_id))
    return found
