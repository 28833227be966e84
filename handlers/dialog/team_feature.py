"""The supervisor's overview in the chat: /bawahan (/team), /riwayat (/history), and the
history button of a report's plan (``plan:history:<id>``)."""

from __future__ import annotations

from handlers.dialog import history, team
from handlers.effects import Msg, Reply
from handlers.features import Button, Command, Feature, Turn
from handlers.forms.numbers import small_number


async def my_team(turn: Turn, argument: str) -> list[Reply]:
    return await team.team(turn.uow, turn.person, await turn.open_year(), turn.now)


async def own_history(turn: Turn, argument: str) -> list[Reply]:
    return await history.own(turn.uow, turn.person, await turn.open_year(), turn.now)


async def history_pressed(turn: Turn, value: str) -> list[Reply]:
    plan_id = small_number(value)
    if plan_id is None:
        return [Reply(Msg("menu/stale_button"), turn.person.bahasa)]
    return await history.trail(turn.uow, turn.person, plan_id, turn.now)


FEATURE = Feature(
    "dialog_team",
    commands=(
        Command(("bawahan", "team"), my_team, needs_cycle=True),
        Command(("riwayat", "history"), own_history, needs_cycle=True),
    ),
    buttons=(Button("plan:history", history_pressed),),
)
