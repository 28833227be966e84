"""The transaction that handles a person's update holds that person's turn: on PostgreSQL a
second transaction for the same person (another process) waits until the first one ends;
another person's does not wait. On SQLite, one writer at a time already does this."""

from __future__ import annotations

import asyncio

import pytest

from bot.app import App


async def test_a_second_transaction_for_the_same_person_waits_for_the_first(app: App) -> None:
    if app.engine.dialect.name != "postgresql":
        pytest.skip("SQLite runs one writer at a time: two transactions never overlap")
    async with app.uow() as first, app.uow() as same, app.uow() as other:
        await first.inbox.take_turn("telegram", "5001")
        await other.inbox.take_turn("telegram", "5002")  # someone else: at once
        waiting = asyncio.create_task(same.inbox.take_turn("telegram", "5001"))
        await asyncio.sleep(0.3)
        assert not waiting.done()
        await first.rollback()  # the turn ends with the transaction, however it ends
        await asyncio.wait_for(waiting, 5)
        await same.commit()
        await other.commit()
