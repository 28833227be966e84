"""When the core fails (here: the database loses a table), the person is told their message
was not processed, nothing half-done is kept, and the bot works again once the fault is gone."""

from __future__ import annotations

import asyncio
import logging
import time

import pytest
from sqlalchemy import text

from bot import cli
from tests.channels.conftest import Person, RunningBot, demo_person
from tests.fake_telegram import FakeBotApi, Fault

BUDI = "199004172015031003"


async def rename(running_bot: RunningBot, old: str, new: str) -> None:
    async with running_bot.app.engine.begin() as connection:
        await connection.execute(text(f"ALTER TABLE {old} RENAME TO {new}"))


async def test_a_failure_is_answered_and_leaves_nothing_half_done(
    running_bot: RunningBot, bot_api: FakeBotApi, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.ERROR)
    budi = await demo_person(running_bot.app, bot_api, 5001)

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


async def test_a_reply_met_by_429_is_sent_again_after_retry_after(
    running_bot: RunningBot, bot_api: FakeBotApi
) -> None:
    stranger = Person(bot_api, bot_api.user(7002, "Eve"))
    bot_api.fail_chat(7002, Fault(429, "Too Many Requests: retry after 1", 1))
    started = time.monotonic()
    [answer] = await stranger.say("/bantuan")
    assert "belum terhubung" in answer.text
    assert time.monotonic() - started >= 1.0, "retry_after was waited out"
    assert len(bot_api.deliveries()) == 1, "sent once in the end"


async def test_a_rejected_token_stops_start_up_with_one_line_and_no_token(
    database_url: str, bot_api: FakeBotApi, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    wrong = "999999:WRONG-secret-token-value"
    monkeypatch.setenv("IDP_DATABASE_URL", database_url)
    monkeypatch.setenv("IDP_TELEGRAM_TOKEN", wrong)
    monkeypatch.setenv("IDP_TELEGRAM_API_URL", bot_api.url)
    assert await asyncio.to_thread(cli.main, ["run"]) == 2
    out = capsys.readouterr()
    assert "IDP_TELEGRAM_TOKEN was rejected" in out.out or "IDP_TELEGRAM_TOKEN ditolak" in out.out
    assert wrong not in out.out + out.err


async def test_an_answer_saved_but_not_answered_says_so_and_is_not_resent(
    running_bot: RunningBot, bot_api: FakeBotApi
) -> None:
    budi = await demo_person(running_bot.app, bot_api, 5001)
    await budi.say("/isi", expect=2)
    bot_api.fail_chat(5001, Fault(502, "Bad Gateway"))
    [told] = await budi.press("✔ Data sudah benar")  # saved, but the next question is lost
    assert "sudah diterima dan tersimpan" in told.text
    [resumed, question] = await budi.say("/isi", expect=2)
    assert "Melanjutkan" in resumed.text
    assert "Dasar 1" in question.text  # A was saved: the form moved on
