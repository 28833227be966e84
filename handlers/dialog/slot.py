"""When a dialog kinerja may be held: a date and time typed on the proposer's own clock,
inside the window, on a working day, in office hours, not in the past. Pure functions."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from handlers.calendar import WorkCalendar, local, wall_clock_to_utc
from handlers.dialog.model import Window
from handlers.model import Zone

OFFICE_OPENS, OFFICE_CLOSES = time(7, 0), time(17, 0)  # a dialogue starts in office hours
LENGTH = timedelta(hours=1)  # a dialogue is booked for an hour
_DAY_FIRST = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")
_YEAR_FIRST = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_TIME = re.compile(r"^(\d{1,2})[:.](\d{2})$")
_FILLERS = {"pukul", "jam", "pkl", "pkl.", "at", ","}


class SlotRefused(ValueError):
    """Why a time cannot be booked: format, past, window, holiday, hours."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Rules:
    """What a proposed time is checked against."""

    window: Window
    calendar: WorkCalendar
    zone: Zone  # the proposer's: the typed time is on their clock
    now: datetime


def parse_local(text: str) -> tuple[date, time]:
    """``"10-02-2027 09:00"``, ``"10/2/2027 pukul 09.00"`` or ``"2027-02-10 9:00"``."""
    words = [w for w in text.strip().lower().replace(",", " ").split() if w not in _FILLERS]
    if len(words) != 2:
        raise SlotRefused("format")
    day_text, time_text = words
    clock = _TIME.match(time_text)
    if clock is None:
        raise SlotRefused("format")
    try:
        return parse_day(day_text), time(int(clock.group(1)), int(clock.group(2)))
    except ValueError:
        raise SlotRefused("format") from None


def parse_day(text: str) -> date:
    """``"10-02-2027"``, ``"10/2/2027"`` or ``"2027-02-10"``; :class:`SlotRefused` else."""
    day_first, year_first = _DAY_FIRST.match(text.strip()), _YEAR_FIRST.match(text.strip())
    try:
        if day_first is not None:
            d, m, y = (int(g) for g in day_first.groups())
            return date(y, m, d)
        if year_first is not None:
            y, m, d = (int(g) for g in year_first.groups())
            return date(y, m, d)
    except ValueError:
        pass
    raise SlotRefused("format")


def check(text: str, rules: Rules) -> datetime:
    """The UTC start of the dialogue ``text`` names, or :class:`SlotRefused` saying why not."""
    day, at = parse_local(text)
    return check_moment(day, at, rules)


def check_moment(day: date, at: time, rules: Rules) -> datetime:
    starts = wall_clock_to_utc(day, at, rules.zone)
    if starts <= rules.now:
        raise SlotRefused("past")
    if not rules.window.holds(day):
        raise SlotRefused("window")
    if not rules.calendar.is_working_day(day):
        raise SlotRefused("holiday")
    if not OFFICE_OPENS <= at <= OFFICE_CLOSES:
        raise SlotRefused("hours")
    return starts


def suggestion(rules: Rules) -> datetime | None:
    """A time to offer: 09:00 on the first working day in the window after today."""
    today = local(rules.now, rules.zone).date()
    day = max(rules.window.starts, today + timedelta(days=1))
    while day <= rules.window.ends:
        if rules.calendar.is_working_day(day):
            return wall_clock_to_utc(day, time(9, 0), rules.zone)
        day += timedelta(days=1)
    return None


def shown(moment: datetime, zone: Zone) -> dict[str, object]:
    """A template's view of ``moment`` on ``zone``'s clock: date, time, zone name."""
    wall = local(moment.astimezone(UTC), zone)
    return {"day": wall.date(), "time": wall.strftime("%H:%M"), "zone": zone.value}
