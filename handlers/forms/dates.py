"""Dates and times people type: "15-1-2027", "2027-01-15", "09:00", "9.00"."""

from __future__ import annotations

import re
from datetime import date, time
from typing import Any

from handlers.effects import Msg

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


def impossible_date(text: str) -> bool:
    """Written like a date, but no such day ("31-11-2026", "2027-02-30")."""
    return parse_date(text) is None and bool(_DAY_FIRST.match(text) or _YEAR_FIRST.match(text))


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


def date_label(text: str, context: Any) -> Msg | None:
    """A typed date as the person's language writes it ("16 Januari 2027")."""
    day = parse_date(text)
    return Msg("label/date", {"day": day}) if day else None


def time_label(text: str, context: Any) -> Msg | None:
    at = parse_time(text)
    return Msg("label/when", {"day": None, "at": at.strftime("%H:%M")}) if at else None


def when_label(text: str, context: Any) -> Msg | None:
    """A typed day and time ("1/12/2026 09.00") as "1 Desember 2026 pukul 09:00"."""
    parsed = parse_when(text)
    if parsed is None:
        return None
    return Msg("label/when", {"day": parsed[0], "at": parsed[1].strftime("%H:%M")})
