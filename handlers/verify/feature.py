"""The verification's commands and buttons: /verifikasi (/verify) — the queue, ``kelompok``
(grouped by competency) and ``selesai`` (the group's recap done); /skp; the ``vrf:``
buttons and the forms they open."""

from __future__ import annotations

from handlers.effects import Msg, Reply
from handlers.features import Button, Command, Feature, Form, Turn
from handlers.forms.engine import Engine
from handlers.forms.numbers import small_number
from handlers.verify import chat, recap, skp
from handlers.verify.verification import VerifyRefused
from handlers.verify.view import BUTTON

GROUPED = ("kelompok", "group", "grouped")
DONE = ("selesai", "done")


async def verifikasi(turn: Turn, argument: str) -> list[Reply]:
    year, word = await turn.open_year(), argument.strip().lower()
    try:
        if word in DONE:
            return await recap.mark_done(turn.uow, turn.person, year, turn.now)
        return await chat.show_queue(turn.uow, turn.person, year, word in GROUPED)
    except VerifyRefused as refusal:
        return [Reply(refusal.msg(), turn.person.bahasa)]


async def own_skp(turn: Turn, argument: str) -> list[Reply]:
    return await skp.skp(turn.uow, turn.person, await turn.open_year())


async def pressed(turn: Turn, value: str) -> list[Reply]:
    """``vrf:queue`` · ``vrf:groups`` · ``vrf:item:<plan>:<item>`` · ``vrf:batch:<item>`` ·
    ``vrf:adjust:<plan>:<item>`` · ``vrf:done`` (the group's recap); a refusal is one clear
    sentence."""
    verb, _, rest = value.partition(":")
    ids = [small_number(part) for part in rest.split(":")] if rest else []
    if any(i is None for i in ids):
        return [Reply(Msg("menu/stale_button"), turn.person.bahasa)]
    numbers = [i for i in ids if i is not None]
    uow, person, now = turn.uow, turn.person, turn.now
    try:
        year = await turn.open_year()
        if verb == "done" and not numbers:
            return await recap.mark_done(uow, person, year, now)
        if verb in ("queue", "groups") and not numbers:
            return await chat.show_queue(uow, person, year, verb == "groups")
        if verb == "item" and len(numbers) == 2:
            return await chat.open_item(uow, person, numbers[0], numbers[1], now)
        if verb == "batch" and len(numbers) == 1:
            return await chat.open_batch(uow, person, year, numbers[0], now)
        if verb == "adjust" and len(numbers) == 2:
            return await chat.open_adjust(uow, person, numbers[0], numbers[1], now)
    except VerifyRefused as refusal:
        return [Reply(refusal.msg(), person.bahasa)]
    return [Reply(Msg("menu/stale_button"), person.bahasa)]


def form(name: str, engine: Engine) -> Form:
    return Form(name, lambda clock, quiet: engine)


FEATURE = Feature(
    "verify",
    commands=(
        Command(("verifikasi", "verify"), verifikasi, needs_cycle=True),
        Command(("skp",), own_skp, needs_cycle=True),
    ),
    buttons=(Button(BUTTON, pressed, needs_cycle=True),),
    forms=tuple(form(name, engine) for name, engine in chat.ENGINES.items()),
)
