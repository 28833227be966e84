"""The plan as data on the real storage (SQLite and PostgreSQL): a plan sent, returned by
the supervisor with a note and sent again keeps both submissions whole, its items keep their
ids, and the audit log reads submit → return → submit with who and when."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import timedelta

import pytest
from sqlalchemy import select

from bot import admin, cli
from bot import plan_cli as plan_cli_module
from bot.app import App
from handlers.plan.lifecycle import Actor, Event, State
from handlers.plan.model import (
    Analysis,
    CompetencySource,
    Item,
    ItemVersion,
    PlanContent,
    Profile,
    Rating,
    Stage,
)
from handlers.plan.returning import return_plan
from handlers.plan.transitions import changed, fire
from storage.outbox import OutboxRow

BUDI, SRI = "199004172015031003", "198206202008012002"
VERSION = ItemVersion(
    relevance=("1.1", "3.2"), goal="Memimpin rapat", output="Notulen", competency_classification=
    "manajerial", competency_source=CompetencySource.GAP, competency_key="komunikasi",
    competency_description="", target="keterampilan", method_class="eksperiensial",
    method_form="squad_team", learning_source="Kepala Bidang", start_month=3, end_month=5,
    quarter=None, execution_level="teknis", organiser="Bidang Pelatihan", jp=24,
)  # fmt: skip
CONTENT = PlanContent(
    Profile("Budi Santoso", BUDI, "PNS", "III/b", "S2", "11 tahun", "Analis SDM", "Pusat"),
    {1: True, 2: False, 3: True, 4: True, 5: False},
    (Analysis("1.1", "Kerja Sama", 0, "kerja_sama"), Analysis("3.1", "SKP 2026"),
     Analysis("4.1", "Belum memenuhi", year=2024),
     Analysis("4.2", "", 0, "komunikasi", "manajerial"), Analysis("4.2", "Mediasi", 0, None,
                                                                  "sosio_kultural")),
    (Rating("komunikasi", "manajerial", 2, 0), Rating("analisis_jabatan", "teknis", 2, 1,
                                                      "Analisis Jabatan")),
    (Item(1, {Stage.PROPOSED: VERSION}), Item(2, {Stage.PROPOSED: replace(VERSION, jp=None,
                                                                            quarter=2)})),
)  # fmt: skip


def without_ids(content: PlanContent) -> PlanContent:
    return replace(content, items=tuple(replace(i, id=None) for i in content.items))


async def test_returned_and_sent_again_both_submissions_and_the_log_stay(app: App) -> None:
    assert await admin.seed_demo(app)
    now = app.clock.now()
    async with app.uow() as uow:
        budi, sri = await uow.employees.by_nip(BUDI), await uow.employees.by_nip(SRI)
        assert budi is not None and sri is not None and budi.supervisor_nip == SRI
        plan = await uow.plans.create(budi.id, 2026, now)
        await fire(uow, plan, Event.SUBMIT, frozenset({Actor.EMPLOYEE}), now, employee_id=budi.id)
        await uow.plan_records.save(plan.id, CONTENT, now)
        await uow.commit()
    async with app.uow() as uow:
        await return_plan(uow, plan.id, "Perjelas output.", now + timedelta(hours=1), by=sri)
        await uow.commit()
    second = replace(CONTENT, submission=2, items=(
        Item(1, {Stage.PROPOSED: replace(VERSION, jp=30)}),))  # fmt: skip
    async with app.uow() as uow:
        returned = await uow.plans.get(plan.id)
        assert returned is not None and returned.status == State.RETURNED
        first = await uow.plan_records.load(plan.id)
        later = now + timedelta(hours=2)
        await fire(uow, returned, Event.SUBMIT, frozenset({Actor.EMPLOYEE}), later,
                   employee_id=budi.id, changes=changed(first, second))  # fmt: skip
        await uow.plan_records.save(plan.id, second, later)
        await uow.commit()
    async with app.uow() as uow:
        one, two = await uow.plan_records.load(plan.id, 1), await uow.plan_records.load(plan.id)
        events = await uow.plan_records.events(plan.id)
        sent = await uow.plans.get(plan.id)
    assert one is not None and two is not None and sent is not None
    assert without_ids(one) == CONTENT and without_ids(two) == second
    assert one.items[0].id == two.items[0].id, "an item keeps its id across submissions"
    assert sent.status == State.SUBMITTED and sent.submitted_at == later
    assert [(e.event, e.from_state, e.to_state, e.employee_id, e.at, e.note) for e in events] == [
        ("submit", "draft", "submitted", budi.id, now, None),
        ("return", "submitted", "returned", sri.id, now + timedelta(hours=1), "Perjelas output."),
        ("submit", "returned", "submitted", budi.id, later, None),
    ]  # fmt: skip
    assert events[2].changes["C.1.jp"] == [24, 30]
    assert events[2].changes["C.2.goal"] == ["Memimpin rapat", None]  # item 2 was dropped


async def plan_cli(app: App, *argv: str) -> int:
    """``idp-bot plan …`` on the test's app (its clock and database)."""
    return await plan_cli_module.dispatch(app, cli.parser().parse_args(["plan", *argv]))


async def test_the_admin_returns_a_plan_at_the_command_line_and_reads_its_history(
    app: App, capsys: pytest.CaptureFixture[str]
) -> None:
    assert await admin.seed_demo(app)
    now = app.clock.now()
    async with app.uow() as uow:
        budi = await uow.employees.by_nip(BUDI)
        assert budi is not None
        plan = await uow.plans.create(budi.id, now.year, now)
        await uow.commit()
    assert await plan_cli(app, "return", "--nip", BUDI, "--note", "Lengkapi B") == 1  # a draft
    assert "belum dikirim" in capsys.readouterr().out
    async with app.uow() as uow:
        await fire(uow, plan, Event.SUBMIT, frozenset({Actor.EMPLOYEE}), now, employee_id=budi.id)
        await uow.plan_records.save(plan.id, CONTENT, now)
        await uow.commit()
    assert await plan_cli(app, "return", "--nip", BUDI, "--note", "  ") == 1
    assert "Catatan wajib diisi" in capsys.readouterr().out
    assert await plan_cli(app, "return", "--nip", "199001012015031999", "--note", "x") == 1
    assert "Tidak ada pegawai" in capsys.readouterr().out
    assert await plan_cli(app, "return", "--nip", BUDI, "--note", "Lengkapi dasar 2") == 0
    assert "dikembalikan" in capsys.readouterr().out
    assert await plan_cli(app, "history", "--nip", BUDI) == 0
    shown = capsys.readouterr().out
    assert "dikirim (draf → terkirim), oleh Budi Santoso" in shown
    assert "(terkirim → dikembalikan), oleh operator (cli). Catatan: Lengkapi dasar 2" in shown
    assert "pegawai #" not in shown and "submit:" not in shown
    assert len(shown.strip().splitlines()) >= 3  # a title and one line per move
    async with app.uow() as uow:
        returned = await uow.plans.get(plan.id)
    async with app.engine.connect() as connection:
        told = await connection.scalar(
            select(OutboxRow.context).where(OutboxRow.template == "plan/returned")
        )
    assert returned is not None and returned.status == State.RETURNED
    assert told is not None and json.loads(told)["note"] == "Lengkapi dasar 2"
