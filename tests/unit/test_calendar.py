"""Time as people live it: each recipient's own zone, working days, quiet hours."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from handlers.calendar import (
    NO_QUIET_HOURS,
    CalendarError,
    QuietHours,
    WorkCalendar,
    due_by_zone,
    national_holidays,
    next_allowed,
    parse_quiet_hours,
    reminder_due,
    wall_clock_to_utc,
)
from handlers.model import Zone

NIGHT = parse_quiet_hours("21-07")
PLAIN = WorkCalendar()
MAKASSAR = ZoneInfo("Asia/Makassar")


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


# --- zones ---------------------------------------------------------------------------------


def test_nine_oclock_is_a_different_instant_in_each_zone() -> None:
    due = due_by_zone(date(2027, 1, 4), time(9))
    assert due == {
        Zone.WIB: utc(2027, 1, 4, 2),
        Zone.WITA: utc(2027, 1, 4, 1),
        Zone.WIT: utc(2027, 1, 4, 0),
    }


def test_an_early_morning_in_the_east_is_still_yesterday_in_utc() -> None:
    assert wall_clock_to_utc(date(2027, 1, 4), time(7, 30), Zone.WIT) == utc(2027, 1, 3, 22, 30)
    assert wall_clock_to_utc(date(2027, 1, 1), time(0), Zone.WIB) == utc(2026, 12, 31, 17)


# --- working days --------------------------------------------------------------------------


def test_independence_day_and_christmas_are_national_holidays() -> None:
    assert {date(2026, 8, 17), date(2026, 12, 25), date(2027, 1, 1)} <= (
        national_holidays(2026) | national_holidays(2027)
    )


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (date(2026, 8, 14), True),  # Friday
        (date(2026, 8, 15), False),  # Saturday
        (date(2026, 8, 16), False),  # Sunday
        (date(2026, 8, 17), False),  # Monday, Hari Kemerdekaan
        (date(2026, 8, 18), True),  # Tuesday
    ],
)
def test_weekends_and_holidays_are_not_working_days(day: date, working: bool) -> None:
    assert PLAIN.is_working_day(day) is working


def test_cuti_bersama_is_not_a_working_day_and_the_next_one_is_found() -> None:
    calendar = WorkCalendar(cuti_bersama=frozenset({date(2026, 12, 24), date(2026, 12, 28)}))
    assert not calendar.is_working_day(date(2026, 12, 24))
    # Thu 24 cuti bersama, Fri 25 Christmas, weekend, Mon 28 cuti bersama → Tue 29
    assert calendar.next_working_day(date(2026, 12, 24)) == date(2026, 12, 29)
    assert PLAIN.next_working_day(date(2026, 12, 24)) == date(2026, 12, 24)


# --- quiet hours ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [("21-07", time(21), time(7)), ("21:30-06:45", time(21, 30), time(6, 45)),
     (" 22 - 5 ", time(22), time(5)), ("13-14", time(13), time(14))],
)  # fmt: skip
def test_quiet_hours_are_read_from_the_setting(text: str, start: time, end: time) -> None:
    assert parse_quiet_hours(text) == QuietHours(start, end)


@pytest.mark.parametrize("text", ["21", "25-07", "21-07:75", "night", "21-07-09"])
def test_a_malformed_quiet_hours_setting_is_refused(text: str) -> None:
    with pytest.raises(CalendarError):
        parse_quiet_hours(text)


def test_no_quiet_hours_when_the_setting_is_empty() -> None:
    assert parse_quiet_hours("") == NO_QUIET_HOURS
    assert not NO_QUIET_HOURS.contains(time(3))


@pytest.mark.parametrize(
    ("at", "quiet"),
    [(time(20, 59), False), (time(21), True), (time(23, 59), True), (time(0), True),
     (time(6, 59), True), (time(7), False), (time(12), False)],
)  # fmt: skip
def test_the_night_window_crosses_midnight(at: time, quiet: bool) -> None:
    assert NIGHT.contains(at) is quiet


# --- when a reminder goes out --------------------------------------------------------------


def local_moment(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=MAKASSAR)


def test_a_reminder_in_quiet_hours_waits_for_the_morning() -> None:
    tuesday_night = local_moment(2026, 8, 18, 22)
    assert next_allowed(tuesday_night, PLAIN, NIGHT) == local_moment(2026, 8, 19, 7)
    small_hours = local_moment(2026, 8, 19, 3, 15)
    assert next_allowed(small_hours, PLAIN, NIGHT) == local_moment(2026, 8, 19, 7)


def test_a_reminder_on_a_holiday_moves_to_the_next_working_day_same_time() -> None:
    independence_day = local_moment(2026, 8, 17, 9)
    assert next_allowed(independence_day, PLAIN, NIGHT) == local_moment(2026, 8, 18, 9)


def test_friday_night_moves_past_the_weekend_to_monday_morning() -> None:
    friday_night = local_moment(2026, 8, 21, 22, 30)
    assert next_allowed(friday_night, PLAIN, NIGHT) == local_moment(2026, 8, 24, 7)


def test_an_allowed_moment_stays_where_it_is() -> None:
    moment = local_moment(2026, 8, 18, 9)
    assert next_allowed(moment, PLAIN, NIGHT) == moment


def test_reminder_due_is_nine_on_each_persons_clock_on_the_next_working_day() -> None:
    # set for Saturday 15 August: Monday 17 is a holiday, so Tuesday 18 at 09:00 local
    saturday = date(2026, 8, 15)
    assert reminder_due(saturday, time(9), Zone.WITA, PLAIN, NIGHT) == utc(2026, 8, 18, 1)
    assert reminder_due(saturday, time(9), Zone.WIT, PLAIN, NIGHT) == utc(2026, 8, 18, 0)
    assert reminder_due(saturday, time(9), Zone.WIB, PLAIN, NIGHT) == utc(2026, 8, 18, 2)


def test_a_minute_between_quiet_windows_is_used() -> None:
    nearly_always = QuietHours(time(0, 1), time(0))
    noon = local_moment(2026, 8, 18, 12)
    assert next_allowed(noon, PLAIN, nearly_always) == local_moment(2026, 8, 19, 0)
