"""The plan's lifecycle as one table: ``(state, event) → state``, who may fire each event,
and what each queues. Every other module asks this one; ``docs/plan-lifecycle.mmd`` is
drawn from it by :func:`mermaid` (a test keeps the file equal to it).

draft → submitted → agreed → verified is the road of LAN 605/2025 (Formulir 1 C, the dialog
kinerja, Formulir 1 D). A submitted plan can be returned to the employee with a note; they
change it and send it again. ``scheduled``, ``in_dialogue`` and ``awaiting_confirm`` are
the dialog kinerja's steps, declared here for the issue that wires them.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from handlers.access import Relation, relation
from handlers.model import Employee


class State(StrEnum):
    DRAFT = "draft"  # being filled in (Formulir 1 A–C)
    SUBMITTED = "submitted"  # sent: waiting for the supervisor to schedule the dialog kinerja
    RETURNED = "returned"  # back with the employee, with a note: a draft again
    SCHEDULED = "scheduled"  # the dialog kinerja has a date
    IN_DIALOGUE = "in_dialogue"  # the dialog kinerja is under way
    AWAITING_CONFIRMATION = "awaiting_confirm"  # the agreed plan waits for the employee
    AGREED = "agreed"  # agreed in the dialog kinerja: for the expertise group to verify
    VERIFIED = "verified"  # Formulir 1 D: verified by the expertise group


class Event(StrEnum):
    SUBMIT = "submit"
    RETURN = "return"
    SCHEDULE = "schedule"
    RESCHEDULE = "reschedule"  # the agreed date moved: the plan stays scheduled
    CANCEL_SCHEDULE = "cancel_schedule"  # the agreed date called off: waiting for a new one
    OPEN_DIALOGUE = "open_dialogue"
    PROPOSE_AGREEMENT = "propose_agreement"
    CONFIRM = "confirm"
    VERIFY = "verify"
    # audited without moving the state: one item's decision in the dialog kinerja
    DECIDE_ITEM = "decide_item"
    # audited without moving the state: the coordinator's level and organiser of a programme
    # replaced its items' verified versions (Formulir 2, storage/programmes.py)
    DECIDE_PROGRAMME = "decide_programme"
    # audited without moving the state: a check-in's amendment agreed (handlers/checkin/)
    AMEND_ITEM = "amend_item"


# Who fires an event, relative to the plan's owner: :class:`handlers.access.Relation`.
Actor = Relation


@dataclass(frozen=True)
class Queued:
    """A message the transition queues: to whom (relative to the owner), which template."""

    to: Actor
    template: str


@dataclass(frozen=True)
class Transition:
    source: State
    event: Event
    target: State
    by: frozenset[Actor]
    queues: tuple[Queued, ...] = ()
    wired: bool = True  # False: declared for the dialog kinerja issue, no use case fires it yet


def _t(source: State, event: Event, target: State, by: set[Actor],
       queues: tuple[Queued, ...] = (), wired: bool = True) -> Transition:  # fmt: skip
    return Transition(source, event, target, frozenset(by), queues, wired)


E, S, C, K, A = (Actor.EMPLOYEE, Actor.SUPERVISOR, Actor.COORDINATOR, Actor.EXPERTISE_GROUP,
                 Actor.ADMIN)  # fmt: skip
NOTICE = Queued(S, "form1/supervisor_notice")
RETURNED_NOTE = Queued(E, "plan/returned")
AGREEMENT = Queued(E, "dialog/agree/proposed")  # what changed, to confirm
CONFIRMED = Queued(S, "dialog/agree/confirmed")  # the final plan (the employee's is a reply)
AGAIN = Queued(S, "dialog/agree/again")  # the employee's note: discuss again
# scheduling: both sides get the appointment (or its cancellation) with its .ics file
APPOINTMENT = (Queued(S, "dialog/schedule/confirmed"), Queued(E, "dialog/schedule/confirmed"))
CANCELLED = (Queued(S, "dialog/schedule/cancelled"), Queued(E, "dialog/schedule/cancelled"))

TRANSITIONS: tuple[Transition, ...] = (
    _t(State.DRAFT, Event.SUBMIT, State.SUBMITTED, {E}, (NOTICE,)),
    _t(State.RETURNED, Event.SUBMIT, State.SUBMITTED, {E}, (NOTICE,)),
    _t(State.SUBMITTED, Event.RETURN, State.RETURNED, {S, C, A}, (RETURNED_NOTE,)),
    _t(State.SUBMITTED, Event.SCHEDULE, State.SCHEDULED, {S, E}, APPOINTMENT),
    _t(State.SCHEDULED, Event.RESCHEDULE, State.SCHEDULED, {S, E}, APPOINTMENT),
    _t(State.SCHEDULED, Event.CANCEL_SCHEDULE, State.SUBMITTED, {S, E}, CANCELLED),
    _t(State.SCHEDULED, Event.RETURN, State.RETURNED, {S, C, A}, (RETURNED_NOTE,)),
    _t(State.SUBMITTED, Event.OPEN_DIALOGUE, State.IN_DIALOGUE, {S}),  # no slot booked
    _t(State.SCHEDULED, Event.OPEN_DIALOGUE, State.IN_DIALOGUE, {S}),
    _t(State.IN_DIALOGUE, Event.PROPOSE_AGREEMENT, State.AWAITING_CONFIRMATION, {S},
       (AGREEMENT,)),
    _t(State.AWAITING_CONFIRMATION, Event.CONFIRM, State.AGREED, {E}, (CONFIRMED,)),
    _t(State.AWAITING_CONFIRMATION, Event.RETURN, State.IN_DIALOGUE, {E}, (AGAIN,)),
    _t(State.AGREED, Event.VERIFY, State.VERIFIED, {K}, wired=False),
    _t(State.AGREED, Event.RETURN, State.RETURNED, {K, C, A}, (RETURNED_NOTE,), wired=False),
)  # fmt: skip
TABLE = {(t.source, t.event): t for t in TRANSITIONS}
# Out of the employee's hands: sent, and not returned.
SENT = frozenset(set(State) - {State.DRAFT, State.RETURNED})
EDITABLE = frozenset({State.DRAFT, State.RETURNED})


class Refused(Exception):
    """No such transition from this state, or not this person's to fire."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason  # "state" or "actor"


def transition(state: str, event: Event) -> Transition:
    found = TABLE.get((State(state), event))
    if found is None:
        raise Refused("state")
    return found


def actors(
    person: Employee, owner: Employee, *, acting: bool = False, unsupervised: bool = False
) -> frozenset[Actor]:
    """What ``person`` is to ``owner``'s plan (:func:`handlers.access.relation`; the acting
    supervisor and the coordinators of someone without one: handlers/dialog/acting.py)."""
    return relation(person, owner, acting=acting, unsupervised=unsupervised)


def permitted(state: str, event: Event, who: frozenset[Actor]) -> Transition:
    """The transition ``who`` may fire from ``state``; :class:`Refused` otherwise."""
    found = transition(state, event)
    if not found.by & who:
        raise Refused("actor")
    return found


def mermaid() -> str:
    """The table as a Mermaid state diagram (docs/plan-lifecycle.mmd)."""
    lines = [
        "%% Generated from handlers/plan/lifecycle.py by mermaid(); do not edit by hand.",
        "%% (planned): declared for the dialog kinerja issue; no use case fires it yet.",
        "stateDiagram-v2",
        f"    [*] --> {State.DRAFT.value}",
    ]
    for t in TRANSITIONS:
        who = ", ".join(sorted(a.value for a in t.by))
        mark = "" if t.wired else " (planned)"
        queued = "".join(f" · tells {q.to.value} ({q.template})" for q in t.queues)
        label = f"{t.event.value} by {who}{queued}{mark}"
        lines.append(f"    {t.source.value} --> {t.target.value}: {label}")
    lines.append(f"    {State.VERIFIED.value} --> [*]")
    return "\n".join(lines) + "\n"
