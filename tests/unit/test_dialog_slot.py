"""The rules of a dialog kinerja's time, without a database: typed on the proposer's clock,
inside the window, on a working day, in office hours, ahead; shown on each person's clock;
the .ics file parsed back says the same; reminders fall on the working day before."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest
from icalendar import Calendar

from handlers.calendar import WorkCalendar
from handlers.dialog.appointment_reminders import working_day_before
from handlers.dialog.ics import Meeting, attachment
from handlers.dialog.model import Window
from handlers.dialog.slot import Rules, SlotRefused, check, parse_day, parse_local, shown
from handlers.dialog.slot import suggestion as suggested
from handlers.model import Zone

NOW = datetime(2026, 11, 29, 2, 0, tzinfo=UTC)  # Sunday 29 November, 09:00 WIB
WINDOW = Window(date(2026, 12, 1), date(2026, 12, 31))
CUTI = WorkCalendar(cuti_bersama=frozenset({date(2026, 12, 24)}))


def rules(zone: Zone = Zone.WIB, window: Window = WINDOW) -> Rules:
    return Rules(window, CUTI, zone, NOW)


@pytest.mark.parametrize(("typed", "expected"), [
    ("02-12-2026 09:00", (date(2026, 12, 2), time(9, 0))),
    ("2/12/2026 pukul 9.30", (date(2026, 12, 2), time(9, 30))),
    ("2026-12-02 14:05", (date(2026, 12, 2), time(14, 5))),
    ("02.12.2026, jam 08:00", (date(2026, 12, 2), time(8, 0))),
])  # fmt: skip
def test_a_date_and_time_are_read_as_indonesians_write_them(
    typed: str, expected: tuple[date, time]
) -> None:
    assert parse_local(typed) == expected


@pytest.mark.parametrize("typed", ["besok pagi", "31-02-2026 09:00", "02-12-2026 25:00",
                                   "02-12-2026", "02-12-2026 09:00 10:00"])  # fmt: skip
def test_what_is_not_a_date_and_time_is_refused_as_such(typed: str) -> None:
    with pytest.raises(SlotRefused, match="format"):
        parse_local(typed)


@pytest.mark.parametrize(("typed", "reason"), [
    ("28-11-2026 09:00", "past"),
    ("30-11-2026 09:00", "window"),  # a Monday, the day before the window opens
    ("04-01-2027 09:00", "window"),
    ("05-12-2026 09:00", "holiday"),  # Saturday
    ("25-12-2026 09:00", "holiday"),  # Christmas, a national holiday
    ("24-12-2026 09:00", "holiday"),  # cuti bersama
    ("02-12-2026 06:59", "hours"),
    ("02-12-2026 17:01", "hours"),
])  # fmt: skip
def test_each_reason_a_time_cannot_be_booked(typed: str, reason: str) -> None:
    with pytest.raises(SlotRefused) as refused:
        check(typed, rules())
    assert refused.value.reason == reason


def test_the_same_wall_clock_is_a_different_instant_in_each_zone() -> None:
    assert check("02-12-2026 09:00", rules(Zone.WIB)) == datetime(2026, 12, 2, 2, tzinfo=UTC)
    assert check("02-12-2026 09:00", rules(Zone.WIT)) == datetime(2026, 12, 2, 0, tzinfo=UTC)
    starts = check("02-12-2026 09:00", rules(Zone.WIB))
    assert shown(starts, Zone.WITA) == {"day": date(2026, 12, 2), "time": "10:00", "zone": "WITA"}
    assert shown(starts, Zone.WIT)["time"] == "11:00"


def test_a_unit_window_is_inclusive_at_both_ends() -> None:
    own = Window(date(2026, 12, 1), date(2026, 12, 4), "Balai Diklat Makassar")
    assert check("01-12-2026 09:00", rules(window=own))
    assert check("04-12-2026 17:00", rules(window=own))
    with pytest.raises(SlotRefused, match="window"):
        check("07-12-2026 09:00", rules(window=own))


def test_the_offered_example_is_the_first_working_day_ahead_in_the_window() -> None:
    assert suggested(rules()) == datetime(2026, 12, 1, 2, tzinfo=UTC)  # Tuesday 09:00 WIB
    assert suggested(rules(window=Window(date(2026, 12, 5), date(2026, 12, 6)))) is None
    assert parse_day("2026-12-01") == date(2026, 12, 1)


def test_the_working_day_before_skips_weekends_holidays_and_cuti_bersama() -> None:
    assert working_day_before(date(2026, 12, 7), CUTI) == date(2026, 12, 4)  # Mon → Fri
    assert working_day_before(date(2026, 12, 28), CUTI) == date(2026, 12, 23)  # 24-27 off


def test_the_ics_parsed_back_says_when_who_and_which_version() -> None:
    starts = datetime(2026, 12, 2, 2, tzinfo=UTC)
    meeting = Meeting(uid="dialog-7-0@idp-bot", starts=starts, ends=starts + timedelta(hours=1),
                      sequence=1, summary="Dialog kinerja IDP 2026: Budi Santoso – Sri Wahyuni",
                      description="Formulir 1 2026", organizer="Sri Wahyuni",
                      attendee="Budi Santoso", stamp=NOW)  # fmt: skip
    file = attachment(meeting)
    assert file.mime == "text/calendar" and file.name == "dialog-kinerja.ics"
    calendar = Calendar.from_ical(file.data or b"")
    [event] = calendar.walk("VEVENT")
    assert str(calendar["METHOD"]) == "REQUEST" and str(calendar["VERSION"]) == "2.0"
    assert event.decoded("DTSTART") == starts and event.decoded("DTEND") == starts + timedelta(
        hours=1
    )
    assert str(event["UID"]) == "dialog-7-0@idp-bot" and event["SEQUENCE"] == 1
    assert str(event["SUMMARY"]) == meeting.summary
    assert event["ORGANIZER"].params["CN"] == "Sri Wahyuni"
    assert event["ATTENDEE"].params["CN"] == "Budi Santoso"
    cancelled = Calendar.from_ical(attachment(meeting, cancel=True).data or b"")
    [gone] = cancelled.walk("VEVENT")
    assert str(cancelled["METHOD"]) == "CANCEL" and str(gone["STATUS"]) == "CANCELLED"
