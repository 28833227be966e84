"""A broadcast text has one limit, whether the coordinator types it in /siaran or the
operator gives it from a file: the wizard, the core and the prompt all name the same number,
and a text that long goes out as one Telegram message."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

import messages
from bot.outgoing import split_text
from handlers import broadcast
from handlers.broadcast import TEXT_LIMIT, BroadcastRefused, Operator
from handlers.broadcast.form import SIARAN
from handlers.calendar import NO_QUIET_HOURS
from tests.unit.fakes import FakeDatabase

NOW = datetime(2026, 11, 29, 3, 0, tzinfo=UTC)


def text_step_limit() -> int:
    return next(s.max_length for s in SIARAN.nodes if getattr(s, "key", None) == "text")


def test_the_wizard_takes_what_the_core_takes_and_says_how_much() -> None:
    assert text_step_limit() == TEXT_LIMIT
    prompt = next(s.prompt for s in SIARAN.nodes if getattr(s, "key", None) == "text")
    assert "4.000 karakter" in messages.render(prompt.template, "id", prompt.context)
    assert "4,000 characters" in messages.render(prompt.template, "en", prompt.context)


def test_a_text_at_the_limit_is_one_telegram_message() -> None:
    text = messages.render(broadcast.MESSAGE_TEMPLATE, "id", {"text": "a" * TEXT_LIMIT})
    assert len(split_text(text)) == 1


@pytest.mark.parametrize("locale", ["id", "en"])
async def test_a_longer_text_from_the_command_line_is_refused_naming_the_limit(
    locale: str,
) -> None:
    database = FakeDatabase()
    async with database.uow() as uow:
        with pytest.raises(BroadcastRefused) as refused:
            await broadcast.create(uow, Operator(), "all", "a" * (TEXT_LIMIT + 1), None, NOW, 2026,
                                   quiet=NO_QUIET_HOURS)  # fmt: skip
    said = messages.render(refused.value.msg().template, locale, refused.value.msg().context)
    assert refused.value.reason == "too_long"
    assert ("4.000" if locale == "id" else "4,000") in said
