"""``/dialog`` for learning coordinators (and admins): the dialogue window of the cycle
being planned and the units' own; ``/dialog jendela FROM TO [unit]`` sets it and tells
everyone concerned; ``/dialog panduan [unit]`` publishes the default guide, and a document
sent with the caption ``/dialog panduan [unit]`` publishes that document instead."""

from __future__ import annotations

from datetime import datetime

from handlers.access import Action, may
from handlers.dialog.persiapan import cycle_now, default_guide, publish_guide, publish_window
from handlers.dialog.slot import SlotRefused, parse_day
from handlers.dialog.window import WindowRefused, cycle_window
from handlers.effects import Attachment, Msg, Reply
from handlers.model import Employee
from handlers.ports import UnitOfWork

WINDOW_WORDS = ("jendela", "window")
GUIDE_WORDS = ("panduan", "guide")


def refusal(error: WindowRefused, person: Employee) -> Reply:
    return Reply(Msg("dialog/window/refused", {"reason": error.reason, **error.detail}),
                 person.bahasa)  # fmt: skip


async def command(
    uow: UnitOfWork, person: Employee, argument: str, now: datetime,
    document: Attachment | None = None,
) -> list[Reply]:  # fmt: skip
    """Answer ``/dialog …``; ``document``: a file sent with it (its bytes fetched)."""
    if not may(person, Action.PREPARE_DIALOGUES):
        return [refusal(WindowRefused("not_allowed"), person)]
    word, _, rest = argument.strip().partition(" ")
    try:
        if word.lower() in WINDOW_WORDS:
            return await set_window(uow, person, rest, now)
        if word.lower() in GUIDE_WORDS:
            chosen = document or default_guide(person.bahasa)
            unit = rest.strip() or None
            told = await publish_guide(uow, chosen, unit, now)
            context = {"name": chosen.name, "told": told, "unit": unit}
            return [Reply(Msg("dialog/guide/published", context), person.bahasa)]
        return [await overview(uow, person, now)]
    except WindowRefused as error:
        return [refusal(error, person)]


async def set_window(uow: UnitOfWork, person: Employee, rest: str, now: datetime) -> list[Reply]:
    words = rest.split()
    if len(words) < 2:
        raise WindowRefused("format")
    try:
        starts, ends = parse_day(words[0]), parse_day(words[1])
    except SlotRefused:
        raise WindowRefused("format") from None
    unit = " ".join(words[2:]) or None
    window, told = await publish_window(uow, starts, ends, unit, person.nip, now)
    context = {"starts": window.starts, "ends": window.ends, "unit": unit, "told": told}
    return [Reply(Msg("dialog/window/set", context), person.bahasa)]


async def overview(uow: UnitOfWork, person: Employee, now: datetime) -> Reply:
    cycle = await cycle_now(uow, now)
    main = cycle_window(cycle)
    units = [{"unit": w.unit, "starts": w.starts, "ends": w.ends}
             for w in await uow.dialog.windows(cycle.year)]  # fmt: skip
    context = {"year": cycle.year, "starts": main.starts, "ends": main.ends, "units": units}
    return Reply(Msg("dialog/window/overview", context), person.bahasa)
