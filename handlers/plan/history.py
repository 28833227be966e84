"""A person's plan of a cycle year found by NIP, and its audit log (for operators)."""

from __future__ import annotations

from handlers.plan.model import PlanEvent
from handlers.plan.returning import ReturnRefused
from handlers.ports import Plan, UnitOfWork


async def plan_of(uow: UnitOfWork, nip: str, year: int) -> Plan:
    """The plan of ``year`` of the person with ``nip``; :class:`ReturnRefused` otherwise."""
    person = await uow.employees.by_nip(nip.replace(" ", ""))
    if person is None:
        raise ReturnRefused("no_person")
    plan = await uow.plans.for_year(person.id, year)
    if plan is None:
        raise ReturnRefused("no_plan")
    return plan


async def history(uow: UnitOfWork, nip: str, year: int) -> tuple[Plan, list[PlanEvent]]:
    plan = await plan_of(uow, nip, year)
    return plan, await uow.plan_records.events(plan.id)
