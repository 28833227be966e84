"""What the check-in figures read, on the real storage (SQLite and PostgreSQL): everyone with
an agreed or verified plan, each item as its verified version says (else its agreed one),
due by the quarter it names; a plan not yet agreed, a rejected item and a leaver count not;
what the check-ins recorded, page by page for the workbook. Then /progres on the console:
the coordinator's units, the figures matching the rows entered."""

from __future__ import annotations

from datetime import date

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.app import App
from handlers.checkin.model import Fit
from handlers.effects import Incoming
from handlers.model import JenisPegawai
from handlers.report.figures import figures
from handlers.report.progress import load
from storage.models import EmployeeRow, PlanRow
from storage.plan_models import PlanItemVersionRow
from tests import checkin_rows
from tests import verified_plans as vp
from tests.conftest import FakeClock
from tests.unit.report_checks import png_size, sheets

YEAR = 2026


def organisation() -> vp.Organisation:
    """Five employees in two units with 4 verified items each (8 JP, due Q1…Q4), and the
    learning coordinator Hendra Wijaya."""
    people = [vp.Person(vp.nip(n), f"Pegawai {n:02d}", ("Biro Umum", "Pusat Data")[n % 2])
              for n in range(5)]  # fmt: skip
    return vp.Organisation(vp.staff(people))


async def seeded(app: App) -> vp.Organisation:
    org = organisation()
    async with app.engine.begin() as connection:
        await vp.write(connection, org)
        ids = {p.nip: n + 1 for n, p in enumerate(org.people)}
        v = PlanItemVersionRow
        # Pegawai 00's first item: verified at 12 JP for Q2 (its agreed version said 8, Q1)
        await connection.execute(update(v).where(v.item_id == 1, v.stage == "verified")
                                 .values(jp=12, triwulan=None, bulan_selesai=5))  # fmt: skip
        # Pegawai 00's second item: agreed only; its third was rejected (proposed only)
        await connection.execute(update(v).where(v.item_id == 2, v.stage == "verified")
                                 .values(stage="agreed_x"))  # fmt: skip
        await connection.execute(v.__table__.delete().where(v.item_id.in_([2, 3]),
                                                            v.stage != "proposed"))  # fmt: skip
        await connection.execute(v.__table__.insert(), [{
            **vp.version(1, 1), "item_id": 2, "stage": "agreed", "submission": 1,
            "created_at": vp.AT}])  # fmt: skip
        # Pegawai 01 is a PPPK; Pegawai 02 has left; Pegawai 03's plan is only submitted
        await connection.execute(update(EmployeeRow).where(EmployeeRow.id == ids[vp.nip(1)])
                                 .values(jenis_pegawai="PPPK"))  # fmt: skip
        await connection.execute(update(EmployeeRow).where(EmployeeRow.id == ids[vp.nip(2)])
                                 .values(left_at=vp.AT))  # fmt: skip
        await connection.execute(update(PlanRow).where(PlanRow.employee_id == ids[vp.nip(3)])
                                 .values(status="submitted"))  # fmt: skip
        await record_checkins(connection)
    return org


async def record_checkins(connection: AsyncConnection) -> None:
    """Pegawai 00 (plan 2, items 1–4): item 2 running in Q1 (4 JP), done in Q2 (8 JP) with
    a certificate; item 1 cancelled in Q2. Pegawai 01 (plan 3, items 5–8): item 5 done in
    Q1 (30 JP: over the PPPK's 24)."""
    certificate = await checkin_rows.evidence(connection, "sertifikat.pdf")
    await checkin_rows.sent(connection, 2, 1, {2: {"status": "berjalan", "jp_realized": 4}})
    await checkin_rows.sent(connection, 2, 2, {
        1: {"status": "batal", "status_reason": "diganti mentoring"},
        2: {"status": "terlaksana", "jp_realized": 8, "done_on": date(2026, 5, 12),
            "method_class": "formal", "method_form": "pelatihan", "fit": "sebagian",
            "fit_reason": "lebih singkat", "benefit": 4, "benefit_example": "laporan",
            "evidence_file_id": certificate, "feedback": "Terapkan di unit"}})  # fmt: skip
    await checkin_rows.sent(connection, 3, 1, {5: {"status": "terlaksana", "jp_realized": 30}})


async def test_the_report_reads_agreed_and_verified_items_of_those_still_here(
    app: App, clock: FakeClock
) -> None:
    await seeded(app)
    async with app.uow() as uow:
        year = await load(uow, YEAR, clock.now(), None)
        team = await load(uow, YEAR, clock.now(), [2])
    assert sorted((h.nama, h.unit, h.jenis_pegawai) for h in year.holders) == [
        ("Pegawai 00", "Biro Umum", JenisPegawai.PNS),
        ("Pegawai 01", "Pusat Data", JenisPegawai.PPPK),
        ("Pegawai 04", "Biro Umum", JenisPegawai.PNS)]  # fmt: skip
    first = [(i.position, i.due_quarter, i.jp) for i in year.items if i.employee_id == 2]
    assert first == [(1, 2, 12), (2, 2, 8), (4, 4, 8)]  # verified wins; item 3 rejected
    assert year.quarters_past == 3  # the clock reads 29 November
    total = figures("Semua", year)
    assert (total.employees, total.pns, total.pppk) == (3, 2, 1)
    assert (total.jp_target, total.items) == (40, 11)
    assert [h.employee_id for h in team.holders] == [2]
    assert sorted((a.item_id, a.quarter, a.status.value, a.jp) for a in year.answers) == [
        (1, 2, "batal", None), (2, 1, "berjalan", 4), (2, 2, "terlaksana", 8),
        (5, 1, "terlaksana", 30)]  # fmt: skip
    assert (total.jp_realized, total.done, total.cancelled, total.pppk_over) == (38, 2, 1, 1)
    assert (total.jp_planned, total.late) == (8 + 8 + 32 + 32, 5)  # item 1 cancelled; 2 + 3 due
    assert [(q.planned, q.done, q.jp_realized) for q in total.quarters] == [
        (2, 1, 34), (3, 1, 4), (2, 0, 0), (3, 0, 0)]  # fmt: skip


async def test_the_entries_and_the_workbook_lines_hold_what_was_sent(app: App) -> None:
    await seeded(app)
    async with app.uow() as uow:
        entries = await uow.checkin_report.entries(2)
        first = await uow.checkin_report.lines_page(YEAR, None, 2)
        rest = await uow.checkin_report.lines_page(YEAR, (first[-1].nip, first[-1].position,
                                                          first[-1].entry.quarter), 2)  # fmt: skip
    assert [(e.item_id, e.quarter, e.status.value) for e in entries] == [
        (1, 2, "batal"), (2, 1, "berjalan"), (2, 2, "terlaksana")]  # fmt: skip
    done = entries[2]
    assert (done.held_on, done.method_form, done.fit, done.benefit) == (
        date(2026, 5, 12), "pelatihan", Fit.SEBAGIAN, 4)  # fmt: skip
    assert (done.evidence, done.feedback) == ("sertifikat.pdf", "Terapkan di unit")
    lines = [(ln.nama, ln.unit, ln.position, ln.entry.quarter, ln.competency)
             for ln in (*first, *rest)]  # fmt: skip
    assert lines == [
        ("Pegawai 00", "Biro Umum", 1, 2, vp.version(1, 0)["kompetensi_deskripsi"]),
        ("Pegawai 00", "Biro Umum", 2, 1, vp.version(1, 1)["kompetensi_deskripsi"]),
        ("Pegawai 00", "Biro Umum", 2, 2, vp.version(1, 1)["kompetensi_deskripsi"]),
        ("Pegawai 01", "Pusat Data", 1, 1, vp.version(2, 0)["kompetensi_deskripsi"]),
    ]


async def test_the_coordinator_gets_the_units_chart_and_the_xlsx_on_the_console(
    app: App, clock: FakeClock
) -> None:
    await seeded(app)
    hendra = "hendra"  # Hendra Wijaya, the learning coordinator, at the terminal
    async with app.uow() as uow:
        await uow.accounts.bind("console", hendra, 1, hendra, clock.now())
        await uow.commit()
    [report] = await app.conversation.handle(Incoming("console", hendra,
                                                      text="/progres checkin"))  # fmt: skip
    assert report.text.template == "report/groups"
    assert [g["label"] for g in report.text.context["groups"]] == ["Biro Umum", "Pusat Data"]
    assert report.attachment is not None and report.attachment.data is not None
    png_size(report.attachment.data)
    [sent] = await app.conversation.handle(Incoming("console", hendra,
                                                    payload="report:xlsx:units"))  # fmt: skip
    assert sent.attachment is not None and sent.attachment.data is not None
    rows = sheets(sent.attachment.data)["Ringkasan"]
    assert [r[:7] for r in rows[1:]] == [("Biro Umum", 2, 2, 0, 8 + 8 + 32, 8, 40),
                                         ("Pusat Data", 1, 0, 1, 32, 30, 0),
                                         ("Semua", 3, 2, 1, 80, 38, 40)]  # fmt: skip
