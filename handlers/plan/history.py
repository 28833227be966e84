"""A person's plan of a cycle year found by NIP (for operators)."""

from __future__ import annotations

from handlers.model import Employee
from handlers.plan.returning import ReturnRefused
from handlers.ports import Plan, UnitOfWork


async def owner_and_plan(uow: UnitOfWork, nip: str, year: int) -> tuple[Employee, Plan]:
    """The person with ``nip`` and their plan of ``year``; :class:`ReturnRefused` otherwise."""
    person = await uow.employees.by_nip(nip.replace(" ", ""))
    if person is None:
        raise ReturnRefused("no_person")
    plan = await uow.plans.for_year(person.id, year)
    if plan is None:
        raise ReturnRefused("no_plan")
    return person, plan


async def plan_of(uow: UnitOfWork, nip: str, year: int) -> Plan:
    """The plan of ``year`` of the person with ``nip``; :class:`ReturnRefused` otherwise."""
    return (await owner_and_plan(uow, nip, year))[1]
