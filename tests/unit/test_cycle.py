"""Which cycle a person is in now, the default dates, and opening a cycle — on the fakes."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from handlers.cycle import (
    CycleRefused,
    Dates,
    current_cycle,
    cycle_on,
    default_cycle,
    open_cycle,
    with_dates,
)
from tests.unit.fakes import FakeDatabase, opened_cycle

MARCH, JUNE, SEPTEMBER, DECEMBER = (
    date(2027, m, d) for m, d in ((3, 31), (6, 30), (9, 30), (12, 31))
)


def at(year: int, month: int, day: int, hour: int = 3) -> datetime:
    """``hour`` UTC: 10:00 in Jakarta at the default."""
    return datetime(year, month, day, hour, tzinfo=UTC)


async def planned(years: tuple[int, ...], now: datetime) -> int | None:
    database = FakeDatabase(cycles=years)
    async with database.uow() as uow:
        found = await current_cycle(uow, now)
    return found.year if found else None


@pytest.mark.parametrize(
    ("opened", "now", "expected"),
    [
        ((2027,), at(2027, 2, 10), 2027),  # Q1: the year's own cycle
        ((2026, 2027), at(2027, 1, 2), 2027),
        ((2026, 2027, 2028), at(2027, 7, 1), 2027),  # mid-year: next year's waits for Q4
        ((2026,), at(2026, 12, 3), 2026),  # December, next year not opened: this year's still
        ((2026, 2027), at(2026, 12, 3), 2027),  # December, next year opened: plan it
        ((2027,), at(2026, 12, 3), 2027),  # only next year's opened, in December
        ((2025, 2026, 2027), at(2026, 10, 1), 2027),  # several: Q4 starts on 1 October
        ((2025, 2026, 2027), at(2026, 9, 30), 2026),
        ((2026, 2028), at(2026, 12, 3), 2026),  # the year after next is not planned yet
        ((2026,), at(2027, 1, 5), None),  # the new year, its cycle not opened: none
        ((), at(2026, 11, 29), None),
        ((2027,), at(2026, 6, 15), None),  # next year's opened early: planned from Q4 only
    ],
)
async def test_the_cycle_being_planned(
    opened: tuple[int, ...], now: datetime, expected: int | None
) -> None:
    assert await planned(opened, now) == expected


async def test_the_agency_clock_decides_when_the_fourth_quarter_begins() -> None:
    """30 September 17:30 UTC is already 1 October 00:30 in Jakarta."""
    assert await planned((2026, 2027), datetime(2026, 9, 30, 17, 30, tzinfo=UTC)) == 2027
    assert await planned((2026, 2027), datetime(2026, 9, 30, 16, 30, tzinfo=UTC)) == 2026


def test_the_default_dates_follow_the_regulations_timeline() -> None:
    """Formulir 1 and the dialogues in Q1, verification after them, a check-in at the end of
    every quarter; planned in Q4, Formulir 1 opens the day the cycle is opened."""
    planned_early = default_cycle(2027, "x", at(2026, 12, 3))
    assert planned_early.formulir1_opens == date(2026, 12, 3)
    assert (planned_early.dialogue_from, planned_early.dialogue_to) == (
        date(2027, 2, 1), date(2027, 3, 31))  # fmt: skip
    assert planned_early.verification_by == date(2027, 4, 30)
    assert planned_early.checkins == (
        date(2027, 3, 31), date(2027, 6, 30), date(2027, 9, 30), date(2027, 12, 31))  # fmt: skip
    assert default_cycle(2027, "x", at(2027, 1, 10)).formulir1_opens == date(2027, 1, 1)


@pytest.mark.parametrize(
    ("dates", "reason"),
    [
        (Dates(dialogue=(date(2027, 3, 31), date(2027, 2, 1))), "dates_order"),
        (Dates(verification_by=date(2027, 3, 1)), "dates_order"),
        (Dates(formulir1_opens=date(2027, 3, 1)), "dates_order"),
        (Dates(checkins=(JUNE, MARCH, SEPTEMBER, DECEMBER)), "checkins"),  # out of order
        (Dates(checkins=(MARCH, JUNE, SEPTEMBER, date(2028, 1, 31))), "checkins"),  # next year
    ],
)
def test_dates_out_of_order_are_refused(dates: Dates, reason: str) -> None:
    with pytest.raises(CycleRefused) as refused:
        with_dates(default_cycle(2027, "x", at(2026, 12, 3)), dates)
    assert refused.value.reason == reason


def test_dates_given_replace_the_defaults_and_the_rest_stay() -> None:
    chosen = with_dates(
        default_cycle(2027, "x", at(2026, 12, 3)),
        Dates(dialogue=(date(2027, 1, 15), date(2027, 2, 28)), verification_by=date(2027, 3, 31)),
    )
    assert (chosen.dialogue_from, chosen.dialogue_to) == (date(2027, 1, 15), date(2027, 2, 28))
    assert chosen.verification_by == date(2027, 3, 31)
    assert chosen.checkins == default_cycle(2027, "x", at(2026, 12, 3)).checkins


@pytest.mark.parametrize("year", [2025, 2028, 2100])
async def test_only_this_years_or_next_years_cycle_can_be_opened(year: int) -> None:
    database = FakeDatabase(cycles=())
    async with database.uow() as uow:
        with pytest.raises(CycleRefused) as refused:
            await open_cycle(uow, year, "x", at(2026, 12, 3))
    assert refused.value.detail == {"year": year, "this": 2026, "next": 2027}


async def test_opening_a_cycle_twice_changes_nothing_the_second_time() -> None:
    database = FakeDatabase(cycles=())
    async with database.uow() as uow:
        first = await open_cycle(uow, 2027, "199001012015031001", at(2026, 12, 3))
        again = await open_cycle(uow, 2027, "cli", at(2026, 12, 4))
        await uow.commit()
    assert first is not None and again is None
    assert database.state.cycles[2027].opened_by == "199001012015031001"


def test_the_rule_reads_only_the_cycles_it_is_given() -> None:
    cycles = [opened_cycle(2026), opened_cycle(2027)]
    assert cycle_on(cycles, date(2026, 12, 31)) == cycles[1]
    assert cycle_on(cycles, date(2027, 12, 31)) == cycles[1]
    assert cycle_on(cycles, date(2028, 1, 1)) is None
