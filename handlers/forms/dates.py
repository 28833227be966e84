"""Dates and times people type: "15-1-2027", "2027-01-15", "09:00", "9.00"."""

from __future__ import annotations

import re
from datetime import date, time

_DAY_FIRST = re.compile(r"^\s*(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})\s*$", re.ASCII)
_YEAR_FIRST = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$", re.ASCII)
_TIME = re.compile(r"^\s*(\d{1,2})[:.](\d{2})\s*$", re.ASCII)


def parse_date(text: str) -> date | None:
    """ "15-1-2027", "15/01/2027" or "2027-01-15" → the date; anything else → None."""
    day_first, year_first = _DAY_FIRST.match(text), _YEAR_FIRST.match(text)
    if day_first:
        day, month, year = day_first.groups()
    elif year_first:
        year, month, day = year_first.groups()
    else:
        return None
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None


def parse_time(text: str) -> time | None:
    """ "09:00" or "9.00" → the time; anything else → None."""
    match = _TIME.match(text)
    if not match:
        return None
    try:
        return time(int(match.group(1)), int(match.group(2)))
    except ValueError:
        return None


def parse_when(text: str) -> tuple[date, time] | None:
    """ "1-12-2026 09:00" or "2026-12-01 09:00" → (day, time)."""
    day_part, _, time_part = text.strip().rpartition(" ")
    day, at = parse_date(day_part), parse_time(time_part)
    return (day, at) if day is not None and at is not None else None
