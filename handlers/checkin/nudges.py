"""Late check-ins and late reviews, reminded and escalated as in the dialog kinerja: a pure
function of the check-ins waiting, who handles them, the working-day calendar and the day.

* a check-in not sent ``REMIND`` full working days after its date: the employee is reminded;
  after ``ESCALATE``: their supervisor (or acting one, or the coordinators) is told;
* a check-in sent and not reviewed ``REMIND`` full working days after it was sent: the
  supervisor is reminded; after ``ESCALATE``: the learning coordinators are told.

Each nudge goes once per check-in, kind and recipient (its key); a check-in snoozed past the
day ("ingatkan besok") waits for its own reminder.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from handlers.calendar import WorkCalendar
from handlers.checkin.model import CheckinState
from handlers.checkin.ports import Checkin
from handlers.dialog.nudges import full_working_days
from handlers.dialog.oversight_ports import Someone

REMIND, ESCALATE = 5, 10  # full working days


class Kind(StrEnum):
    CHECKIN_LATE = "checkin_late"  # to the employee
    CHECKIN_ESCALATE = "checkin_escalate"  # to the supervisor
    REVIEW_LATE = "review_late"  # to the supervisor
    REVIEW_ESCALATE = "review_escalate"  # to the learning coordinators


@dataclass(frozen=True)
class Waiting:
    """A check-in not closed, with the people around it."""

    checkin: Checkin
    owner: Someone
    supervisors: tuple[Someone, ...]
    since: date  # the check-in date (not sent), or the day it was sent (not reviewed)
    snoozed_until: date | None = None


@dataclass(frozen=True)
class Nudge:
    kind: Kind
    recipient: Someone
    waiting: Waiting
    days: int

    @property
    def key(self) -> str:
        return f"{self.kind.value}:{self.waiting.checkin.id}:{self.recipient.id}"

    @property
    def template(self) -> str:
        return f"checkin/nudge_{self.kind.value}"


def since(checkin: Checkin) -> date | None:
    """From when a check-in counts as waiting: its date, or the day it was sent."""
    if checkin.state in (CheckinState.ASKED, CheckinState.IN_PROGRESS):
        return checkin.due_on
    if checkin.state == CheckinState.SUBMITTED and checkin.submitted_at is not None:
        return checkin.submitted_at.date()
    return None


def due(
    waiting: list[Waiting],
    coordinators: tuple[Someone, ...],
    calendar: WorkCalendar,
    day: date,
    sent: frozenset[str] = frozenset(),
) -> list[Nudge]:
    """The nudges due on ``day`` and not sent before."""
    found: list[Nudge] = []
    for entry in waiting:
        if entry.checkin.state == CheckinState.REVIEWED:
            continue
        if entry.snoozed_until is not None and entry.snoozed_until > day:
            continue
        days = full_working_days(calendar, entry.since, day)
        reviewing = entry.checkin.state == CheckinState.SUBMITTED
        late = (Kind.REVIEW_LATE if reviewing else Kind.CHECKIN_LATE, ESCALATE > days >= REMIND)
        up = (Kind.REVIEW_ESCALATE if reviewing else Kind.CHECKIN_ESCALATE, days >= ESCALATE)
        for kind, applies in (late, up):
            if not applies:
                continue
            for recipient in recipients(kind, entry, coordinators):
                nudge = Nudge(kind, recipient, entry, days)
                if nudge.key not in sent:
                    found.append(nudge)
    return found


def recipients(kind: Kind, entry: Waiting, coordinators: tuple[Someone, ...]) -> list[Someone]:
    if kind is Kind.CHECKIN_LATE:
        return [entry.owner]
    if kind in (Kind.CHECKIN_ESCALATE, Kind.REVIEW_LATE):
        return list(entry.supervisors)
    return [c for c in coordinators if c.id != entry.owner.id]
