"""NIP (PNS) and NI PPPK structure checks (DOMAIN.md, Formulir 1 A).

A PNS NIP is 18 digits: birth date ``YYYYMMDD``, TMT CPNS ``YYYYMM``, sex digit (1 male,
2 female) and a 3-digit serial. The TMT month must be a real month, after the birth date
and not before age 18. An NI PPPK is also 18 digits, starting with the birth date and the
year of appointment, but digits 13–14 are no month (commonly ``21``): only the birth date,
the year and the sex digit are checked there.
"""

from __future__ import annotations

from datetime import date

from handlers.model import JenisPegawai

MIN_AGE_AT_APPOINTMENT = 18


class NipError(ValueError):
    """Why a NIP is malformed; ``code`` names a message template under ``errors/nip_*``."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def check_nip(nip: str, jenis: JenisPegawai, today: date | None = None) -> str:
    """Return the NIP without spaces if its structure is valid, else raise :class:`NipError`."""
    digits = nip.replace(" ", "")
    if len(digits) != 18 or not digits.isascii() or not digits.isdigit():
        raise NipError("length")
    try:
        born = date(int(digits[0:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        raise NipError("birth_date") from None
    today = today or date.today()
    if born >= today or born.year < 1900:
        raise NipError("birth_date")
    year = int(digits[8:12])
    if digits[14] not in "12":
        raise NipError("sex_digit")
    if jenis is JenisPegawai.PNS:
        month = int(digits[12:14])
        if not 1 <= month <= 12:
            raise NipError("tmt_month")
        if (year, month) > (today.year, today.month):
            raise NipError("tmt_future")
        if (year, month) < (born.year + MIN_AGE_AT_APPOINTMENT, born.month):
            raise NipError("tmt_too_young")
    else:
        if year > today.year:
            raise NipError("tmt_future")
        if year < born.year + MIN_AGE_AT_APPOINTMENT:
            raise NipError("tmt_too_young")
    return digits
