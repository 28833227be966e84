"""Which database faults pass (waited out) and which do not (raised at once), on real engines."""

from __future__ import annotations

import asyncio
import sqlite3

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from bot import patience
from bot.app import App
from storage.db import is_transient
from storage.session import InlineSession


async def fault_of(app: App, statement: str) -> DBAPIError:
    with pytest.raises(DBAPIError) as caught:
        async with app.uow() as uow:
            await uow.session.execute(text(statement))
    return caught.value


async def test_a_missing_table_or_a_broken_rule_is_not_waited_for(app: App) -> None:
    assert not is_transient(await fault_of(app, "SELECT * FROM no_such_table"))
    broken = await fault_of(app, "INSERT INTO units (name) VALUES (NULL)")
    assert "null" in str(broken.orig).lower()  # NOT NULL constraint failed / null value
    assert not is_transient(broken)


async def test_a_lock_held_elsewhere_is_waited_for(
    app: App, database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    if app.engine.dialect.name == "sqlite":
        monkeypatch.setattr(InlineSession.begin_now, "__defaults__", (0.05,))
        holder = sqlite3.connect(make_url(database_url).database or "", isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")
        try:
            with pytest.raises(DBAPIError) as caught:
                async with app.uow():
                    pass
        finally:
            holder.execute("COMMIT")
            holder.close()
        assert is_transient(caught.value)
        return
    async with app.engine.connect() as holder:  # PostgreSQL: a row lock and a lock timeout
        await holder.execute(text("LOCK TABLE units IN ACCESS EXCLUSIVE MODE"))
        with pytest.raises(DBAPIError) as caught:
            async with app.uow() as uow:
                await uow.session.execute(text("SET LOCAL lock_timeout = '50ms'"))
                await uow.session.execute(text("SELECT count(*) FROM units"))
        await holder.rollback()
    assert is_transient(caught.value)


class Flaky:
    """Fails with a passing fault ``times`` times, then answers."""

    def __init__(self, times: int, fault: Exception) -> None:
        self.times, self.fault, self.calls = times, fault, 0

    async def __call__(self) -> str:
        self.calls += 1
        if self.calls <= self.times:
            raise self.fault
        return "done"


def locked() -> DBAPIError:
    return DBAPIError.instance(
        "BEGIN", None, sqlite3.OperationalError("database is locked"), sqlite3.Error
    )


async def test_patiently_waits_out_a_passing_fault_and_raises_others_at_once(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(patience, "FIRST_PAUSE", 0.01)
    flaky = Flaky(3, locked())
    assert await patience.patiently(flaky, "testing") == "done"
    assert flaky.calls == 4
    assert caplog.text.count("database busy or unreachable (database is locked)") == 3

    with pytest.raises(DBAPIError):
        await patience.patiently(Flaky(100, locked()), "testing", give_up_after=0.1)
    missing = DBAPIError.instance(
        "SELECT", None, sqlite3.OperationalError("no such table: x"), sqlite3.Error
    )
    once = Flaky(1, missing)
    with pytest.raises(DBAPIError):
        await patience.patiently(once, "testing")
    assert once.calls == 1


async def test_a_loop_kept_going_outlives_passing_faults_until_stopped(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(patience, "FIRST_PAUSE", 0.01)
    stop = asyncio.Event()
    flaky = Flaky(5, locked())

    async def step() -> None:
        await flaky()
        if flaky.calls >= 8:
            stop.set()

    await asyncio.wait_for(patience.keep_going(step, "testing", stop), 5)
    assert flaky.calls == 8
