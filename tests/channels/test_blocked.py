"""Telegram tells us when a person blocks or unblocks the bot (``my_chat_member``): while
blocked, notifications to them are settled as unreachable without calling Telegram at all;
unblocked, they are sent again. Nothing is said in reply to either."""

from __future__ import annotations

from sqlalchemy import select

from bot.app import App
from handlers.effects import Msg
from handlers.notify import Notify, notify
from storage.outbox import OutboxRow, UnreachableRow
from tests.channels.conftest import Person, RunningBot, demo_person
from tests.delivery_support import run_until, settled, start_sender, wait_until
from tests.fake_telegram import FakeBotApi

BUDI = "199004172015031003"


async def blocked_reason(app: App) -> str | None:
    async with app.engine.connect() as connection:
        return await connection.scalar(select(UnreachableRow.reason))


async def blocked(app: App) -> bool:
    return await blocked_reason(app) == "blocked"


async def reachable(app: App) -> bool:
    return await blocked_reason(app) is None


async def tell_budi(app: App, key: str) -> str:
    """Queue one notification for Budi and deliver the outbox; the row's final status."""
    async with app.uow() as uow:
        budi = await uow.employees.by_nip(BUDI)
        assert budi is not None
        text = Msg("change/outcome", {"status": "approved", "field": "unit_kerja", "old": "A",
                                      "new": "B"})  # fmt: skip
        await notify(uow, Notify(budi.id, text, dedupe_key=key), app.clock.now())
        await uow.commit()
    sender = await start_sender(app)
    try:
        await run_until(sender, lambda: settled(app))
    finally:
        await sender.channel.close()
    async with app.engine.connect() as connection:
        return str(await connection.scalar(
            select(OutboxRow.status).where(OutboxRow.dedupe_key == key)))  # fmt: skip


async def test_blocking_stops_the_sends_and_unblocking_resumes_them(
    running_bot: RunningBot, bot_api: FakeBotApi
) -> None:
    app = running_bot.app
    budi = await demo_person(app, bot_api, 7301)
    greeted = len(bot_api.sent_to(budi.user.id))

    await bot_api.inject(bot_api.membership_update(budi.user, "kicked"))
    await wait_until(lambda: blocked(app))
    assert await tell_budi(app, "first") == "unreachable"
    assert len(bot_api.sent_to(budi.user.id)) == greeted, "no call to a chat that blocked us"

    await bot_api.inject(bot_api.membership_update(budi.user, "member"))
    await wait_until(lambda: reachable(app))
    assert await tell_budi(app, "second") == "sent"
    [told] = bot_api.sent_to(budi.user.id)[greeted:]
    assert "menyetujui perubahan" in told.text


async def test_a_stranger_blocking_the_bot_changes_nothing(
    running_bot: RunningBot, bot_api: FakeBotApi
) -> None:
    stranger = bot_api.user(7302, "Eve")
    update_id = await bot_api.inject(bot_api.membership_update(stranger, "kicked"))
    await bot_api.wait_confirmed(update_id)
    await Person(bot_api, stranger).say("/bantuan")  # the update after it is answered
    assert await blocked_reason(running_bot.app) is None
    assert len(bot_api.sent_to(stranger.id)) == 1
