"""``/siklus`` (``/cycle``): coordinators and admins see the cycles and open one; everyone
else, asking for their plan when no cycle is open, is told whom to ask."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from handlers.access import Action, may
from handlers.cycle import (
    Q4_STARTS,
    CycleRefused,
    agency_day,
    cycle_on,
    default_cycle,
    open_cycle,
    openable,
)
from handlers.effects import Button, Msg, Reply
from handlers.forms.numbers import small_number
from handlers.model import Employee, Role
from handlers.ports import Cycle, UnitOfWork

OPEN_WORDS = ("buka", "open")
LIST_WORDS = ("", "daftar", "list")
BUTTON = "cy"  # "cy:open:2027", the confirmation of /siklus buka 2027
NAMES_SHOWN = 3  # coordinators named to someone who found no cycle open


def dates(cycle: Cycle) -> dict[str, Any]:
    """A cycle as a template reads it."""
    return {
        "year": cycle.year, "opened_on": agency_day(cycle.opened_at), "opened_by": cycle.opened_by,
        "formulir1_opens": cycle.formulir1_opens, "dialogue_from": cycle.dialogue_from,
        "dialogue_to": cycle.dialogue_to, "verification_by": cycle.verification_by,
        "checkins": list(cycle.checkins),
    }  # fmt: skip


def next_to_open(cycles: list[Cycle], now: datetime) -> int:
    """The year a coordinator would open now: next year's in Q4, else this year's, else
    next year's (this one is open)."""
    today = agency_day(now)
    years = {cycle.year for cycle in cycles}
    if today.month >= Q4_STARTS or today.year in years:
        return today.year + 1
    return today.year


def refusal(error: CycleRefused, person: Employee) -> Reply:
    return Reply(Msg("cycle/refused", {"reason": error.reason, **error.detail}), person.bahasa)


async def command(uow: UnitOfWork, person: Employee, argument: str, now: datetime) -> list[Reply]:
    """``/siklus``: the cycles; ``/siklus buka 2027``: ask to confirm opening 2027."""
    if not may(person, Action.OPEN_CYCLE):
        return [refusal(CycleRefused("not_allowed"), person)]
    words = argument.lower().split()
    if not words or (len(words) == 1 and words[0] in LIST_WORDS):
        return [await listing(uow, person, now)]
    year = small_number(words[1]) if len(words) == 2 and words[0] in OPEN_WORDS else None
    if year is None:
        return [refusal(CycleRefused("usage"), person)]
    try:
        openable(year, now)
    except CycleRefused as error:
        return [refusal(error, person)]
    if any(cycle.year == year for cycle in await uow.cycles.all()):
        return [Reply(Msg("cycle/already_open", {"year": year}), person.bahasa)]
    proposed = dates(default_cycle(year, person.nip, now))
    button = Button(Msg("label/open_cycle", {"year": year}), f"{BUTTON}:open:{year}")
    return [Reply(Msg("cycle/confirm", proposed), person.bahasa, buttons=((button,),))]


async def confirmed(uow: UnitOfWork, person: Employee, value: str, now: datetime) -> list[Reply]:
    """The confirmation pressed: open the cycle with the default dates."""
    year = small_number(value.removeprefix("open:")) if value.startswith("open:") else None
    if year is None:
        return [Reply(Msg("menu/stale_button"), person.bahasa)]
    if not may(person, Action.OPEN_CYCLE):
        return [refusal(CycleRefused("not_allowed"), person)]
    try:
        opened = await open_cycle(uow, year, person.nip, now)
    except CycleRefused as error:
        return [refusal(error, person)]
    if opened is None:
        return [Reply(Msg("cycle/already_open", {"year": year}), person.bahasa)]
    return [Reply(Msg("cycle/opened", dates(opened)), person.bahasa)]


async def listing(uow: UnitOfWork, person: Employee, now: datetime) -> Reply:
    cycles = await uow.cycles.all()
    current = cycle_on(cycles, agency_day(now))
    context = {
        "cycles": [dates(cycle) for cycle in reversed(cycles)],
        "current": current.year if current else None,
        "suggest": next_to_open(cycles, now),
    }
    return Reply(Msg("cycle/list", context), person.bahasa)


async def not_open(uow: UnitOfWork, person: Employee, now: datetime) -> Reply:
    """No cycle is being planned: say so, and whom to ask (or, to those who may, how to
    open it)."""
    names: list[str] = []
    for employee_id in (await uow.employees.ids_with_role(Role.KOORDINATOR_PEMBELAJARAN))[
        :NAMES_SHOWN
    ]:
        coordinator = await uow.employees.by_id(employee_id)
        if coordinator is not None:
            names.append(coordinator.nama)
    context = {
        "can_open": may(person, Action.OPEN_CYCLE),
        "coordinators": names,
        "suggest": next_to_open(await uow.cycles.all(), now),
    }
    return Reply(Msg("cycle/not_open", context), person.bahasa)
