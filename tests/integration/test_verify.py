"""The verification by the Kelompok Keahlian on the real storage (SQLite and PostgreSQL): the
queue of a group, oldest agreed first; two members verifying one item at once (the database
lets one through, the other learns who); a plan verified item by item becomes verified and D
goes to its employee and supervisor; an adjustment replaces the verification and is logged;
the group's coordinator marks the recap done."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import timedelta

import pytest
from sqlalchemy import func, select

import messages
from bot.app import App
from handlers import home
from handlers.formulir1.commands import show_plan
from handlers.plan.lifecycle import State
from handlers.plan.model import Priority, Stage
from handlers.verify import recap, verification
from handlers.verify.chat import items_for, open_item
from handlers.verify.skp import skp
from handlers.verify.verification import Choice, Ref, VerifyRefused
from storage.outbox import OutboxRow
from storage.plan_models import PlanItemVersionRow
from storage.serialize import load_context
from storage.verify_models import ItemVerificationRow
from tests.integration.test_plan_records import VERSION
from tests.integration.verify_setup import (
    AGUS,
    BUDI,
    DEWI,
    HENDRA,
    POLICY,
    PSDM,
    RAHMAT,
    RINA,
    SRI,
    TI,
    TONI,
    agency,
    agreed_plan,
)

ONLINE = Choice({"metode_klasifikasi": "formal", "metode_bentuk": "e_learning",
                 "level": "operasional", "pelaksana": "Pusat Pengembangan Kompetensi"},
                Priority.TINGGI, "Bersama unit lain.")  # fmt: skip
AS_AGREED = Choice({}, Priority.SEDANG, None)


async def refs(app: App, plan_id: int) -> list[Ref]:
    async with app.uow() as uow:
        return [Ref.of(i) for i in await uow.verifications.awaiting(2026, plan_id=plan_id)]


async def test_a_group_sees_its_agreed_items_oldest_first(app: App) -> None:
    people = await agency(app)
    now = app.clock.now()
    rahmat = await agreed_plan(app, RAHMAT, [POLICY], now + timedelta(hours=2))
    budi = await agreed_plan(app, BUDI, [VERSION, POLICY], now)
    await agreed_plan(app, DEWI, [POLICY], now + timedelta(hours=1))
    async with app.uow() as uow:
        mine, verifies = await items_for(uow, people[RINA], 2026)
        counts = await uow.verifications.counts(2026)
        everyone, coordinator_verifies = await items_for(uow, people[HENDRA], 2026)
        with pytest.raises(VerifyRefused):
            await items_for(uow, people[BUDI], 2026)  # an employee has no queue
    assert verifies and not coordinator_verifies
    assert [(i.plan_id, i.position) for i in mine] == [(budi, 1), (budi, 2), (rahmat, 1)]
    assert [(c.group, c.items, c.plans) for c in counts] == [(PSDM, 3, 2), (TI, 1, 1)]
    assert len(everyone) == 4  # the coordinator sees every group's
    async with app.uow() as uow:  # her home (Slack's App Home) says so, with the command
        shown = await home.home(uow, people[RINA], now)
    waiting = {m.template: m.context for m in shown.text.context["awaiting"]}
    assert waiting["home/await_verify"] == {"count": 3}
    assert "cmd:verifikasi" in [b.payload for row in shown.buttons for b in row]
    async with app.uow() as uow:  # Sri's own plan would be left out of her queue
        sri_queue, _ = await items_for(uow, people[SRI], 2026)
    assert all(i.owner_id != people[SRI].id for i in sri_queue)


async def test_two_members_verifying_one_item_at_once_one_wins(app: App) -> None:
    people = await agency(app)
    plan_id = await agreed_plan(app, BUDI, [POLICY], app.clock.now())
    [item] = await refs(app, plan_id)
    at = app.clock.now() + timedelta(days=1)

    async def by(nip: str) -> verification.Outcome:
        async with app.uow() as uow:
            outcome = await verification.verify(uow, people[nip], [item], ONLINE, at)
            await uow.commit()
            return outcome

    first, second = await asyncio.gather(by(SRI), by(RINA))
    outcomes = sorted([first, second], key=lambda o: len(o.done))
    assert [len(o.done) for o in outcomes] == [0, 1]
    [(_, who)] = outcomes[0].taken
    winner = people[SRI] if first.done else people[RINA]
    assert who.verifier == winner.nama and who.employee_id == winner.id
    async with app.engine.connect() as connection:
        rows = await connection.scalar(select(func.count()).select_from(ItemVerificationRow))
        verified = PlanItemVersionRow.stage == "verified"
        versions = await connection.scalar(
            select(func.count()).select_from(PlanItemVersionRow).where(verified)
        )
    assert rows == 1 and versions == 1
    async with app.uow() as uow:  # a third try is refused plainly, naming who
        with pytest.raises(VerifyRefused) as refused:
            await open_item(uow, people[AGUS], plan_id, item.item_id, at)
    assert refused.value.reason == "taken" and refused.value.context["verifier"] == winner.nama


async def test_verified_item_by_item_the_plan_is_verified_and_d_goes_back(app: App) -> None:
    people = await agency(app)
    plan_id = await agreed_plan(app, BUDI, [VERSION, POLICY], app.clock.now())
    one, two = await refs(app, plan_id)
    at = app.clock.now() + timedelta(days=1)
    async with app.uow() as uow:
        with pytest.raises(VerifyRefused) as refused:  # another group's member
            await verification.verify(uow, people[TONI], [one], ONLINE, at)
        assert refused.value.reason == "actor"
        outcome = await verification.verify(uow, people[RINA], [one], ONLINE, at)
        await uow.commit()
    assert outcome.verified_plans == []
    async with app.uow() as uow:
        assert (await uow.plans.get(plan_id)).status == State.AGREED  # type: ignore[union-attr]
        outcome = await verification.verify(uow, people[SRI], [two], AS_AGREED, at)
        await uow.commit()
    assert outcome.verified_plans == [plan_id]
    async with app.uow() as uow:
        plan = await uow.plans.get(plan_id)
        content = await uow.plan_records.load(plan_id)
        events = await uow.plan_records.events(plan_id)
        shown = await show_plan(uow, people[BUDI], 2026)
        skp_text = await skp(uow, people[BUDI], 2026)
    assert plan is not None and plan.status == State.VERIFIED
    assert content is not None
    verified = content.items[0].versions[Stage.VERIFIED]
    assert verified.method_form == "e_learning" and verified.execution_level == "operasional"
    assert content.items[1].versions[Stage.VERIFIED] == POLICY
    assert [e.event for e in events][-3:] == ["verify_item", "verify_item", "verify"]
    assert events[-3].changes["C.1.method_form"] == ["squad_team", "e_learning"]
    assert events[-3].changes["C.1.priority"] == [None, "tinggi"]
    d = shown[-1].text
    assert d.template == "verify/formulir_d"
    assert [i["priority"] for i in d.context["items"]] == ["tinggi", "sedang"]
    rendered = messages.render(d.template, "en", d.context)  # D beside C in /rencana
    assert "Method form: Squad team → E-learning" in rendered and "Priority: High" in rendered
    assert skp_text[0].text.context["count"] == 2
    async with app.engine.connect() as connection:
        told = (await connection.execute(select(OutboxRow.employee_id).where(
            OutboxRow.template == "verify/formulir_d"))).scalars().all()  # fmt: skip
    assert sorted(told) == sorted([people[BUDI].id, people[SRI].id])  # employee, supervisor


async def test_an_adjustment_replaces_the_verification_and_is_logged(app: App) -> None:
    people = await agency(app)
    plans = [await agreed_plan(app, nip, [POLICY], app.clock.now()) for nip in (BUDI, RAHMAT)]
    batch = [ref for plan_id in plans for ref in await refs(app, plan_id)]
    at = app.clock.now() + timedelta(days=1)
    async with app.uow() as uow:
        outcome = await verification.verify(uow, people[RINA], batch, ONLINE, at)
        await uow.commit()
    assert len(outcome.done) == 2 and sorted(outcome.verified_plans) == sorted(plans)
    changed = replace(ONLINE, answers={**ONLINE.answers, "level": "strategis"},
                      priority=Priority.RENDAH)  # fmt: skip
    async with app.uow() as uow:
        with pytest.raises(VerifyRefused):  # not Sri's: Rina verified it
            await verification.adjust(uow, people[SRI], batch[1], changed, at)
        await verification.adjust(uow, people[RINA], batch[1], changed, at)
        await uow.commit()
    async with app.uow() as uow:
        found = await uow.verifications.of_item(batch[1].item_id, 1)
        content = await uow.plan_records.load(plans[1])
        events = await uow.plan_records.events(plans[1])
        kept = await uow.verifications.of_item(batch[0].item_id, 1)
    assert found is not None and found.priority is Priority.RENDAH
    assert content is not None
    assert content.items[0].versions[Stage.VERIFIED].execution_level == "strategis"
    assert events[-1].changes == {"C.1.execution_level": ["operasional", "strategis"],
                                  "C.1.priority": ["tinggi", "rendah"]}  # fmt: skip
    assert kept is not None and kept.priority is Priority.TINGGI  # the others stay
    async with app.engine.connect() as connection:  # Rahmat's D went again, as changed
        to_rahmat = (OutboxRow.template == "verify/formulir_d",
                     OutboxRow.employee_id == people[RAHMAT].id)  # fmt: skip
        query = select(OutboxRow.context).where(*to_rahmat).order_by(OutboxRow.id)
        sent = (await connection.execute(query)).scalars().all()
    assert [load_context(c)["changed"] for c in sent] == [False, True]


async def test_the_group_coordinator_marks_the_recap_done_and_the_coordinator_is_told(
    app: App,
) -> None:
    people = await agency(app)
    plan_id = await agreed_plan(app, BUDI, [POLICY], app.clock.now())
    at = app.clock.now() + timedelta(days=1)
    async with app.uow() as uow:
        with pytest.raises(VerifyRefused) as early:
            await recap.mark_done(uow, people[AGUS], 2026, at)
        with pytest.raises(VerifyRefused) as member:
            await recap.mark_done(uow, people[RINA], 2026, at)
    assert early.value.reason == "left" and member.value.reason == "not_group_coordinator"
    items = await refs(app, plan_id)
    async with app.uow() as uow:
        await verification.verify(uow, people[RINA], items, ONLINE, at)
        await uow.commit()
    async with app.uow() as uow:
        done = await recap.mark_done(uow, people[AGUS], 2026, at)
        await uow.commit()
    assert done[0].text.template == "verify/recap_marked"
    async with app.uow() as uow:
        with pytest.raises(VerifyRefused) as again:
            await recap.mark_done(uow, people[AGUS], 2026, at)
        stored = await uow.verifications.recap(PSDM, 2026)
    assert again.value.reason == "already" and stored is not None
    assert stored.done_by == people[AGUS].id
    async with app.engine.connect() as connection:
        told = (await connection.execute(select(OutboxRow.employee_id).where(
            OutboxRow.template == "verify/recap_done"))).scalars().all()  # fmt: skip
    assert told == [people[HENDRA].id]


async def test_the_database_lets_one_verification_of_an_item_through(app: App) -> None:
    """Beneath the plan's lock, the key itself: two writes of one item, one row."""
    people = await agency(app)
    plan_id = await agreed_plan(app, BUDI, [POLICY], app.clock.now())
    async with app.uow() as uow:
        [item] = await uow.verifications.awaiting(2026, plan_id=plan_id)
    at = app.clock.now() + timedelta(days=1)

    async def write(nip: str) -> object:
        async with app.uow() as uow:
            first = await uow.verifications.verify(item, POLICY, Priority.SEDANG, None,
                                                   people[nip].id, at)  # fmt: skip
            await uow.commit()
            return first

    results = await asyncio.gather(write(SRI), write(RINA))
    assert sorted(result is None for result in results) == [False, True]
    [first] = [r for r in results if r is not None]
    async with app.uow() as uow:
        stored = await uow.verifications.of_item(item.item_id, item.submission)
    assert stored is not None and first == stored
