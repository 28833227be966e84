"""Who may do what on Budi's plan: every action × every relation to it, as one table.

Budi's direct supervisor is Sri; Rina is named his acting supervisor (Plt) for January 2027;
Andi supervises someone else; Hendra is a learning coordinator; Dewi is a colleague."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

import messages
from handlers.dialog.rights import MOVES, AccessRefused, Action, check
from handlers.model import Role
from handlers.ports import Plan
from tests.unit.fakes import FakeDatabase, employee

SRI = employee(2, "Sri Wahyuni", "198206202008012002", [Role.ATASAN])
BUDI = employee(3, "Budi Santoso", "199004172015031003", supervisor_nip=SRI.nip)
RINA = employee(4, "Rina Kartika", "198503032010012004", [Role.ATASAN])
ANDI = employee(5, "Andi Pratama", "198001012005011001", [Role.ATASAN])
DEWI = employee(6, "Dewi Lestari", "199511302020122004", supervisor_nip=ANDI.nip)
HENDRA = employee(1, "Dr. Hendra Wijaya", "197002151995031001", [Role.KOORDINATOR_PEMBELAJARAN])
PEOPLE = {"employee": BUDI, "own supervisor": SRI, "acting supervisor": RINA,
          "another supervisor": ANDI, "coordinator": HENDRA, "stranger": DEWI}  # fmt: skip
IN_JANUARY = datetime(2027, 1, 12, 3, tzinfo=UTC)

SUPERVISORS = {"own supervisor", "acting supervisor"}
READERS = {"employee", *SUPERVISORS, "coordinator"}
MATRIX: dict[Action, set[str]] = {
    Action.VIEW: READERS,
    Action.HISTORY: READERS,
    Action.RETURN: {*SUPERVISORS, "coordinator"},
    Action.SCHEDULE: {"employee", *SUPERVISORS},  # a date is agreed: either side accepts
    Action.OPEN_DIALOGUE: SUPERVISORS,
    Action.PROPOSE_AGREEMENT: SUPERVISORS,
    Action.CONFIRM: {"employee"},
    Action.DISCUSS_AGAIN: {"employee"},
}
CASES = [(action, who, who in allowed) for action, allowed in MATRIX.items() for who in PEOPLE]


def world(status: str) -> FakeDatabase:
    database = FakeDatabase(SRI, BUDI, RINA, ANDI, DEWI, HENDRA, cycles=(2027,))
    database.state.forms.plans[1] = Plan(1, BUDI.id, 2027, status, IN_JANUARY)
    return database


def state_for(action: Action) -> str:
    return MOVES[action][0].value if action in MOVES else "submitted"


async def name_rina(database: FakeDatabase, starts: date, ends: date) -> None:
    async with database.uow() as uow:
        await uow.oversight.add_acting(RINA.id, BUDI.id, None, starts, ends, "cli", IN_JANUARY)
        await uow.commit()


@pytest.mark.parametrize(("action", "who", "allowed"), CASES,
                         ids=[f"{a.value}-{w.replace(' ', '_')}" for a, w, _ in CASES])  # fmt: skip
async def test_the_authorization_matrix(action: Action, who: str, allowed: bool) -> None:
    database = world(state_for(action))
    await name_rina(database, date(2027, 1, 4), date(2027, 1, 29))
    person = PEOPLE[who]
    async with database.uow() as uow:
        if allowed:
            access = await check(uow, person, 1, action, IN_JANUARY)
            assert access.owner == BUDI
            return
        with pytest.raises(AccessRefused) as refused:
            await check(uow, person, 1, action, IN_JANUARY)
    assert refused.value.reason == "actor"
    for locale, opening in (("id", "Anda tidak dapat "), ("en", "You cannot ")):
        sentence = messages.render(
            refused.value.msg().template, locale, refused.value.msg().context
        )
        assert sentence.startswith(opening) and sentence.endswith("."), sentence


async def test_an_acting_supervisor_has_no_rights_outside_the_period() -> None:
    database = world("submitted")
    await name_rina(database, date(2027, 2, 1), date(2027, 2, 26))
    async with database.uow() as uow:
        with pytest.raises(AccessRefused):
            await check(uow, RINA, 1, Action.SCHEDULE, IN_JANUARY)


async def test_an_ended_acting_assignment_gives_no_rights() -> None:
    database = world("submitted")
    await name_rina(database, date(2027, 1, 4), date(2027, 1, 29))
    async with database.uow() as uow:
        assert await uow.oversight.end_acting(1, IN_JANUARY)
        with pytest.raises(AccessRefused):
            await check(uow, RINA, 1, Action.VIEW, IN_JANUARY)


async def test_a_unit_acting_supervisor_acts_for_everyone_in_the_unit() -> None:
    database = world("submitted")
    async with database.uow() as uow:
        await uow.oversight.add_acting(RINA.id, None, BUDI.unit_kerja, date(2027, 1, 4),
                                       date(2027, 1, 29), "cli", IN_JANUARY)  # fmt: skip
        assert (await check(uow, RINA, 1, Action.SCHEDULE, IN_JANUARY)).owner == BUDI


async def test_someone_elses_draft_is_not_shown_even_to_their_supervisor() -> None:
    database = world("draft")
    async with database.uow() as uow:
        assert (await check(uow, BUDI, 1, Action.HISTORY, IN_JANUARY)).owner == BUDI
        with pytest.raises(AccessRefused) as refused:
            await check(uow, SRI, 1, Action.VIEW, IN_JANUARY)
    assert refused.value.reason == "not_sent"


async def test_the_coordinators_act_as_supervisor_of_someone_without_one() -> None:
    database = world("submitted")
    database.state.employees[BUDI.id] = replace(BUDI, supervisor_nip=None)
    async with database.uow() as uow:
        assert (await check(uow, HENDRA, 1, Action.SCHEDULE, IN_JANUARY)).owner.id == BUDI.id
        with pytest.raises(AccessRefused):
            await check(uow, ANDI, 1, Action.SCHEDULE, IN_JANUARY)


async def test_a_move_from_the_wrong_state_is_refused_as_such() -> None:
    database = world("agreed")
    async with database.uow() as uow:
        with pytest.raises(AccessRefused) as refused:
            await check(uow, SRI, 1, Action.SCHEDULE, IN_JANUARY)
        assert refused.value.reason == "state"
        with pytest.raises(AccessRefused) as missing:
            await check(uow, SRI, 99, Action.VIEW, IN_JANUARY)
        assert missing.value.reason == "no_plan"
