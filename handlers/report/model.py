"""What the check-in figures read: each item of a year's agreed or verified plans, and what
each quarter's check-in recorded for it, as plain values (storage/checkin_report.py reads
them; tests build them by hand).

LAN 605/2025 BAB I: PNS have the right to at least 20 JP (*jam pelajaran*, learning hours)
a year, PPPK to at most 24 JP a year ("paling sedikit 20 (dua puluh) JP … paling banyak 24
(dua puluh empat) JP per tahun").
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from handlers.checkin.model import Fit, ItemStatus
from handlers.model import JenisPegawai

QUARTERS = (1, 2, 3, 4)
PNS_MINIMUM_JP = 20  # a PNS's right: at least this many JP a year
PPPK_MAXIMUM_JP = 24  # a PPPK's right: at most this many JP a year


class Standing(StrEnum):
    """Where an item stands on a day: its last check-in, and the calendar for ``LATE``
    (due by a quarter whose check-in date has passed, and neither done nor cancelled)."""

    DONE = "done"
    RUNNING = "running"
    LATE = "late"
    CANCELLED = "cancelled"
    NOT_YET = "not_yet"  # not due yet, nothing recorded or "belum"


@dataclass(frozen=True)
class PlannedItem:
    """An item of an agreed or verified plan as its latest version says (verified, else
    agreed): whose it is, the quarter it is due by, its JP (None: none given)."""

    item_id: int
    employee_id: int
    position: int  # the item's number in the plan (1, 2, …)
    competency: str
    due_quarter: int  # the quarter of its last month
    jp: int | None


@dataclass(frozen=True)
class CheckinAnswer:
    """What one quarter's check-in recorded for one item (Formulir 1 E)."""

    item_id: int
    quarter: int
    status: ItemStatus
    jp: int | None  # JP realized for the item so far, as the employee reported it


@dataclass(frozen=True)
class Holder:
    """An employee with an agreed or verified plan in the year (counted even with no JP)."""

    employee_id: int
    nama: str
    unit: str
    jenis_pegawai: JenisPegawai


@dataclass(frozen=True)
class CheckinEntry:
    """One item's answer in one quarter's check-in, in full (Formulir 1 E): what happened,
    (a) its fit with the plan, (b) its benefit for the work, and the supervisor's feedback."""

    item_id: int
    quarter: int
    status: ItemStatus
    reason: str | None = None  # why cancelled or replaced
    held_on: date | None = None  # when it happened
    method_class: str | None = None  # the method actually used (handlers/reference/methods)
    method_form: str | None = None
    jp: int | None = None
    fit: Fit | None = None
    fit_reason: str | None = None
    benefit: int | None = None  # on the check-in's scale (1–5)
    benefit_example: str | None = None
    evidence: str | None = None  # the evidence file's name
    feedback: str | None = None  # the supervisor's feedback on the item

    def answer(self) -> CheckinAnswer:
        return CheckinAnswer(self.item_id, self.quarter, self.status, self.jp)


@dataclass(frozen=True)
class CheckinLine:
    """A check-in entry with whose item it is: a row of the coordinator's workbook."""

    nip: str
    nama: str
    unit: str
    position: int
    competency: str  # the description typed, "" for a national competency named by its key
    competency_key: str | None
    entry: CheckinEntry
