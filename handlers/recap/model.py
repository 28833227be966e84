"""What the recaps read: rows of verified items as the storage hands them over, typed."""

from __future__ import annotations

from dataclasses import dataclass

LEVELS = ("strategis", "operasional", "teknis")  # the order of Formulir 2's tables


@dataclass(frozen=True)
class GroupRow:
    """One verified item of a group member (Formulir 2, rekap oleh Kelompok Keahlian)."""

    employee_id: int
    nama: str
    position: int
    relevance: tuple[str, ...]
    goal: str
    output: str
    competency_classification: str
    method_class: str
    method_form: str
    learning_source: str
    organiser: str
    start_month: int
    end_month: int
    quarter: int | None
    level: str
    priority: str


@dataclass(frozen=True)
class LevelCount:
    """Verified items of one unit sharing a programme (``programme_id``) or, outside any
    programme, the same competency, method, source and time: how many employees."""

    level: str
    programme_id: int | None
    competency: str  # the competency's key, or its description when typed
    description: str
    method_class: str
    method_form: str
    learning_source: str
    start_month: int
    end_month: int
    unit: str
    employees: int


@dataclass(frozen=True)
class Programme:
    """A programme the coordinator formed: one need of several units, one level, one
    organiser (pelaksana)."""

    id: int
    year: int
    name: str
    level: str
    organiser: str
    method_form: str
    items: int = 0
    units: tuple[str, ...] = ()


@dataclass(frozen=True)
class NeedCount:
    """Verified items outside any programme with one competency, in one unit."""

    competency_key: str | None
    description: str
    unit: str
    items: int
