"""The per-unit progress behind /progres, in SQL on SQLite and PostgreSQL: employees, plans
started and plans sent per unit kerja, for one cycle year only."""

from __future__ import annotations

from bot import admin
from bot.app import App
from handlers.model import SUBMITTED
from handlers.ports import UnitProgress
from tests.conftest import FakeClock

BUDI, SRI, RAHMAT = "199004172015031003", "198206202008012002", "198801012012011006"


async def start(app: App, nip: str, year: int, sent: bool = False) -> None:
    async with app.uow() as uow:
        person = await uow.employees.by_nip(nip)
        assert person is not None
        plan = await uow.plans.create(person.id, year, app.clock.now())
        if sent:
            await uow.plans.set_status(plan.id, SUBMITTED, app.clock.now())
        await uow.commit()


async def test_progress_counts_people_started_and_sent_per_unit(app: App, clock: FakeClock) -> None:
    await admin.seed_demo(app)
    await start(app, BUDI, 2026, sent=True)
    await start(app, SRI, 2026)
    await start(app, RAHMAT, 2025, sent=True)  # another year: not counted
    async with app.uow() as uow:
        found = await uow.plans.progress_by_unit(2026)
    assert found == [
        UnitProgress("Balai Diklat Makassar", 1, 0, 0),
        UnitProgress("Pusat Pengembangan Kompetensi", 5, 2, 1),
    ]
