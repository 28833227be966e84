"""The supervisor's overview in the chat: /bawahan (/team), /riwayat (/history), and the
history button of a report's plan (``plan:history:<id>``)."""

from __future__ import annotations

from handlers.dialog import history, team
from handlers.effects import Reply
from handlers.features import Button, Command, Feature, Turn, with_id


async def my_team(turn: Turn, argument: str) -> list[Reply]:
    return await team.team(turn.uow, turn.person, await turn.open_year(), turn.now)


async def own_history(turn: Turn, argument: str) -> list[Reply]:
    return await history.own(turn.uow, turn.person, await turn.open_year(), turn.now)


@with_id
async def history_pressed(turn: Turn, plan_id: int) -> list[Reply]:
    return await history.trail(turn.uow, turn.person, plan_id, turn.now)


FEATURE = Feature(
    "dialog_team",
    commands=(
        Command(("bawahan", "team"), my_team, needs_cycle=True),
        Command(("riwayat", "history"), own_history, needs_cycle=True),
    ),
    buttons=(Button("plan:history", history_pressed),),
)
