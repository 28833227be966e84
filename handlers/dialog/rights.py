"""Who may do what on a plan: each action, the people relative to the plan's owner who may
take it, and one check every use case of the dialog kinerja calls. Moves of the lifecycle
take their rights from its table (handlers/plan/lifecycle.py); reading a plan and its
history is for the employee, their supervisor (direct or acting), the coordinators, their
expertise group and the admin — and, for anyone but the employee, only once it is sent."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from handlers.access import PLAN_READERS
from handlers.dialog.acting import plan_actors
from handlers.effects import Msg
from handlers.model import SENT, Employee
from handlers.plan.lifecycle import Actor, Event, Refused, State, permitted, transition
from handlers.ports import Plan, UnitOfWork


class Action(StrEnum):
    VIEW = "view"
    HISTORY = "history"
    RETURN = "return"
    SCHEDULE = "schedule"
    OPEN_DIALOGUE = "open_dialogue"
    PROPOSE_AGREEMENT = "propose_agreement"
    CONFIRM = "confirm"
    DISCUSS_AGAIN = "discuss_again"
    VERIFY = "verify"


READ = frozenset({Action.VIEW, Action.HISTORY})
READERS = PLAN_READERS
# Each move: the lifecycle event and the state it is usually taken from (its rights).
MOVES: dict[Action, tuple[State, Event]] = {
    Action.RETURN: (State.SUBMITTED, Event.RETURN),
    Action.SCHEDULE: (State.SUBMITTED, Event.SCHEDULE),
    Action.OPEN_DIALOGUE: (State.SCHEDULED, Event.OPEN_DIALOGUE),
    Action.PROPOSE_AGREEMENT: (State.IN_DIALOGUE, Event.PROPOSE_AGREEMENT),
    Action.CONFIRM: (State.AWAITING_CONFIRMATION, Event.CONFIRM),
    Action.DISCUSS_AGAIN: (State.AWAITING_CONFIRMATION, Event.RETURN),
    Action.VERIFY: (State.AGREED, Event.VERIFY),
}


def allowed(action: Action) -> frozenset[Actor]:
    """Who (relative to the owner) may take ``action``."""
    if action in READ:
        return READERS
    source, event = MOVES[action]
    return transition(source, event).by


class AccessRefused(Exception):
    """Why ``action`` is refused: no_plan, actor (not theirs), not_sent (someone else's
    draft), state (not from the plan's state now)."""

    def __init__(self, action: Action, reason: str) -> None:
        super().__init__(f"{action.value}: {reason}")
        self.action, self.reason = action, reason

    def msg(self) -> Msg:
        return Msg("dialog/team/refused", {"action": self.action.value, "reason": self.reason})


@dataclass(frozen=True)
class Access:
    plan: Plan
    owner: Employee
    who: frozenset[Actor]


async def check(
    uow: UnitOfWork, person: Employee | None, plan_id: int, action: Action, at: datetime
) -> Access:
    """The plan, its owner and what ``person`` is to it, if they may take ``action`` now;
    :class:`AccessRefused` otherwise. ``None``: an operator at the command line."""
    plan = await uow.plans.get(plan_id)
    owner = await uow.employees.by_id(plan.employee_id) if plan else None
    if plan is None or owner is None:
        raise AccessRefused(action, "no_plan")
    who = await plan_actors(uow, person, owner, at)
    if not who & allowed(action):
        raise AccessRefused(action, "actor")
    if action in READ:
        if Actor.EMPLOYEE not in who and plan.status not in SENT:
            raise AccessRefused(action, "not_sent")
        return Access(plan, owner, who)
    try:
        permitted(plan.status, MOVES[action][1], who)
    except Refused as refusal:
        raise AccessRefused(action, refusal.reason) from refusal
    return Access(plan, owner, who)
