"""/progres: a coordinator sees how far the cycle is — overall and per unit, the units
furthest behind first; nobody else sees everyone's progress."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime

from handlers import progress as progres
from handlers.model import Role
from tests.unit.fakes import FakeDatabase, employee

AT = datetime(2026, 3, 2, 2, 0, tzinfo=UTC)
COORDINATOR = employee(1, "Hendra", "197002151995031001", [Role.KOORDINATOR_PEMBELAJARAN],
                       unit_kerja="Pusat")  # fmt: skip
NIPS = (f"19900417201503{n:04d}" for n in itertools.count(1001))


async def agency() -> FakeDatabase:
    people = [COORDINATOR]
    for number, unit in enumerate(["Pusat"] * 3 + ["Balai"] * 4, start=2):
        people.append(employee(number, f"Pegawai {number}", next(NIPS), unit_kerja=unit))
    database = FakeDatabase(*people)
    async with database.uow() as uow:
        for employee_id in (2, 3, 5):  # two in Pusat, one in Balai have started…
            plan = await uow.plans.create(employee_id, 2026, AT)
            if employee_id in (2, 3):  # …and Pusat's two have sent theirs
                await uow.plans.set_status(plan.id, "submitted", AT)
        await uow.commit()
    return database


async def test_a_coordinator_sees_the_cycle_overall_and_by_unit_furthest_behind_first() -> None:
    database = await agency()
    async with database.uow() as uow:
        [reply] = await progres.overview(uow, COORDINATOR, 2026)
    context = reply.text.context
    assert (context["employees"], context["started"], context["submitted"]) == (8, 3, 2)
    assert [
        (u["unit"], u["employees"], u["started"], u["submitted"]) for u in context["units"]
    ] == [
        ("Balai", 4, 1, 0),  # none sent: furthest behind
        ("Pusat", 4, 2, 2),
    ]
    assert context["more_units"] == 0


async def test_an_employee_is_refused() -> None:
    database = await agency()
    async with database.uow() as uow:
        person = await uow.employees.by_id(2)
        assert person is not None
        [reply] = await progres.overview(uow, person, 2026)
    assert reply.text.context["reason"] == "progress_not_allowed"
