"""The IDP cycle: which cycle a person is in now, and opening one with its dates.

One rule, used by every command, wizard, scan and CLI: the cycle being planned now is

* in Q4 (October–December), next year's cycle when it has been opened — the regulation
  lets an agency open the year's cycle and plan it in Q4 of the year before;
* otherwise this year's cycle, when it has been opened;
* otherwise none: nobody fills a plan until a coordinator or admin opens the cycle.

"Now" is the agency's clock (WIB): the cycle is one for the whole agency, and a person in
WIT sees the same cycle as one in WIB (the two can differ only for the hours around
midnight at the start of October, when either answer is right).

Default dates follow the regulation's timeline (LAN 605/2025, the Asn Corpu cycle; see
docs/operations.md): Formulir 1 and the dialog kinerja in Q1, verification after the
dialogues, a check-in (Formulir 1 E) at the end of each quarter.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from zoneinfo import ZoneInfo

from handlers.ports import Cycle, UnitOfWork

AGENCY_ZONE = ZoneInfo("Asia/Jakarta")
Q4_STARTS = 10  # October: next year's cycle, once opened, is the one planned


def agency_day(now: datetime) -> date:
    return now.astimezone(AGENCY_ZONE).date()


def cycle_on(cycles: list[Cycle], day: date) -> Cycle | None:
    """The cycle being planned on ``day`` among ``cycles`` (the rule in the module doc)."""
    by_year = {cycle.year: cycle for cycle in cycles}
    if day.month >= Q4_STARTS and day.year + 1 in by_year:
        return by_year[day.year + 1]
    return by_year.get(day.year)


async def current_cycle(uow: UnitOfWork, now: datetime) -> Cycle | None:
    """Which cycle everyone is in at ``now``: the open cycle whose year is being planned."""
    return cycle_on(await uow.cycles.all(), agency_day(now))


async def year_on(uow: UnitOfWork, day: date) -> int:
    """The plans a stage audience (``stage:not_submitted``) of a broadcast or reminder going
    out on ``day`` means: those of the cycle being planned that day, else — no cycle opened
    for it (yet) — that day's own year, as a reminder set for January before its cycle is
    opened means. The audience is stored with this year, so it never shifts afterwards."""
    found = cycle_on(await uow.cycles.all(), day)
    return found.year if found else day.year


async def current_year(uow: UnitOfWork, now: datetime) -> int | None:
    found = await current_cycle(uow, now)
    return found.year if found else None


def default_cycle(year: int, opened_by: str, at: datetime) -> Cycle:
    """A cycle with the regulation's dates: Formulir 1 open from 1 January — or from the day
    it is opened, when that is in the year before (planned in Q4) —, the dialog kinerja
    in February and March, verification by 30 April, check-ins at each quarter's end."""
    return Cycle(
        year=year,
        opened_at=at,
        opened_by=opened_by,
        formulir1_opens=min(date(year, 1, 1), agency_day(at)),
        dialogue_from=date(year, 2, 1),
        dialogue_to=date(year, 3, 31),
        verification_by=date(year, 4, 30),
        checkins=(date(year, 3, 31), date(year, 6, 30), date(year, 9, 30), date(year, 12, 31)),
    )


class CycleRefused(ValueError):
    """A cycle that cannot be opened; ``reason`` names the template's case."""

    def __init__(self, reason: str, **detail: object) -> None:
        super().__init__(reason)
        self.reason, self.detail = reason, detail


@dataclass(frozen=True)
class Dates:
    """Dates given instead of the defaults (the CLI's options); None keeps the default."""

    formulir1_opens: date | None = None
    dialogue: tuple[date, date] | None = None
    verification_by: date | None = None
    checkins: tuple[date, date, date, date] | None = None


def with_dates(cycle: Cycle, dates: Dates) -> Cycle:
    """``cycle`` with the dates given, checked to follow one another."""
    dialogue = dates.dialogue or (cycle.dialogue_from, cycle.dialogue_to)
    chosen = replace(
        cycle,
        formulir1_opens=dates.formulir1_opens or cycle.formulir1_opens,
        dialogue_from=dialogue[0],
        dialogue_to=dialogue[1],
        verification_by=dates.verification_by or cycle.verification_by,
        checkins=dates.checkins or cycle.checkins,
    )
    order = [chosen.formulir1_opens, chosen.dialogue_from, chosen.dialogue_to,
             chosen.verification_by]  # fmt: skip
    if order != sorted(order):
        raise CycleRefused("dates_order")
    if list(chosen.checkins) != sorted(chosen.checkins) or any(
        day.year != cycle.year for day in (*chosen.checkins, chosen.dialogue_from)
    ):
        raise CycleRefused("checkins", year=cycle.year)
    return chosen


def openable(year: int, now: datetime) -> None:
    """This year's cycle or next year's: a past year is over, a later one too far off."""
    today = agency_day(now).year
    if year not in (today, today + 1):
        raise CycleRefused("year", year=year, this=today, next=today + 1)


async def move_checkins(
    uow: UnitOfWork, year: int, days: tuple[date, date, date, date]
) -> Cycle | None:
    """Set an open cycle's quarterly check-in dates (in order, inside its year); None when the
    year has no cycle. A quarter asked already keeps the date it was asked on. The caller
    commits."""
    cycle = next((c for c in await uow.cycles.all() if c.year == year), None)
    if cycle is None:
        return None
    moved = with_dates(cycle, Dates(checkins=days))
    await uow.cycles.set_checkins(year, moved.checkins)
    return moved


async def open_cycle(
    uow: UnitOfWork, year: int, opened_by: str, at: datetime, dates: Dates = Dates()
) -> Cycle | None:
    """Open ``year`` with the default dates, or those given; None when it is open already.
    The caller commits."""
    openable(year, at)
    cycle = with_dates(default_cycle(year, opened_by, at), dates)
    return cycle if await uow.cycles.open(cycle) else None
