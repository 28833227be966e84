"""The dialog kinerja's agreement on the real storage (SQLite and PostgreSQL): decisions
saved item by item (a decision taken again replaces the earlier one), the agreed versions
beside the proposed ones, an added item with no proposal, a rejected one with its reason,
the note, and the audit log from open_dialogue to confirm."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from bot import admin
from bot.app import App
from handlers.access import Relation
from handlers.dialog import agreement, confirm
from handlers.formulir1.flow import supervisor_notice
from handlers.model import Employee
from handlers.notify import notify
from handlers.plan.lifecycle import Event, State
from handlers.plan.model import Decision, Item, Stage
from handlers.plan.transitions import fire
from tests.integration.test_plan_records import BUDI, CONTENT, SRI, VERSION

THREE = replace(CONTENT, items=(*CONTENT.items, Item(3, {Stage.PROPOSED: replace(VERSION, jp=4)})))


async def sent_plan(app: App, items: tuple[Item, ...]) -> int:
    """Budi's plan of ``items``, sent, and Sri's notice queued (as Formulir 1 does)."""
    now = app.clock.now()
    async with app.uow() as uow:
        budi, sri = await uow.employees.by_nip(BUDI), await uow.employees.by_nip(SRI)
        assert budi is not None and sri is not None
        plan = await uow.plans.create(budi.id, 2026, now)
        await fire(uow, plan, Event.SUBMIT, frozenset({Relation.EMPLOYEE}), now,
                   employee_id=budi.id)  # fmt: skip
        content = replace(CONTENT, items=items)
        await uow.plan_records.save(plan.id, content, now)
        context = {"year": 2026, "items": len(items), "jp": 28, "supervisor": sri.nama}
        await notify(uow, supervisor_notice(budi, sri, plan.id, content, context), now)
        await uow.commit()
    return plan.id


async def people(app: App) -> tuple[Employee, Employee]:
    async with app.uow() as uow:
        budi, sri = await uow.employees.by_nip(BUDI), await uow.employees.by_nip(SRI)
    assert budi is not None and sri is not None
    return budi, sri


async def test_the_agreement_is_kept_item_by_item_and_confirmed(app: App) -> None:
    assert await admin.seed_demo(app)
    plan_id = await sent_plan(app, THREE.items)
    budi, sri = await people(app)
    now = app.clock.now()
    at = now + timedelta(days=1)
    async with app.uow() as uow:
        found = await agreement.open_dialogue(uow, sri, plan_id, at)
        one, two, three = (i.id or 0 for i in found.content.items)
        await agreement.agree(uow, sri, plan_id, one, at, level="operasional")
        await agreement.agree(uow, sri, plan_id, two, at)
        await uow.commit()
    async with app.uow() as uow:  # changed after all: the decision is replaced
        await agreement.record_item(uow, sri, plan_id, two, replace(VERSION, jp=12), at)
        await agreement.reject(uow, sri, plan_id, three, "Belum mendesak.", at)
        await agreement.record_item(uow, sri, plan_id, None, replace(VERSION, goal="SOP"), at)
        await agreement.set_note(uow, sri, plan_id, "Motivasi dibahas.", at)
        proposed = await agreement.propose(uow, sri, plan_id, at)
        await confirm.tell_employee(uow, proposed, sri, at)
        await uow.commit()
    async with app.uow() as uow:
        replies = await confirm.confirm(uow, budi, plan_id, at + timedelta(hours=1))
        await uow.commit()
    assert replies[0].text.template == "dialog/agree/agreed"
    async with app.uow() as uow:
        stored = await uow.plans.get(plan_id)
        content = await uow.plan_records.load(plan_id)
        decisions = await uow.agreements.decisions(plan_id, 1)
        events = await uow.plan_records.events(plan_id)
        note = await uow.agreements.note(plan_id, 1)
    assert stored is not None and stored.status == State.AGREED
    assert content is not None
    first, second, third, added = content.items
    assert first.versions[Stage.PROPOSED] == VERSION, "what Budi wrote is kept"
    assert first.versions[Stage.AGREED] == replace(VERSION, execution_level="operasional")
    assert (second.versions[Stage.PROPOSED].jp, second.versions[Stage.AGREED].jp) == (None, 12)
    assert set(third.versions) == {Stage.PROPOSED}
    assert set(added.versions) == {Stage.AGREED} and added.position == 4
    assert decisions[third.id or 0].decision is Decision.REJECTED
    assert decisions[third.id or 0].reason == "Belum mendesak."
    assert decisions[added.id or 0].decision is Decision.ADDED
    assert note == "Motivasi dibahas."
    assert [e.event for e in events] == [
        "submit",
        "open_dialogue",
        *["decide_item"] * 5,
        "propose_agreement",
        "confirm",
    ]
    assert events[2].changes == {"C.1.execution_level": ["teknis", "operasional"],
                                 "C.1.decision": ["open", "agreed"]}  # fmt: skip
    assert events[-2].note == "Motivasi dibahas."
    assert events[-2].changes["C.2.jp"] == [None, 12]
    assert events[-2].changes["C.4.goal"] == [None, "SOP"]
    async with app.uow() as uow:  # erased (UU PDP): the reasons and the note about him go
        exported = await uow.personal_data.export(budi.id)
        await uow.personal_data.erase(budi.id, at + timedelta(days=2))
        await uow.commit()
    [exported_plan] = exported["plans"]
    assert exported_plan["dialogues"][0]["note"] == "Motivasi dibahas."
    assert {d["reason"] for d in exported_plan["decisions"]} == {None, "Belum mendesak."}
    async with app.uow() as uow:
        decisions = await uow.agreements.decisions(plan_id, 1)
        assert {d.reason for d in decisions.values()} == {None}
        assert await uow.agreements.note(plan_id, 1) == ""
