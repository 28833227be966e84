"""Time as people live it: their own zone (WIB/WITA/WIT), working days, quiet hours.

Pure functions. "For 09:00" means 09:00 on each recipient's own wall clock. Working days
are Monday to Friday minus Indonesian national holidays (the maintained ``holidays``
package) and the collective leave days (*cuti bersama*) an administrator sets. Quiet hours
are the night, when no reminder is sent: one falling due then waits for the morning.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from zoneinfo import ZoneInfo

import holidays

from handlers.model import Zone

SATURDAY = 5
SEARCH_DAYS = 366  # no calendar has a year without a working day


class CalendarError(ValueError):
    """A setting or an input that does not describe a time (e.g. quiet hours ``25-07``)."""


def zone_info(zone: Zone) -> ZoneInfo:
    return ZoneInfo(zone.tz_name)


def wall_clock_to_utc(day: date, at: time, zone: Zone) -> datetime:
    """The UTC instant at which clocks in ``zone`` show ``day`` ``at`` (Indonesia has no DST)."""
    return datetime.combine(day, at, zone_info(zone)).astimezone(UTC)


def local(instant: datetime, zone: Zone) -> datetime:
    """``instant`` (aware) on the wall clock of ``zone``."""
    return instant.astimezone(zone_info(zone))


def due_by_zone(day: date, at: time) -> dict[Zone, datetime]:
    """The UTC instant of ``day`` ``at`` in each of the three zones (WIT first, WIB last)."""
    return {zone: wall_clock_to_utc(day, at, zone) for zone in Zone}


@cache
def national_holidays(year: int) -> frozenset[date]:
    """Indonesia's national holidays (*hari libur nasional*) of ``year``."""
    return frozenset(holidays.country_holidays("ID", years=year).keys())


@dataclass(frozen=True)
class WorkCalendar:
    """Which days are working days: weekdays that are neither a holiday nor cuti bersama."""

    cuti_bersama: frozenset[date] = frozenset()

    def is_working_day(self, day: date) -> bool:
        if day.weekday() >= SATURDAY:
            return False
        if day in self.cuti_bersama:
            return False
        return day not in national_holidays(day.year)

    def next_working_day(self, day: date) -> date:
        """``day`` itself when it is a working day, else the first working day after it."""
        for offset in range(SEARCH_DAYS):
            candidate = day + timedelta(days=offset)
            if self.is_working_day(candidate):
                return candidate
        raise CalendarError(f"no working day within a year of {day.isoformat()}")


@dataclass(frozen=True)
class QuietHours:
    """A nightly window ``[start, end)`` on the recipient's wall clock; may cross midnight."""

    start: time
    end: time

    def contains(self, at: time) -> bool:
        if self.start == self.end:
            return False
        if self.start < self.end:
            return self.start <= at < self.end
        return at >= self.start or at < self.end

    def end_after(self, moment: datetime) -> datetime:
        """The first moment at or after ``moment`` (inside the window) when it is over."""
        same_day = moment.replace(hour=self.end.hour, minute=self.end.minute, second=0,
                                  microsecond=0)  # fmt: skip
        return same_day if same_day > moment else same_day + timedelta(days=1)


NO_QUIET_HOURS = QuietHours(time(0), time(0))
_QUIET = re.compile(r"^\s*(\d{1,2})(?::(\d{2}))?\s*-\s*(\d{1,2})(?::(\d{2}))?\s*$")


def parse_quiet_hours(text: str) -> QuietHours:
    """``"21-07"`` or ``"21:30-06:45"`` (local wall clock); an empty text means none."""
    if not text.strip():
        return NO_QUIET_HOURS
    match = _QUIET.match(text)
    if match is None:
        raise CalendarError(f"quiet hours must look like 21-07 or 21:30-06:45, not {text!r}")
    start_h, start_m, end_h, end_m = match.groups()
    try:
        return QuietHours(time(int(start_h), int(start_m or 0)), time(int(end_h), int(end_m or 0)))
    except ValueError:
        raise CalendarError(f"quiet hours out of range: {text!r}") from None


def next_allowed(moment: datetime, calendar: WorkCalendar, quiet: QuietHours) -> datetime:
    """The first moment at or after ``moment`` (a wall-clock time) fit for a reminder.

    A moment in quiet hours moves to their end; a moment on a weekend, holiday or cuti
    bersama day moves to the same time on the next working day. Both rules are applied
    until neither moves it (22:00 on a Friday → 07:00 on Monday).
    """
    for _ in range(2 * SEARCH_DAYS):
        if quiet.contains(moment.time()):
            moment = quiet.end_after(moment)
            continue
        working = calendar.next_working_day(moment.date())
        if working != moment.date():
            moment = datetime.combine(working, moment.timetz())
            continue
        return moment
    raise CalendarError("quiet hours leave no time for reminders")


def reminder_due(
    day: date, at: time, zone: Zone, calendar: WorkCalendar, quiet: QuietHours
) -> datetime:
    """When a reminder set for ``day`` ``at`` reaches a person in ``zone``, in UTC."""
    wanted = datetime.combine(day, at, zone_info(zone))
    return next_allowed(wanted, calendar, quiet).astimezone(UTC)
