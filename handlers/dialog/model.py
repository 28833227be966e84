"""The dialog kinerja's records: a dialogue window, an appointment."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime


@dataclass(frozen=True)
class Window:
    """``starts`` to ``ends``, both included; ``unit`` is set for a unit's own window."""

    starts: date
    ends: date
    unit: str | None = None

    def holds(self, day: date) -> bool:
        return self.starts <= day <= self.ends


@dataclass(frozen=True)
class Appointment:
    """A plan's dialog kinerja date. ``starts_at``: the time both agreed (None: none yet);
    ``proposed_at``: a time one side offered and the other has not answered, by
    ``proposed_by``. ``sequence`` counts the agreed time's changes (the .ics SEQUENCE);
    ``revision`` counts every change, so an old button cannot accept a newer offer."""

    plan_id: int
    uid: str
    starts_at: datetime | None = None
    proposed_at: datetime | None = None
    proposed_by: int | None = None
    sequence: int = 0
    revision: int = 0
