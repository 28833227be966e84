"""The verification's stories share this agency: the demo's people, a second member of
Pengembangan SDM (Rina), its coordinator (Agus, in Makassar) and a member of Teknologi
Informasi (Toni); and agreed plans made through storage, for speed."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from sqlalchemy import delete, select

from bot import admin
from bot.app import App
from handlers.access import Relation
from handlers.model import Employee
from handlers.plan.lifecycle import Event, State
from handlers.plan.model import Item, ItemVersion, PlanEvent, Stage
from handlers.plan.transitions import fire
from handlers.ports import OrgRecord
from storage.models import EmployeeRole, EmployeeRow
from tests.integration.test_plan_records import CONTENT, VERSION

HENDRA, SRI, BUDI = "197002151995031001", "198206202008012002", "199004172015031003"
DEWI, ANDI, RAHMAT = "199511302020122004", "199207142023211005", "198801012012011006"
RINA, AGUS, TONI = "198703102010012005", "198507112010121003", "199001012015011008"
PSDM, TI = "Pengembangan SDM", "Teknologi Informasi"
POLICY = replace(VERSION, competency_source=VERSION.competency_source.TYPED, competency_key=None,
                 competency_description="Analisis Kebijakan", method_class="formal",
                 method_form="pelatihan", target="pengetahuan")  # fmt: skip


def record(nip: str, nama: str, unit: str, group: str, roles: set[str], zone: str) -> OrgRecord:
    return OrgRecord(nip, nama, "PNS", "III/c", "S2", "10 tahun", "Analis", unit, HENDRA, group,
                     frozenset({"pegawai", *roles}), None, zone, "id")  # fmt: skip


MEMBERS = (
    record(RINA, "Rina Marlina", "Pusat Pengembangan Kompetensi", PSDM, {"kelompok_keahlian"},
           "WIB"),
    record(AGUS, "Agus Setiawan", "Balai Diklat Makassar", PSDM,
           {"kelompok_keahlian", "koordinator_kelompok_keahlian"}, "WITA"),
    record(TONI, "Toni Wenda", "Balai Diklat Makassar", TI, {"kelompok_keahlian"}, "WITA"),
)  # fmt: skip


# The demo lets one try verifying in each group (Sri and Dewi coordinate, Andi verifies); these
# stories give Pengembangan SDM its own coordinator (Agus) and Teknologi Informasi its own
# member (Toni), and keep Sri a member, Dewi and Andi employees only.
NOT_IN_THESE_STORIES = {SRI: ("koordinator_kelompok_keahlian",),
                        DEWI: ("kelompok_keahlian", "koordinator_kelompok_keahlian"),
                        ANDI: ("kelompok_keahlian",)}  # fmt: skip


async def agency(app: App) -> dict[str, Employee]:
    """The demo agency and the groups' other members, by NIP."""
    assert await admin.seed_demo(app)
    async with app.uow() as uow:
        await uow.organisation.upsert(MEMBERS, None)
        await uow.commit()
    async with app.engine.begin() as connection:
        for nip, roles in NOT_IN_THESE_STORIES.items():
            who = select(EmployeeRow.id).where(EmployeeRow.nip == nip).scalar_subquery()
            await connection.execute(delete(EmployeeRole).where(
                EmployeeRole.employee_id == who, EmployeeRole.role.in_(roles)))  # fmt: skip
    return await people(app)


async def people(app: App) -> dict[str, Employee]:
    found = {}
    async with app.uow() as uow:
        for nip in (HENDRA, SRI, BUDI, DEWI, ANDI, RAHMAT, RINA, AGUS, TONI):
            person = await uow.employees.by_nip(nip)
            assert person is not None
            found[nip] = person
    return found


async def agreed_plan(app: App, nip: str, versions: list[ItemVersion], at: datetime) -> int:
    """``nip``'s 2026 plan, sent and agreed at ``at`` with ``versions`` as proposed and agreed
    (the dialogue's steps themselves are the agreement's stories)."""
    async with app.uow() as uow:
        owner = await uow.employees.by_nip(nip)
        assert owner is not None
        plan = await uow.plans.create(owner.id, 2026, at)
        await fire(uow, plan, Event.SUBMIT, frozenset({Relation.EMPLOYEE}), at,
                   employee_id=owner.id)  # fmt: skip
        items = tuple(Item(n, {Stage.PROPOSED: v, Stage.AGREED: v})
                      for n, v in enumerate(versions, 1))  # fmt: skip
        await uow.plan_records.save(plan.id, replace(CONTENT, items=items), at)
        assert await uow.plan_records.move(plan.id, State.SUBMITTED, State.AGREED, at)
        await uow.plan_records.append(PlanEvent(plan.id, Event.CONFIRM.value,
                                                State.AWAITING_CONFIRMATION.value,
                                                State.AGREED.value, at, owner.id))  # fmt: skip
        await uow.commit()
    return plan.id
