from bot import admin
from bot.app import App


async def test_demo_organisation_loads(app: App) -> None:
    assert await admin.seed_demo(app)
    async with app.uow() as uow:
        assert await uow.employees.count_all() == 6
    assert not await admin.seed_demo(app)


async def test_a_person_who_writes_again_is_reachable_again(app: App) -> None:
    """Someone marked unreachable (they had blocked the bot) who writes to it is taken off."""
    from handlers.effects import Incoming

    await admin.seed_demo(app)
    budi = await admin.bind_console(app, "199004172015031003")
    assert budi is not None
    async with app.uow() as uow:
        await uow.outbox.mark_unreachable(budi.id, "console", "blocked", app.clock.now())
        await uow.commit()
    assert await unreachable_marks(app, budi.id) == ["console"], "the mark is there first"
    await app.conversation.handle(Incoming("console", "199004172015031003", text="/bantuan"))
    assert await unreachable_marks(app, budi.id) == [], "writing again took it off"


async def unreachable_marks(app: App, employee_id: int) -> list[str]:
    from sqlalchemy import select

    from storage.outbox import UnreachableRow

    async with app.engine.connect() as connection:
        query = select(UnreachableRow.channel).where(UnreachableRow.employee_id == employee_id)
        return list((await connection.scalars(query)).all())
