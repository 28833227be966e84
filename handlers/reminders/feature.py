"""/pengingat (/reminder): the wizard, ``/pengingat daftar``, and the remove button
(``rm:remove:<id>``)."""

from __future__ import annotations

from handlers.effects import Reply
from handlers.features import Button, Command, Feature, Form, Turn, asks_for_list
from handlers.forms.engine import Engine
from handlers.reminders import wizard
from handlers.reminders.form import PENGINGAT


async def reminder(turn: Turn, argument: str) -> list[Reply]:
    if asks_for_list(argument):
        return await wizard.listing(turn.uow, turn.person, turn.quiet)
    return await wizard.start(turn.uow, turn.engine(PENGINGAT.name), turn.person, turn.now)


async def remove(turn: Turn, value: str) -> list[Reply]:
    return await wizard.remove(turn.uow, turn.person, value)


FEATURE = Feature(
    "reminders",
    commands=(Command(("pengingat", "reminder"), reminder, shows_form=True),),
    buttons=(Button("rm", remove),),
    forms=(Form(PENGINGAT.name, lambda clock, quiet: Engine(wizard.PengingatFlow(clock, quiet))),),
)
