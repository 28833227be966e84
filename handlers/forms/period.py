"""Periods within the cycle year: a quarter (triwulan) or a range of months."""

from __future__ import annotations

import re
from typing import Any

from handlers.forms.numbers import small_number

MONTH_NAMES = {
    "januari": 1, "january": 1, "jan": 1, "februari": 2, "february": 2, "feb": 2,
    "maret": 3, "march": 3, "mar": 3, "april": 4, "apr": 4, "mei": 5, "may": 5,
    "juni": 6, "june": 6, "jun": 6, "juli": 7, "july": 7, "jul": 7, "agustus": 8,
    "august": 8, "agu": 8, "agt": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9,
    "oktober": 10, "october": 10, "okt": 10, "oct": 10, "november": 11, "nov": 11,
    "nopember": 11, "desember": 12, "december": 12, "des": 12, "dec": 12,
}  # fmt: skip
QUARTERS = {1: (1, 3), 2: (4, 6), 3: (7, 9), 4: (10, 12)}
ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_QUARTER = re.compile(r"^(?:tw|triwulan|kuartal|quarter|q)\s*[-.]?\s*(i{1,3}|iv|[1-4])$", re.ASCII)
_SPLIT = re.compile(r"\s*(?:-|–|—|s\.?d\.?|sampai|hingga|to|until)\s*")


class ReversedPeriod(ValueError):
    """Months written end first ("Mei-Maret"): past December, which the cycle year is not."""

    def __init__(self, start: int, end: int) -> None:
        super().__init__(f"month {start} after month {end}")
        self.start, self.end = start, end


def quarter(number: int) -> dict[str, Any]:
    start, end = QUARTERS[number]
    return {"start": start, "end": end, "quarter": number}


def whole_year() -> dict[str, Any]:
    return {"start": 1, "end": 12}


def _month(token: str) -> int | None:
    token = token.strip().strip(".").lower()
    number = small_number(token)
    if number is not None and 1 <= number <= 12:
        return number
    return MONTH_NAMES.get(token)


def parse_period(text: str, year: int) -> dict[str, Any] | None:
    """ "TW II", "Q3", "Maret-Mei", "3-5", "Juni", "Mar s.d. Mei 2027" → {"start", "end"};
    None when not understood; :class:`ReversedPeriod` for "Mei-Maret"."""
    cleaned = text.strip().lower().replace(str(year), "").strip(" ,")
    match = _QUARTER.match(cleaned)
    if match:
        written = match.group(1)
        return quarter(int(written) if written in "1234" else ROMAN[written])
    if cleaned in ("sepanjang tahun", "setahun", "whole year", "all year", "1 tahun"):
        return whole_year()
    parts = [p for p in _SPLIT.split(cleaned) if p]
    if not 1 <= len(parts) <= 2:
        return None
    months = [_month(p) for p in parts]
    if any(m is None for m in months):
        return None
    start, end = months[0], months[-1]
    assert start is not None and end is not None
    if end < start:
        raise ReversedPeriod(start, end)
    return {"start": start, "end": end}
