"""The plan's lifecycle table: its diagram in docs/ is generated from it, every state is
reachable and either with the employee or sent, and who may fire an event is the table's."""

from __future__ import annotations

from pathlib import Path

import pytest

from handlers import model
from handlers.model import Role
from handlers.plan.lifecycle import (
    EDITABLE,
    SENT,
    TRANSITIONS,
    Actor,
    Event,
    Refused,
    State,
    actors,
    mermaid,
    permitted,
)
from tests.unit.fakes import employee

DIAGRAM = Path(__file__).parents[2] / "docs" / "plan-lifecycle.mmd"
BUDI = employee(2, "Budi Santoso", "199004172015031003", supervisor_nip="198206202008012002")
SRI = employee(1, "Sri Wahyuni", "198206202008012002", roles=frozenset({Role.ATASAN}))


def test_the_diagram_in_docs_is_the_table() -> None:
    """Regenerate with: python -c "from handlers.plan.lifecycle import mermaid;
    open('docs/plan-lifecycle.mmd', 'w').write(mermaid())" """
    assert DIAGRAM.read_text() == mermaid()


def test_every_state_is_reached_and_is_either_sent_or_with_the_employee() -> None:
    reached = {State.DRAFT} | {t.target for t in TRANSITIONS}
    assert reached == set(State)
    assert set(State) == SENT | EDITABLE and not SENT & EDITABLE
    assert {s.value for s in SENT} == model.SENT, "handlers/model.py SENT says the same"
    assert len({(t.source, t.event) for t in TRANSITIONS}) == len(TRANSITIONS), "deterministic"


def test_the_supervisor_returns_a_sent_plan_and_the_employee_sends_it_again() -> None:
    assert permitted(State.SUBMITTED, Event.RETURN, actors(SRI, BUDI)).target is State.RETURNED
    assert permitted(State.RETURNED, Event.SUBMIT, actors(BUDI, BUDI)).target is State.SUBMITTED


@pytest.mark.parametrize(
    ("state", "event", "who", "reason"),
    [
        (State.SUBMITTED, Event.RETURN, frozenset({Actor.EMPLOYEE}), "actor"),
        (State.DRAFT, Event.RETURN, frozenset({Actor.SUPERVISOR}), "state"),
        (State.SUBMITTED, Event.SUBMIT, frozenset({Actor.EMPLOYEE}), "state"),
        (State.AGREED, Event.VERIFY, frozenset({Actor.SUPERVISOR}), "actor"),
    ],
)
def test_what_the_table_does_not_allow_is_refused(
    state: State, event: Event, who: frozenset[Actor], reason: str
) -> None:
    with pytest.raises(Refused) as refused:
        permitted(state, event, who)
    assert refused.value.reason == reason


def test_who_someone_is_to_a_plan() -> None:
    assert actors(BUDI, BUDI) == {Actor.EMPLOYEE}
    assert actors(SRI, BUDI) == {Actor.SUPERVISOR}
    roles = frozenset({Role.KOORDINATOR_PEMBELAJARAN, Role.ADMIN})
    coordinator = employee(3, "Hendra", "197002151995031001", roles=roles)
    assert actors(coordinator, BUDI) == {Actor.COORDINATOR, Actor.ADMIN}
    assert actors(SRI, coordinator) == frozenset()  # not her report
