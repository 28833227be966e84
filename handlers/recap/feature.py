"""``/rekap`` (Formulir 2) and its buttons (``rekap:…``)."""

from __future__ import annotations

from handlers.effects import Reply
from handlers.features import Button, Command, Feature, Run, Turn, with_id
from handlers.recap import chat


async def rekap(turn: Turn, argument: str) -> list[Reply]:
    return await chat.command(turn.uow, turn.person, argument, await turn.open_year(),
                              turn.now)  # fmt: skip


@with_id
async def group(turn: Turn, group_id: int) -> list[Reply]:
    return await chat.group_pressed(turn.uow, turn.person, group_id, await turn.open_year())


async def levels(turn: Turn, value: str) -> list[Reply]:
    return await chat.levels(turn.uow, turn.person, await turn.open_year())


async def board(turn: Turn, value: str) -> list[Reply]:
    return await chat.programme_words(turn.uow, turn.person, "", await turn.open_year(),
                                      turn.now)  # fmt: skip


def programme_button(action: str) -> Run:
    async def run(turn: Turn, value: str) -> list[Reply]:
        return await chat.pressed(turn.uow, turn.person, action, value,
                                  await turn.open_year(), turn.now)  # fmt: skip

    return run


FEATURE = Feature(
    "recap",
    commands=(Command(("rekap", "recap"), rekap, needs_cycle=True),),
    buttons=(
        Button(chat.GROUP, group, needs_cycle=True, shows_form=False),
        Button(chat.LEVELS_BUTTON, levels, needs_cycle=True, shows_form=False),
        Button(chat.BOARD, board, needs_cycle=True, shows_form=False),
        *(
            Button(action, programme_button(action), needs_cycle=True, shows_form=False)
            for action in (chat.ACCEPT, chat.LEVEL, chat.DISSOLVE)
        ),
    ),
)
