"""Returning a sent plan from the chat: the supervisor's "Kembalikan" (``plan:return:<id>``)
and the one-question form asking for the note."""

from __future__ import annotations

from handlers.effects import Reply
from handlers.features import Button, Feature, Form, Turn, with_id
from handlers.plan import return_form


@with_id
async def return_pressed(turn: Turn, plan_id: int) -> list[Reply]:
    return await return_form.start(turn.uow, turn.person, plan_id, turn.now)


FEATURE = Feature(
    "plan",
    buttons=(Button("plan:return", return_pressed),),
    forms=(Form(return_form.NAME, lambda clock, quiet: return_form.ENGINE),),
)
