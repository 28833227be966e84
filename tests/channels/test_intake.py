"""An update acknowledged is an update kept: Telegram is told an update arrived (the polling
offset confirmed, the webhook's 200) only once it is recorded, and what was recorded but never
handled — the process was killed in between — is handled at the next start."""

from __future__ import annotations

import asyncio
import random

from sqlalchemy import func, select

from bot import admin
from bot.app import App, bootstrap
from bot.config import Settings
from bot.intake import Intake
from handlers.effects import Incoming, Reply
from storage.intake import IncomingRow, Received, Recorded
from tests.channels.conftest import (
    Person,
    RunningBot,
    invite_code,
    reset_postgres,
    webhook_settings,
)
from tests.conftest import FakeClock
from tests.fake_telegram import FakeBotApi

BUDI = "199004172015031003"


async def kept(app: App) -> int:
    async with app.engine.connect() as connection:
        return int(await connection.scalar(select(func.count()).select_from(IncomingRow)) or 0)


def never_answering(app: App) -> asyncio.Event:
    """The core takes the update and hangs (the process will be killed before it answers)."""
    reached = asyncio.Event()

    async def hang(incoming: Incoming) -> list[Reply]:
        reached.set()
        await asyncio.Event().wait()
        raise AssertionError("unreachable")

    app.conversation.handle = hang  # type: ignore[method-assign]
    return reached


async def killed(bot: RunningBot) -> None:
    """Stop the bot as kill -9 would leave the database: nothing more is written (the task is
    cancelled, so nothing the hung update did is committed, and its record stays)."""
    assert bot.task is not None
    bot.task.cancel()
    await asyncio.gather(bot.task, return_exceptions=True)


async def test_polling_an_update_recorded_then_killed_is_handled_at_the_next_start(
    telegram_settings: Settings, clock: FakeClock, bot_api: FakeBotApi
) -> None:
    app = await bootstrap(telegram_settings, clock=clock)
    await reset_postgres(app)
    await admin.seed_demo(app)
    code = await invite_code(app, BUDI)
    bot = await RunningBot(app).start()
    budi = Person(bot_api, bot_api.user(5001, "Budi"))
    await budi.say(f"/start {code}")

    reached = never_answering(app)
    update = await bot_api.type_text(budi.user, "/profil")
    await asyncio.wait_for(reached.wait(), 10)
    await bot_api.wait_confirmed(update["update_id"])  # Telegram will not send it again
    await killed(bot)
    await app.close()
    assert len(bot_api.sent_to(budi.user.id)) == 1  # only the greeting

    again = await bootstrap(telegram_settings, clock=clock)
    assert await kept(again) == 1
    restarted = await RunningBot(again).start()
    try:
        profile = (await bot_api.wait_for(budi.user.id, 2))[-1]
        assert "A. Data Diri Pegawai" in profile.text
        await restarted_idle(again)
        assert await kept(again) == 0, "a handled update is forgotten"
    finally:
        await restarted.close()
        await again.close()


async def restarted_idle(app: App, timeout: float = 10.0) -> None:
    async with asyncio.timeout(timeout):
        while await kept(app):  # noqa: ASYNC110 (a table has no event to wait on)
            await asyncio.sleep(0.05)


async def test_webhook_answers_200_only_for_a_recorded_update_handled_after_a_kill(
    database_url: str, bot_api: FakeBotApi, clock: FakeClock
) -> None:
    settings = webhook_settings(database_url, bot_api)
    app = await bootstrap(settings, clock=clock)
    await reset_postgres(app)
    await admin.seed_demo(app)
    bot = await RunningBot(app).start()
    user = bot_api.user(7001, "Eve")
    url = bot_api.webhook["url"]

    reached = never_answering(app)
    update = bot_api.message_update(user, "/bantuan")
    assert await bot_api.post_to_webhook(url, update, "s3cret-Token_1") == 200
    assert await kept(app) == 1, "recorded before the 200"
    await asyncio.wait_for(reached.wait(), 10)
    await killed(bot)
    await app.close()

    again = await bootstrap(settings, clock=clock)
    restarted = await RunningBot(again).start()
    try:
        [answer] = await bot_api.wait_for(user.id, 1)
        assert "belum terhubung" in answer.text
        assert await bot_api.post_to_webhook(url, update, "s3cret-Token_1") == 200  # redelivery
        await restarted_idle(again)
        await asyncio.sleep(0.2)
        assert len(bot_api.sent_to(user.id)) == 1, "a redelivered update has no second effect"
    finally:
        await restarted.close()
        await again.close()


async def test_one_persons_updates_in_order_different_peoples_at_once(app: App) -> None:
    """Each lane (person) is worked by one task: its updates never overtake each other; lanes
    run side by side, so a slow one holds up no other."""
    log: list[tuple[str, int]] = []
    running: set[str] = set()
    overlapped: list[bool] = []

    async def handle(row: Recorded) -> None:
        assert row.lane not in running, "two updates of one person at once"
        running.add(row.lane)
        overlapped.append(len(running) > 1)
        await asyncio.sleep(random.uniform(0, 0.01))
        log.append((row.lane, int(row.key)))
        running.discard(row.lane)

    intake = Intake(app, handle)
    people = [f"user:{n}" for n in range(5)]
    updates = [Received("telegram", str(key), people[key % 5], "{}") for key in range(60)]
    for start in range(0, 60, 7):
        await intake.record(updates[start : start + 7])
    await intake.idle()
    assert len(log) == 60
    for person in people:
        keys = [key for lane, key in log if lane == person]
        assert keys == sorted(keys)
    assert any(overlapped), "different people were handled concurrently"
    assert await kept(app) == 0


async def test_a_redelivered_update_still_waiting_is_recorded_once(app: App) -> None:
    seen: list[str] = []
    gate = asyncio.Event()

    async def handle(row: Recorded) -> None:
        await gate.wait()
        seen.append(row.key)

    intake = Intake(app, handle)
    first = await intake.record([Received("telegram", "41", "user:1", "{}")])
    again = await intake.record([Received("telegram", "41", "user:1", "{}")])
    assert len(first) == 1 and again == []
    gate.set()
    await intake.idle()
    assert seen == ["41"]


async def test_a_sibling_takes_up_what_a_dead_process_left_once_its_lease_ran_out(
    app: App, clock: FakeClock
) -> None:
    handled: list[str] = []

    async def handle(row: Recorded) -> None:
        handled.append(row.key)

    dead = Intake(app, hang_forever, worker="dead")
    await dead.record([Received("telegram", "7", "user:9", "{}")])
    sibling = Intake(app, handle, worker="sibling")
    assert await sibling.recover() == 0, "still the other process's"
    clock.advance(minutes=3)
    assert await sibling.recover() == 1
    await sibling.idle()
    assert handled == ["7"]
    await dead.close(grace=0)


async def hang_forever(row: Recorded) -> None:
    await asyncio.Event().wait()
