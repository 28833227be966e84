"""/siklus: Siti, the learning coordinator, opens the 2027 cycle in December 2026, and Budi
plans 2027 from then on; nobody else opens a cycle; with none open, /isi says whom to ask."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

import messages
from bot.outgoing import render_reply
from handlers.effects import Reply
from handlers.model import Role
from tests.unit.chat_bot import Bot
from tests.unit.fakes import employee, opened_cycle

SITI = employee(1, "Siti Rahmawati", "198503122010012001", roles=[Role.KOORDINATOR_PEMBELAJARAN])
BUDI = employee(2, "Budi Santoso", "199004172015031003")
ANA = employee(3, "Ana Admin", "198001012005012001", roles=[Role.ADMIN], bahasa="en")
DECEMBER = datetime(2026, 12, 3, 3, 0, tzinfo=UTC)


def shown(reply: Reply) -> str:
    return messages.to_plain_text(render_reply(reply).text)


async def bot_in_december(*opened: int) -> Bot:
    bot = Bot(SITI, BUDI, ANA)
    bot.database.state.cycles = {year: opened_cycle(year) for year in opened}
    bot.clock.current = DECEMBER
    for who, person in (("siti", SITI), ("budi", BUDI), ("ana", ANA)):
        await bot.linked(who, person)
    return bot


async def test_the_coordinator_opens_next_years_cycle_and_budi_plans_it() -> None:
    bot = await bot_in_december(2026)
    [confirm] = await bot.say("siti", "/siklus buka 2027")
    assert confirm.text.template == "cycle/confirm"
    assert "Dialog kinerja: 1 Februari 2027 – 31 Maret 2027" in shown(confirm)
    assert 2027 not in bot.database.state.cycles  # not before the press
    [[button]] = confirm.buttons
    [opened] = await bot.say("siti", payload=button.payload)
    assert opened.text.template == "cycle/opened"
    assert bot.database.state.cycles[2027].opened_by == SITI.nip
    first, *_ = await bot.say("budi", "/isi")
    assert first.text.template == "form1/intro" and first.text.context["year"] == 2027
    assert [p.year for p in bot.database.state.forms.plans.values()] == [2027]


async def test_opening_a_cycle_already_open_says_so_plainly() -> None:
    bot = await bot_in_december(2026, 2027)
    [reply] = await bot.say("siti", "/siklus buka 2027")
    assert reply.text.template == "cycle/already_open" and not reply.buttons
    [again] = await bot.say("ana", "/cycle open 2026")
    assert "The IDP cycle 2026 is open already; nothing was changed." in shown(again)


async def test_a_second_press_of_the_confirmation_opens_nothing_twice() -> None:
    bot = await bot_in_december(2026)
    [[button]] = (await bot.say("siti", "/siklus buka 2027"))[0].buttons
    await bot.say("siti", payload=button.payload)
    opened = bot.database.state.cycles[2027]
    [second] = await bot.say("ana", payload=button.payload)
    assert second.text.template == "cycle/already_open"
    assert bot.database.state.cycles[2027] == opened


async def test_an_employee_can_neither_list_nor_open_a_cycle_even_with_a_forged_button() -> None:
    bot = await bot_in_december(2026)
    [listed] = await bot.say("budi", "/siklus")
    assert listed.text.context["reason"] == "not_allowed"
    [pressed] = await bot.say("budi", payload="cy:open:2027")
    assert pressed.text.context["reason"] == "not_allowed"
    assert sorted(bot.database.state.cycles) == [2026]


@pytest.mark.parametrize(
    ("typed", "reason"),
    [("/siklus buka 2025", "year"), ("/siklus buka 2028", "year"), ("/siklus buka", "usage"),
     ("/siklus tutup 2026", "usage"), ("/siklus buka duaribu", "usage")],
)  # fmt: skip
async def test_a_year_that_cannot_be_opened_is_refused_with_the_reason(
    typed: str, reason: str
) -> None:
    bot = await bot_in_december(2026)
    [reply] = await bot.say("siti", typed)
    assert reply.text.template == "cycle/refused" and reply.text.context["reason"] == reason
    assert sorted(bot.database.state.cycles) == [2026]


async def test_the_list_shows_every_cycle_and_the_one_being_planned() -> None:
    bot = await bot_in_december(2026, 2027)
    [reply] = await bot.say("ana", "/cycle")
    text = shown(reply)
    assert "Being planned now: 2027." in text
    assert text.index("2027 (now)") < text.index("2026 — opened")
    assert "Open the" not in text  # nothing more can be opened now


async def test_with_no_cycle_open_budi_is_told_whom_to_ask_in_his_language() -> None:
    bot = await bot_in_december()
    for command in ("/isi", "/rencana"):
        [reply] = await bot.say("budi", command)
        assert reply.text.template == "cycle/not_open"
        assert "tanyakan kepada mereka" in shown(reply) and "Siti Rahmawati" in shown(reply)
    assert bot.database.state.forms.plans == {}
    await bot.say("budi", "/bahasa en")
    [reply] = await bot.say("budi", "/isi")
    assert "Cycles are opened by the learning coordinator (Siti Rahmawati)" in shown(reply)


async def test_with_no_cycle_open_a_coordinator_is_told_how_to_open_it() -> None:
    bot = await bot_in_december()
    [reply] = await bot.say("siti", "/isi")
    assert "Anda dapat membukanya: /siklus buka 2027" in shown(reply)
    [progress] = await bot.say("ana", "/progres")
    assert "You can open it: /cycle open 2027" in shown(progress)


async def test_progress_counts_the_plans_of_the_cycle_being_planned() -> None:
    bot = await bot_in_december(2026, 2027)
    reply, dialogues = await bot.say("siti", "/progres")
    assert reply.text.template == "progres/overview" and reply.text.context["year"] == 2027
    assert dialogues.text.template == "dialog/team/progress"
    assert dialogues.text.context["year"] == 2027
