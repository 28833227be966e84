"""Nudges and escalation in the dialog kinerja, as a pure function of (state, day).

On a working day, on each recipient's own calendar day (their zone):

* a plan sent and not scheduled for ``remind_supervisor`` full working days: its supervisor
  (direct, or acting; the coordinators when it has none) is reminded;
* still not scheduled after ``escalate`` full working days: every coordinator is told, in
  one digest a day listing every such plan;
* an agreement the employee has not confirmed for ``remind_confirm`` full working days: the
  employee is reminded;
* the dialogue window closes in ``window_closing`` working days or fewer and a plan is still
  in the dialogue: its employee and supervisor are reminded.

"Full working days" are those strictly between the day the plan entered its state and the
day of the nudge: a plan sent on Monday is reminded on Friday (Tuesday, Wednesday and
Thursday passed). Each nudge is sent once per plan, state entry and recipient (its key); a
plan returned and sent again starts over. The scheduler's tick and ``idp-bot schedule
preview`` both call :func:`due`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, time, timedelta
from enum import StrEnum
from functools import lru_cache

from handlers.calendar import WorkCalendar, local
from handlers.dialog.oversight_ports import NudgeSettings, Someone, WaitingPlan
from handlers.plan.lifecycle import State

NUDGE_AT = time(9, 0)  # on the recipient's wall clock, moved off quiet hours
IN_DIALOGUE = frozenset({State.SUBMITTED, State.SCHEDULED, State.IN_DIALOGUE,
                         State.AWAITING_CONFIRMATION})  # fmt: skip


class Kind(StrEnum):
    SCHEDULE = "schedule"  # the supervisor has not scheduled the dialogue
    ESCALATE = "escalate"  # the coordinators' digest of plans still not scheduled
    CONFIRM = "confirm"  # the employee has not confirmed the agreement
    WINDOW = "window"  # the dialogue window is closing with the dialogue pending


@dataclass(frozen=True)
class NudgeState:
    """What the rules read. ``handlers``: per plan, who acts as its supervisor on the day
    (direct and acting; the coordinators when it has none). ``sent``: keys already sent."""

    plans: tuple[WaitingPlan, ...]
    handlers: Mapping[int, tuple[Someone, ...]]
    coordinators: tuple[Someone, ...]
    settings: NudgeSettings
    window_closes: date | None
    calendar: WorkCalendar = field(default_factory=WorkCalendar)
    sent: frozenset[str] = frozenset()
    by_coordinators: frozenset[int] = frozenset()  # plans with no supervisor: theirs
    unit_closes: Mapping[str, date] = field(default_factory=dict)  # units' own windows

    def closes_for(self, plan: WaitingPlan) -> date | None:
        """When the plan's dialogue window closes: its unit's own, else the cycle's."""
        return self.unit_closes.get(plan.unit, self.window_closes)


@dataclass(frozen=True)
class Overdue:
    """One plan in a nudge, and the full working days it has waited (or, for the window,
    the working days left)."""

    plan: WaitingPlan
    days: int
    handled_by_coordinator: bool = False


@dataclass(frozen=True)
class Nudge:
    kind: Kind
    recipient: Someone
    day: date
    plans: tuple[Overdue, ...]
    keys: tuple[tuple[str, int], ...]  # (record key, plan id) per plan

    @property
    def template(self) -> str:
        return f"dialog/team/nudge_{self.kind.value}"

    @property
    def dedupe_key(self) -> str:
        return f"nudge:{self.kind.value}:{self.recipient.id}:{self.day.isoformat()}"


@lru_cache(maxsize=4096)  # many plans share a sending day: counted once per tick
def full_working_days(calendar: WorkCalendar, start: date, end: date) -> int:
    """Working days strictly after ``start`` and strictly before ``end``."""
    days = (end - start).days - 1
    if days <= 0:
        return 0
    return sum(calendar.is_working_day(start + timedelta(days=n)) for n in range(1, days + 1))


def working_days_left(calendar: WorkCalendar, day: date, closes: date) -> int:
    """Working days after ``day`` up to and including ``closes``."""
    return full_working_days(calendar, day, closes + timedelta(days=1))


def key(kind: Kind, plan: WaitingPlan, recipient: Someone) -> str:
    return f"{kind.value}:{plan.plan_id}:{plan.since:%Y%m%d%H%M%S}:{recipient.id}"


def since_day(plan: WaitingPlan, zone_of: Someone) -> date:
    return local(plan.since, zone_of.zone).date()


def candidates(state: NudgeState, day: date) -> list[tuple[Kind, Someone, Overdue]]:
    """Every (kind, recipient, plan) the rules call for on ``day``, sent or not."""
    found: list[tuple[Kind, Someone, Overdue]] = []
    rules = state.settings
    for plan in state.plans:
        handlers = state.handlers.get(plan.plan_id, ())
        by_coordinator = plan.plan_id in state.by_coordinators
        if plan.status == State.SUBMITTED:
            for who in handlers:
                waited = full_working_days(state.calendar, since_day(plan, who), day)
                if waited >= rules.remind_supervisor:
                    found.append((Kind.SCHEDULE, who, Overdue(plan, waited, by_coordinator)))
            if not by_coordinator:
                for coordinator in state.coordinators:
                    waited = full_working_days(state.calendar, since_day(plan, coordinator), day)
                    if waited >= rules.escalate:
                        found.append((Kind.ESCALATE, coordinator, Overdue(plan, waited)))
        if plan.status == State.AWAITING_CONFIRMATION:
            waited = full_working_days(state.calendar, since_day(plan, plan.owner), day)
            if waited >= rules.remind_confirm:
                found.append((Kind.CONFIRM, plan.owner, Overdue(plan, waited)))
        closes = state.closes_for(plan)
        if plan.status in IN_DIALOGUE and closes is not None and day <= closes:
            left = working_days_left(state.calendar, day, closes)
            if left <= rules.window_closing:
                for who in (plan.owner, *handlers):
                    found.append((Kind.WINDOW, who, Overdue(plan, left, by_coordinator)))
    return found


def due(state: NudgeState, day: date) -> list[Nudge]:
    """The nudges to send on ``day`` (a recipient's local date): one per kind and recipient,
    listing its plans, leaving out what was sent before. None on a non-working day."""
    if not state.calendar.is_working_day(day):
        return []
    grouped: dict[tuple[Kind, int], list[tuple[Someone, Overdue, str]]] = {}
    for kind, who, overdue in candidates(state, day):
        record = key(kind, overdue.plan, who)
        if record not in state.sent:
            grouped.setdefault((kind, who.id), []).append((who, overdue, record))
    nudges = []
    for (kind, _), entries in grouped.items():
        entries.sort(key=lambda entry: (-entry[1].days, entry[1].plan.owner.nama))
        nudges.append(Nudge(kind, entries[0][0], day, tuple(e[1] for e in entries),
                            tuple((e[2], e[1].plan.plan_id) for e in entries)))  # fmt: skip
    return sorted(nudges, key=lambda n: (n.recipient.nama, n.kind.value))


def late_supervisors(state: NudgeState, day: date) -> dict[str, int]:
    """Supervisors (by name) with plans not scheduled past the reminder, and how many —
    for the coordinator's progress; sent or not."""
    late: dict[str, int] = {}
    for kind, who, overdue in candidates(state, day):
        if kind is Kind.SCHEDULE and not overdue.handled_by_coordinator:
            late[who.nama] = late.get(who.nama, 0) + 1
    return late
