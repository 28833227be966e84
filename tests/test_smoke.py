from bot import admin
from bot.app import App


async def test_demo_organisation_loads(app: App) -> None:
    assert await admin.seed_demo(app)
    async with app.uow() as uow:
        assert await uow.employees.count_all() == 6
    assert not await admin.seed_demo(app)
