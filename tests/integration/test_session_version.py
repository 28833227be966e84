"""A form session is saved by compare-and-set on its version, on both engines: a save from a
read that another transaction has since overtaken is refused (StaleSession), and the answers
written in the refused transaction go with it when it is rolled back."""

from __future__ import annotations

import asyncio

import pytest

from bot import admin
from bot.app import App
from handlers.forms.model import StaleSession
from handlers.formulir1.form import NAME

BUDI = "199004172015031003"


async def budi_session(app: App) -> tuple[int, int]:
    """Budi's Formulir 1 session at B.3.1: (employee id, session id)."""
    await admin.seed_demo(app)
    now = app.clock.now()
    async with app.uow() as uow:
        budi = await uow.employees.by_nip(BUDI)
        assert budi is not None
        plan = await uow.plans.create(budi.id, 2026, now)
        session = await uow.forms.create(budi.id, NAME, plan.id, "B.3.1", now)
        await uow.commit()
    return budi.id, session.id


async def test_a_save_from_an_overtaken_read_is_refused_and_its_answers_rolled_back(
    app: App,
) -> None:
    budi_id, session_id = await budi_session(app)
    now = app.clock.now()
    async with app.uow() as uow:
        laptop = await uow.forms.active(budi_id)  # read, then the transaction ends
    assert laptop is not None and laptop.version == 0
    async with app.uow() as uow:
        phone = await uow.forms.active(budi_id)
        assert phone is not None
        await uow.forms.put(session_id, {"B.3.1": "phone"}, now)
        phone.cursor = "B.3.2"
        await uow.forms.save(phone, now)
        await uow.forms.save(phone, now)  # a second save of the same read is fine
        await uow.commit()
    assert phone.version == 2

    async with app.uow() as uow:
        await uow.forms.put(session_id, {"B.3.1": "laptop", "B.3.2": "laptop"}, now)
        laptop.cursor = "B.4.ada"
        with pytest.raises(StaleSession):
            await uow.forms.save(laptop, now)
    async with app.uow() as uow:
        stored = await uow.forms.active(budi_id)
        answers = await uow.forms.answers(session_id)
    assert stored is not None and (stored.cursor, stored.version) == ("B.3.2", 2)
    assert answers == {"B.3.1": "phone"}


async def test_two_open_transactions_on_postgresql_the_second_saver_waits_then_loses(
    app: App,
) -> None:
    if app.engine.dialect.name != "postgresql":
        pytest.skip("SQLite takes one writer at a time: two transactions cannot interleave")
    budi_id, session_id = await budi_session(app)
    now = app.clock.now()
    async with app.uow() as first, app.uow() as second:
        one = await first.forms.active(budi_id)
        two = await second.forms.active(budi_id)
        assert one is not None and two is not None
        await first.forms.put(session_id, {"B.3.1": "first"}, now)
        one.cursor = "B.3.2"
        await first.forms.save(one, now)  # holds the row until the commit
        await second.forms.put(session_id, {"B.3.2": "second"}, now)
        two.cursor = "B.4.ada"
        losing = asyncio.create_task(second.forms.save(two, now))
        await asyncio.sleep(0.3)
        assert not losing.done()  # waiting for the first transaction's row lock
        await first.commit()
        with pytest.raises(StaleSession):
            await losing
        await second.rollback()
    async with app.uow() as uow:
        stored = await uow.forms.active(budi_id)
        answers = await uow.forms.answers(session_id)
    assert stored is not None and (stored.cursor, stored.version) == ("B.3.2", 1)
    assert answers == {"B.3.1": "first"}
