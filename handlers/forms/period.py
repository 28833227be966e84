"""Periods within a cycle year, read the ways Indonesian documents write them.

A period is a quarter (*triwulan*), a semester, a month, a range of those ("Maret s/d Mei",
"TW I–TW II", "Okt.-Des."), a list of months ("Maret, April dan Mei": from the first to the
last) or the whole year — in full or short month names, Indonesian or English. The year
the period lies in is a parameter: written in the text it is allowed (and only it).
"""

from __future__ import annotations

import re
from itertools import pairwise
from typing import Any

from handlers.forms.numbers import small_number

MONTH_NAMES = {
    "januari": 1, "january": 1, "jan": 1, "februari": 2, "pebruari": 2, "february": 2,
    "feb": 2, "peb": 2, "maret": 3, "march": 3, "mar": 3, "mrt": 3, "april": 4, "apr": 4,
    "mei": 5, "may": 5, "juni": 6, "june": 6, "jun": 6, "juli": 7, "july": 7, "jul": 7,
    "agustus": 8, "august": 8, "agu": 8, "agt": 8, "ags": 8, "agus": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "oktober": 10, "october": 10, "okt": 10, "oct": 10,
    "november": 11, "nopember": 11, "nov": 11, "nop": 11, "desember": 12, "december": 12,
    "des": 12, "dec": 12,
}  # fmt: skip
QUARTERS = {1: (1, 3), 2: (4, 6), 3: (7, 9), 4: (10, 12)}
SEMESTERS = {1: (1, 6), 2: (7, 12)}
ORDINALS = {
    "i": 1, "ii": 2, "iii": 3, "iv": 4, "pertama": 1, "kedua": 2, "ketiga": 3, "keempat": 4,
    "first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4,
}  # fmt: skip
QUARTER_WORDS = ("triwulan", "kuartal", "quarter", "tw", "q", "kw")
SEMESTER_WORDS = ("semester", "smt", "sem", "half", "h")
WHOLE_YEAR = {"sepanjang tahun", "setahun", "satu tahun", "1 tahun", "whole year", "all year",
              "full year", "the whole year", "selama setahun", "sepanjang tahun ini"}  # fmt: skip
FILLERS = {"bulan", "ke", "mulai", "dari", "pada", "from", "in", "tahun", "the", "of", "month"}

# "s/d", "s.d.", "sd", "sampai (dengan)", "hingga", "to", "until", dashes — as whole words, so
# that "Oktober" is not read as "Ok" to "ber".
_RANGE = re.compile(
    r"\s*(?:[-–—]+|\bs\s*/\s*d\b\.?|\bs\.\s*d\b\.?|\bsd\b|\bsampai(?:\s+dengan)?\b"
    r"|\bhingga\b|\bsd\.|\bto\b|\buntil\b|\btill\b|\bthrough\b|\bthru\b)\s*"
)
_LIST = re.compile(r"\s*(?:[,;&+/]|\bdan\b|\band\b|\bserta\b)\s*")
_YEAR = re.compile(r"\b(?:19|20)[0-9]{2}\b")
_GLUED = re.compile(r"^([a-z]+)[-.]?([0-9]|i{1,3}|iv)$")  # "tw2", "q-3", "smt.1", "h1"


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


Span = tuple[int, int, str]  # first month, last month, what named it ("month", "quarter", …)


def _ordinal(word: str) -> int | None:
    return small_number(word) if small_number(word) is not None else ORDINALS.get(word)


def _unit(text: str, kind: str | None) -> Span | None:
    """One month, quarter or semester as written; a bare number after a quarter or a
    semester ("TW I-II") is one of the same kind."""
    words = [w.strip(".") for w in text.split() if w.strip(".") not in FILLERS]
    words = [w for w in words if w]
    glued = _GLUED.match(words[0]) if len(words) == 1 else None
    if glued and glued[1] in (*QUARTER_WORDS, *SEMESTER_WORDS):
        words = [glued[1], glued[2]]
    if len(words) == 1:
        word = words[0]
        if word in MONTH_NAMES:
            month = MONTH_NAMES[word]
            return month, month, "month"
        number = _ordinal(word)
        if kind in ("quarter", "semester") and number is not None:
            return _numbered(kind, number)
        if number is not None and word.isdigit() and 1 <= number <= 12:
            return number, number, "month"
        return None
    if len(words) == 2 and words[1] in QUARTER_WORDS + SEMESTER_WORDS:
        words.reverse()  # "first quarter", "kedua semester"
    if len(words) == 2 and (number := _ordinal(words[1])) is not None:
        if words[0] in QUARTER_WORDS:
            return _numbered("quarter", number)
        if words[0] in SEMESTER_WORDS:
            return _numbered("semester", number)
    return None


def _numbered(kind: str, number: int) -> Span | None:
    table = QUARTERS if kind == "quarter" else SEMESTERS
    if number not in table:
        return None
    start, end = table[number]
    return start, end, kind


def _spans(text: str, kind: str | None = None) -> list[Span] | None:
    spans: list[Span] = []
    for piece in _LIST.split(text):
        span = _unit(piece, spans[-1][2] if spans else kind)
        if span is None:
            return None
        spans.append(span)
    return spans or None


def parse_period(text: str, year: int) -> dict[str, Any] | None:
    """ "TW II", "Q3", "Semester I", "Maret-Mei", "3-5", "Juni", "Okt s/d Des 2027",
    "Maret, April dan Mei" → {"start", "end"} (with "quarter" for exactly one quarter);
    None when not understood or naming another year than ``year``; :class:`ReversedPeriod`
    for "Mei-Maret"."""
    cleaned = " ".join(text.lower().replace("ke-", "ke ").split())
    if any(int(found) != year for found in _YEAR.findall(cleaned)):
        return None
    cleaned = re.sub(r"\s*'\d{2}\b", "", _YEAR.sub(" ", cleaned))  # "Mar '27"
    cleaned = " ".join(cleaned.split()).strip(" ,.")
    if cleaned in WHOLE_YEAR:
        return whole_year()
    sides = _RANGE.split(cleaned)
    if not 1 <= len(sides) <= 2 or any(not side.strip() for side in sides):
        return None
    spans = _spans(sides[0])
    if spans is not None and len(sides) == 2:
        rest = _spans(sides[1], spans[-1][2])
        spans = None if rest is None else [*spans, *rest]
    if spans is None:
        return None
    for before, after in pairwise(spans):
        if after[0] < before[0]:
            raise ReversedPeriod(before[0], after[1])
    start, end = spans[0][0], max(span[1] for span in spans)
    if len(spans) == 1 and spans[0][2] == "quarter":
        return quarter(next(n for n, (first, _) in QUARTERS.items() if first == start))
    return {"start": start, "end": end}
