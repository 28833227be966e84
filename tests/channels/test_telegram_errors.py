"""When the core fails (here: the database loses a table), the person is told their message
was not processed, nothing half-done is kept, and the bot works again once the fault is gone."""

from __future__ import annotations

import logging

import pytest
from sqlalchemy import text

from bot import admin
from tests.channels.conftest import Person, RunningBot, invite_code
from tests.fake_telegram import FakeBotApi

BUDI = "199004172015031003"


async def rename(running_bot: RunningBot, old: str, new: str) -> None:
    async with running_bot.app.engine.begin() as connection:
        await connection.execute(text(f"ALTER TABLE {old} RENAME TO {new}"))


async def test_a_failure_is_answered_and_leaves_nothing_half_done(
    running_bot: RunningBot, bot_api: FakeBotApi, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.ERROR)
    await admin.seed_demo(running_bot.app)
    budi = Person(bot_api, bot_api.user(5001, "Budi"))
    await budi.say(f"/start {await invite_code(running_bot.app, BUDI)}")

    await rename(running_bot, "form_answers", "form_answers_away")
    [sorry] = await budi.say("/isi")
    assert "terjadi kesalahan" in sorry.text
    assert "update" in caplog.text and BUDI not in caplog.text

    await rename(running_bot, "form_answers_away", "form_answers")
    async with running_bot.app.uow() as uow:
        person = await uow.employees.by_nip(BUDI)
        assert person is not None
        assert await uow.forms.active(person.id) is None  # the failed /isi kept nothing
    [intro, question] = await budi.say("/isi", expect=2)
    assert "Formulir 1" in intro.text and "Budi Santoso" in question.text
