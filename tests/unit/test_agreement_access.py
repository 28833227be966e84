"""Who may act on the agreement, as a table: each action × the people around Budi's plan
(tests/unit/test_access.py). Only his direct supervisor records it, only Budi confirms or
asks to discuss again; everyone else is refused with the reason said."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from handlers.access import Relation
from handlers.dialog import agreement, confirm
from handlers.dialog.agreement import AgreementRefused
from handlers.model import Employee
from handlers.plan.lifecycle import Event, State
from handlers.plan.transitions import fire
from handlers.ports import UnitOfWork
from tests.integration.test_plan_records import CONTENT
from tests.unit.fakes import FakeDatabase
from tests.unit.test_access import OWNER, PEOPLE

AT = datetime(2026, 11, 30, 3, tzinfo=UTC)
Act = Callable[[UnitOfWork, Employee, int], Awaitable[object]]


async def first_item(uow: UnitOfWork, plan_id: int) -> int:
    content = await uow.plan_records.load(plan_id)
    assert content is not None and content.items[0].id is not None
    return content.items[0].id


async def agree_first(uow: UnitOfWork, person: Employee, plan_id: int) -> object:
    return await agreement.agree(uow, person, plan_id, await first_item(uow, plan_id), AT)


async def reject_first(uow: UnitOfWork, person: Employee, plan_id: int) -> object:
    item = await first_item(uow, plan_id)
    return await agreement.reject(uow, person, plan_id, item, "Belum perlu.", AT)


# action → (the state it acts in, who may, the reason the others hear)
ACTIONS: dict[str, tuple[State, set[str], str, Act]] = {
    "open the agreement": (State.SUBMITTED, {"own supervisor"}, "actor",
                           lambda u, p, i: agreement.open_dialogue(u, p, i, AT)),
    "agree an item": (State.IN_DIALOGUE, {"own supervisor"}, "actor", agree_first),
    "reject an item": (State.IN_DIALOGUE, {"own supervisor"}, "actor", reject_first),
    "note the dialogue": (State.IN_DIALOGUE, {"own supervisor"}, "actor",
                          lambda u, p, i: agreement.set_note(u, p, i, "Catatan.", AT)),
    "send it to the employee": (State.IN_DIALOGUE, set(), "actor",  # his: items undecided
                                lambda u, p, i: agreement.propose(u, p, i, AT)),
    "confirm": (State.AWAITING_CONFIRMATION, {"employee"}, "not_owner",
                lambda u, p, i: confirm.confirm(u, p, i, AT)),
    "discuss again": (State.AWAITING_CONFIRMATION, {"employee"}, "not_owner",
                      lambda u, p, i: confirm.discuss_again(u, p, i, "Bahas lagi.", AT)),
}  # fmt: skip


async def plan_in(database: FakeDatabase, state: State) -> int:
    async with database.uow() as uow:
        plan = await uow.plans.create(OWNER.id, 2026, AT)
        await fire(uow, plan, Event.SUBMIT, frozenset({Relation.EMPLOYEE}), AT)
        await uow.plan_records.save(plan.id, CONTENT, AT)
        await uow.commit()
    database.state.forms.plans[plan.id] = replace(database.state.forms.plans[plan.id],
                                                  status=state.value)  # fmt: skip
    return plan.id


@pytest.mark.parametrize("action", list(ACTIONS))
@pytest.mark.parametrize("who", list(PEOPLE))
async def test_who_may_act_on_the_agreement(action: str, who: str) -> None:
    state, allowed, reason, act = ACTIONS[action]
    database = FakeDatabase(*PEOPLE.values())
    plan_id = await plan_in(database, state)
    async with database.uow() as uow:
        if who in allowed:
            await act(uow, PEOPLE[who], plan_id)
            return
        with pytest.raises(AgreementRefused) as refused:
            await act(uow, PEOPLE[who], plan_id)
    expected = "undecided" if action.startswith("send") and who == "own supervisor" else reason
    assert refused.value.reason == expected


async def test_an_acting_supervisor_records_the_agreement_for_the_period_only() -> None:
    """Agus is named Budi's Plt for the day: he opens the agreement and agrees an item; once
    the period is over he is refused like anyone else."""
    database = FakeDatabase(*PEOPLE.values())
    plan_id = await plan_in(database, State.SUBMITTED)
    acting = PEOPLE["other supervisor"]
    async with database.uow() as uow:
        await uow.oversight.add_acting(acting.id, OWNER.id, None, AT.date(), AT.date(), "cli", AT)
        found = await agreement.open_dialogue(uow, acting, plan_id, AT)
        assert found.plan.status == State.IN_DIALOGUE
        await agree_first(uow, acting, plan_id)
        with pytest.raises(AgreementRefused) as refused:
            await agreement.set_note(uow, acting, plan_id, "Catatan.", AT + timedelta(days=1))
    assert refused.value.reason == "actor"


async def test_the_confirmation_reaches_the_direct_and_the_acting_supervisor() -> None:
    database = FakeDatabase(*PEOPLE.values())
    plan_id = await plan_in(database, State.AWAITING_CONFIRMATION)
    acting = PEOPLE["other supervisor"]
    async with database.uow() as uow:
        await uow.oversight.add_acting(acting.id, OWNER.id, None, AT.date(), AT.date(), "cli", AT)
        await confirm.confirm(uow, OWNER, plan_id, AT)
        await uow.commit()
    told = {m.employee_id for m in database.state.forms.outbox
            if m.template == "dialog/agree/confirmed"}  # fmt: skip
    assert told == {PEOPLE["own supervisor"].id, acting.id}
