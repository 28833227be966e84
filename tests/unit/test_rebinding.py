"""A re-issued invite used on a new account moves the binding — and the account left behind
is told so, where it is, in the person's language (it once moved silently: a person whose
invite someone else used never learned of it)."""

from __future__ import annotations

import pytest

import messages
from handlers.outbox import OutboxMessage, PinnedAddress
from tests.unit.chat_bot import Bot
from tests.unit.test_conversation import BUDI, DEWI, SRI, templates


def queued(bot: Bot) -> list[OutboxMessage]:
    return list(bot.database.state.forms.outbox)


async def test_the_old_account_is_told_its_link_moved_to_another_account() -> None:
    bot = Bot(SRI, BUDI, DEWI)
    await bot.linked("100", DEWI)  # Dewi reads English
    code = await bot.invite(DEWI)
    assert templates(await bot.say("200", f"/start {code}")) == ["menu/greeting"]
    assert (bot.bound_to("100"), bot.bound_to("200")) == (None, DEWI.id)
    [told] = queued(bot)
    assert told.employee_id == DEWI.id  # rendered in her language when sent
    assert told.template == "identity/unlinked_elsewhere"
    assert told.to == PinnedAddress("telegram", "100"), "to the old chat, not the new binding"


async def test_the_same_account_using_a_new_invite_is_told_nothing() -> None:
    bot = Bot(SRI, BUDI, DEWI)
    await bot.linked("100", BUDI)
    await bot.say("100", f"/start {await bot.invite(BUDI)}")
    assert bot.bound_to("100") == BUDI.id
    assert queued(bot) == []


async def test_a_first_binding_tells_nobody() -> None:
    bot = Bot(SRI, BUDI, DEWI)
    await bot.linked("100", BUDI)
    assert queued(bot) == []


async def test_a_refused_code_leaves_the_old_account_bound_and_untold() -> None:
    bot = Bot(SRI, BUDI, DEWI)
    await bot.linked("100", BUDI)
    code = await bot.invite(BUDI)
    await bot.linked("200", DEWI)
    assert templates(await bot.say("200", f"/start {code}")) == ["identity/refused_account_taken"]
    assert bot.bound_to("100") == BUDI.id
    assert queued(bot) == []


@pytest.mark.parametrize(
    ("locale", "contact", "moved"),
    [
        ("id", "admin Unit SDM", "dipakai di akun lain"),
        ("en", "HR admin", "used on another account"),
    ],
)
def test_the_notice_says_why_and_whom_to_contact(locale: str, contact: str, moved: str) -> None:
    text = messages.to_plain_text(messages.render("identity/unlinked_elsewhere", locale, {}))
    assert contact in text and moved in text
