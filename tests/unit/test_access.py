"""Who may do what, as one table: every action that exists today × the people around one
employee's plan. ``handlers.access`` answers; the plan's return goes through the lifecycle
table with the relations access finds."""

from __future__ import annotations

import pytest

from handlers.access import (
    DOCUMENT_READERS,
    Action,
    Operator,
    Relation,
    may,
    may_read_plan,
    may_recap_group,
    relation,
)
from handlers.model import Employee, Role
from handlers.plan.lifecycle import Event, Refused, State, actors, permitted
from tests.unit.fakes import employee

SUPERVISOR = employee(1, "Sri", "197501012000032001", [Role.ATASAN])
OTHER_SUPERVISOR = employee(2, "Agus", "197602022001031002", [Role.ATASAN])
COORDINATOR = employee(3, "Hendra", "197002151995031001", [Role.KOORDINATOR_PEMBELAJARAN])
ADMIN = employee(4, "Rina", "198003032005012004", [Role.ADMIN])
EXPERT = employee(5, "Dewi", "198104042006042005", [Role.KELOMPOK_KEAHLIAN],
                  kelompok_keahlian="Analis SDM")  # fmt: skip
STRANGER = employee(6, "Joko", "199005052015031006")
BOARD = employee(9, "Rahmat", "198801012012011006", [Role.DEWAN_PENGARAH])
OWNER = employee(7, "Budi", "199204172019031007", supervisor_nip=SUPERVISOR.nip,
                 kelompok_keahlian="Analis SDM")  # fmt: skip
PEOPLE = {
    "employee": OWNER, "own supervisor": SUPERVISOR, "other supervisor": OTHER_SUPERVISOR,
    "coordinator": COORDINATOR, "admin": ADMIN, "expertise group": EXPERT,
    "stranger": STRANGER, "steering board": BOARD,
}  # fmt: skip
STAFF = {"coordinator", "admin"}
# action → who among PEOPLE may take it (all others are refused)
AGENCY = {
    Action.OPEN_CYCLE: STAFF,
    Action.BROADCAST: STAFF,
    Action.SET_REMINDERS: STAFF,
    Action.SEE_PROGRESS: STAFF,
    Action.DECIDE_CHANGES: {"admin"},
    Action.PREPARE_DIALOGUES: STAFF,  # /dialog: the dialogue window and guide
    Action.PUBLISH_PRIORITIES: {"steering board"},  # the priorities, sent as a file
    Action.RECAP_ANY_GROUP: STAFF,  # /rekap: any expertise group's Formulir 2
    Action.RECAP_LEVELS: STAFF,  # /rekap level, /rekap program
}
READ_SENT_PLAN = {"employee", "own supervisor", "coordinator", "admin", "expertise group"}
RETURN_SENT_PLAN = {"own supervisor", "coordinator", "admin"}
RELATIONS = {
    "employee": {Relation.EMPLOYEE},
    "own supervisor": {Relation.SUPERVISOR},
    "other supervisor": set(),
    "coordinator": {Relation.COORDINATOR},
    "admin": {Relation.ADMIN},
    "expertise group": {Relation.EXPERTISE_GROUP},
    "stranger": set(),
    "steering board": set(),
}


def test_every_action_is_in_the_table() -> None:
    assert set(AGENCY) == set(Action)


@pytest.mark.parametrize("action", list(Action))
@pytest.mark.parametrize("who", list(PEOPLE))
def test_agency_actions(action: Action, who: str) -> None:
    assert may(PEOPLE[who], action) is (who in AGENCY[action])


@pytest.mark.parametrize("action", list(Action))
def test_the_operator_acts_as_an_admin(action: Action) -> None:
    assert may(Operator(), action)


@pytest.mark.parametrize("who", list(PEOPLE))
def test_relation_to_the_plans_owner(who: str) -> None:
    assert relation(PEOPLE[who], OWNER) == RELATIONS[who]
    assert actors(PEOPLE[who], OWNER) == RELATIONS[who]  # the lifecycle asks access


@pytest.mark.parametrize("who", list(PEOPLE))
def test_reading_a_sent_plan(who: str) -> None:
    assert may_read_plan(PEOPLE[who], OWNER) is (who in READ_SENT_PLAN)


def may_return(person: Employee) -> bool:
    try:
        permitted(State.SUBMITTED, Event.RETURN, relation(person, OWNER))
    except Refused:
        return False
    return True


@pytest.mark.parametrize("who", list(PEOPLE))
def test_returning_a_sent_plan(who: str) -> None:
    assert may_return(PEOPLE[who]) is (who in RETURN_SENT_PLAN)


def test_a_supervisor_who_is_also_in_the_owners_group_is_both() -> None:
    both = employee(8, "Tono", SUPERVISOR.nip, [Role.ATASAN, Role.KELOMPOK_KEAHLIAN],
                    kelompok_keahlian="Analis SDM")  # fmt: skip
    assert relation(both, OWNER) == {Relation.SUPERVISOR, Relation.EXPERTISE_GROUP}


# Formulir 2 of the owner's group; Formulir 1 of the owner as a document (/unduh)
RECAP_GROUP = {"coordinator", "admin", "expertise group"}
DOCUMENT = {"employee", "own supervisor", "coordinator", "admin"}


@pytest.mark.parametrize("who", list(PEOPLE))
def test_recapping_the_owners_group(who: str) -> None:
    assert may_recap_group(PEOPLE[who], "Analis SDM") is (who in RECAP_GROUP)
    assert may_recap_group(Operator(), "Analis SDM")


def test_a_member_recaps_only_their_own_group() -> None:
    assert not may_recap_group(EXPERT, "Teknologi Informasi")


@pytest.mark.parametrize("who", list(PEOPLE))
def test_downloading_the_owners_formulir1(who: str) -> None:
    assert bool(relation(PEOPLE[who], OWNER) & DOCUMENT_READERS) is (who in DOCUMENT)
