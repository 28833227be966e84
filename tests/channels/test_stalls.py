"""Nobody stalled: a chat waiting out a 429 holds up no one else, an expired button query
does not drop the press, and a database held by another process delays the bot but stops
nothing."""

from __future__ import annotations

import asyncio
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy.engine import make_url

from bot.worker import start_background
from storage.session import InlineSession
from tests.channels.conftest import Person, RunningBot, demo_person
from tests.fake_telegram import FakeBotApi, Fault

BUDI = "199004172015031003"
PATIENCE = 0.3  # seconds


async def test_a_chat_waiting_out_a_429_holds_up_no_one_else(
    running_bot: RunningBot, bot_api: FakeBotApi
) -> None:
    slow = Person(bot_api, bot_api.user(7101, "Eve"))
    other = Person(bot_api, bot_api.user(7102, "Dewi"))
    bot_api.fail_chat(slow.user.id, Fault(429, "Too Many Requests: retry after 3", 3))
    await bot_api.type_text(slow.user, "/bantuan")
    await asyncio.sleep(0.3)  # Eve's reply is now waiting out its retry_after

    started = time.monotonic()
    [answer] = await other.say("/bantuan")
    assert "belum terhubung" in answer.text
    assert time.monotonic() - started < 1.5, "Dewi did not wait for Eve's 429"

    [late] = await bot_api.wait_for(slow.user.id, 1)
    assert "belum terhubung" in late.text


async def test_a_press_whose_query_expired_is_handled_all_the_same(
    running_bot: RunningBot, bot_api: FakeBotApi
) -> None:
    budi = await demo_person(running_bot.app, bot_api, 5001)
    await budi.say("/bahasa")
    bot_api.fail_next("answerCallbackQuery", Fault(400, "Bad Request: query is too old and "
                                                        "response timeout expired"))  # fmt: skip
    [switched] = await budi.press("English")
    assert "Language changed to English" in switched.text
    async with running_bot.app.uow() as uow:
        person = await uow.employees.by_nip(BUDI)
    assert person is not None and person.bahasa == "en"


@contextmanager
def sqlite_write_lock_held(database_url: str) -> Iterator[None]:
    """Another process's transaction holding SQLite's write lock (a big import, a backup)."""
    path = make_url(database_url).database
    assert path is not None
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        yield
    finally:
        holder.execute("COMMIT")
        holder.close()


async def test_a_held_sqlite_lock_delays_the_bot_but_stops_nothing(
    running_bot: RunningBot,
    bot_api: FakeBotApi,
    database_url: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    if not database_url.startswith("sqlite"):
        pytest.skip("SQLite's file lock")
    # each wait for the lock gives up after 0.3 s, so the 3-s hold outlasts it ten times
    monkeypatch.setattr(InlineSession.begin_now, "__defaults__", (PATIENCE,))
    app = running_bot.app
    stop = asyncio.Event()
    background = start_background(app, stop)  # the scheduler and the sender, as `idp-bot run`
    eve = Person(bot_api, bot_api.user(7201, "Eve"))
    try:
        await eve.say("/bantuan")
        with sqlite_write_lock_held(database_url):
            await bot_api.type_text(eve.user, "/profil")
            await asyncio.sleep(10 * PATIENCE)
            assert len(bot_api.sent_to(eve.user.id)) == 1, "nothing answered while locked"
            assert not background.done() and not stop.is_set(), "delivery still running"
        [answer] = (await bot_api.wait_for(eve.user.id, 2))[1:]
        assert "belum terhubung" in answer.text, "answered once the lock was released"
        assert "kesalahan" not in answer.text
        await eve.say("/bantuan")  # and the bot goes on
        assert not background.done() and not stop.is_set()
    finally:
        stop.set()
        await background
