"""The dialog kinerja's agreement in the chat: the ``agr:`` buttons (the supervisor's board
and item cards, the employee's Setuju / Diskusikan lagi) and the forms they open."""

from __future__ import annotations

from handlers.dialog import agreement_buttons
from handlers.effects import Reply
from handlers.features import Button, Feature, Form, Turn
from handlers.forms.engine import Engine


async def pressed(turn: Turn, value: str) -> list[Reply]:
    return await agreement_buttons.pressed(turn.uow, turn.person, value, turn.now)


def form(name: str, engine: Engine) -> Form:
    return Form(name, lambda clock, quiet: engine)


FEATURE = Feature(
    "dialog_agreement",
    buttons=(Button(agreement_buttons.BUTTON, pressed),),
    forms=tuple(form(name, engine) for name, engine in agreement_buttons.ENGINES.items()),
)
