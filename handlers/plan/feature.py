"""Returning a sent plan from the chat: the supervisor's "Kembalikan" (``plan:return:<id>``)
and the one-question form asking for the note."""

from __future__ import annotations

from handlers.effects import Msg, Reply
from handlers.features import Button, Feature, Form, Turn
from handlers.forms.numbers import small_number
from handlers.plan import return_form


async def return_pressed(turn: Turn, value: str) -> list[Reply]:
    plan_id = small_number(value)
    if plan_id is None:
        return [Reply(Msg("menu/stale_button"), turn.person.bahasa)]
    return await return_form.start(turn.uow, turn.person, plan_id, turn.now)


FEATURE = Feature(
    "plan",
    buttons=(Button("plan:return", return_pressed),),
    forms=(Form(return_form.NAME, lambda clock, quiet: return_form.ENGINE),),
)
