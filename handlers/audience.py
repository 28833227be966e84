"""Audiences: who a broadcast or a reminder goes to, written as ``kind:value``.

``all`` · ``unit:<unit kerja>`` · ``group:<kelompok keahlian>`` · ``role:<peran>`` ·
``stage:<name>[:<year>]`` — people whose plan (Formulir 1) for the cycle year is at a stage.
Storage resolves an audience to people inside the database (one ``INSERT … SELECT``), never
by loading the organisation into Python.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from handlers.model import Role

NAME_LIMIT = 200  # a unit's or group's name: as long as the organisation import lets one be


class AudienceKind(StrEnum):
    ALL = "all"
    UNIT = "unit"
    GROUP = "group"
    ROLE = "role"
    STAGE = "stage"


class Stage(StrEnum):
    """Where a person's plan for the cycle year stands (extend with the plan workflow)."""

    NOT_STARTED = "not_started"  # no plan row for the year
    NOT_SUBMITTED = "not_submitted"  # no plan, or a plan not yet submitted


class AudienceError(ValueError):
    """Text that names no audience; ``reason`` is a template-friendly code."""

    def __init__(self, reason: str, given: str) -> None:
        super().__init__(f"{reason}: {given!r}")
        self.reason = reason
        self.given = given


@dataclass(frozen=True)
class Audience:
    kind: AudienceKind
    value: str = ""
    year: int | None = None  # stage audiences: the cycle year of the plan

    def __str__(self) -> str:
        if self.kind is AudienceKind.ALL:
            return "all"
        suffix = f":{self.year}" if self.year is not None else ""
        return f"{self.kind.value}:{self.value}{suffix}"


def parse_audience(text: str, cycle_year: int) -> Audience:
    """``"unit:Pusat Data"`` → Audience(UNIT, "Pusat Data"); stages get ``cycle_year`` unless
    they name one (``stage:not_submitted:2027``)."""
    stripped = text.strip()
    if stripped.lower() in ("all", "semua"):
        return Audience(AudienceKind.ALL)
    head, _, value = stripped.partition(":")
    try:
        kind = AudienceKind(head.strip().lower())
    except ValueError:
        raise AudienceError("kind", stripped) from None
    value = value.strip()
    if kind is AudienceKind.ALL or not value:
        raise AudienceError("value", stripped)
    if len(value) > NAME_LIMIT:  # no unit or group is named so: refused before it is stored
        raise AudienceError("too_long", str(NAME_LIMIT))
    if kind is AudienceKind.ROLE and value not in {role.value for role in Role}:
        raise AudienceError("role", value)
    if kind is not AudienceKind.STAGE:
        return Audience(kind, value)
    name, _, year = value.partition(":")
    if name not in {stage.value for stage in Stage}:
        raise AudienceError("stage", name)
    if year and not (year.isdigit() and len(year) == 4):
        raise AudienceError("year", year)
    return Audience(kind, name, int(year) if year else cycle_year)
