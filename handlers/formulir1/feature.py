"""Formulir 1's commands and buttons: /isi, /rencana, "Lanjutkan" (``plan:fill``), a
supervisor's "Lihat" (``plan:view:<id>``), and what an old button of a sent form says."""

from __future__ import annotations

from handlers.effects import Msg, Reply
from handlers.features import Button, Command, Feature, Form, Turn, with_id
from handlers.formulir1 import commands
from handlers.formulir1.form import NAME


async def fill(turn: Turn, argument: str) -> list[Reply]:
    return await commands.fill(turn.uow, turn.person, await turn.open_year(), turn.now)


async def show(turn: Turn, argument: str) -> list[Reply]:
    return await commands.show_plan(turn.uow, turn.person, await turn.open_year())


async def fill_pressed(turn: Turn, value: str) -> list[Reply]:
    if value:
        return [Reply(Msg("menu/stale_button"), turn.person.bahasa)]
    return await fill(turn, "")


@with_id
async def view(turn: Turn, plan_id: int) -> list[Reply]:
    return await commands.view_plan(turn.uow, turn.person, plan_id, turn.now)


async def old_form_button(turn: Turn, session_id: int) -> list[Reply] | None:
    """With no form open, why the button does nothing; with another open, only this year's
    plan sent is worth saying."""
    year = await turn.year()
    if turn.session is None:
        return await commands.button_without_form(turn.uow, turn.person, session_id, year)
    if year is None:
        return None
    return await commands.sent_already(turn.uow, turn.person, session_id, year)


FEATURE = Feature(
    "formulir1",
    commands=(
        Command(("isi", "fill"), fill, needs_cycle=True, shows_form=True),
        Command(("rencana", "plan"), show, needs_cycle=True, shows_form=True),
    ),
    buttons=(Button("plan:fill", fill_pressed, needs_cycle=True), Button("plan:view", view)),
    forms=(Form(NAME, lambda clock, quiet: commands.ENGINE),),
    old_form_button=old_form_button,
)
