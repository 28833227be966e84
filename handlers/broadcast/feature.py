"""/siaran (/broadcast): the wizard, ``/siaran daftar``, and the cancel button
(``bc:cancel:<id>``)."""

from __future__ import annotations

from handlers import cycle
from handlers.broadcast import wizard
from handlers.broadcast.form import SIARAN
from handlers.effects import Reply
from handlers.features import Button, Command, Feature, Form, Turn, asks_for_list, with_id
from handlers.forms.engine import Engine


async def broadcast(turn: Turn, argument: str) -> list[Reply]:
    if asks_for_list(argument):
        today = await cycle.year_on(turn.uow, cycle.agency_day(turn.now))
        return await wizard.listing(turn.uow, turn.person, today, turn.now)
    return await wizard.start(turn.uow, turn.engine(SIARAN.name), turn.person, turn.now)


@with_id
async def cancel(turn: Turn, broadcast_id: int) -> list[Reply]:
    return await wizard.cancel(turn.uow, turn.person, broadcast_id, turn.now)


FEATURE = Feature(
    "broadcast",
    commands=(Command(("siaran", "broadcast"), broadcast, shows_form=True),),
    buttons=(Button("bc:cancel", cancel),),
    forms=(Form(SIARAN.name, lambda clock, quiet: Engine(wizard.SiaranFlow(clock, quiet))),),
)
