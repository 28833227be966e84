"""Numbers people type or buttons carry: ASCII digits only, and few of them.

``str.isdigit()`` is True for "²" and "①", which ``int()`` refuses, and ``int()`` refuses
more than 4,300 digits; a typed or forged input must never get that far.
"""

from __future__ import annotations

import re

_DIGITS = re.compile(r"[0-9]{1,9}", re.ASCII)


def small_number(text: str) -> int | None:
    """The number written in ``text`` (1–9 ASCII digits, nothing else), or None."""
    return int(text) if _DIGITS.fullmatch(text) else None


def index_in(text: str, size: int, start: int = 0) -> int | None:
    """``text`` as a position in a list of ``size`` counted from ``start``, or None."""
    number = small_number(text)
    return number - start if number is not None and start <= number < size + start else None
