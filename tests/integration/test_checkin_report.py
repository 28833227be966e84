"""What the check-in figures read, on the real storage (SQLite and PostgreSQL): everyone with
an agreed or verified plan, each item as its verified version says (else its agreed one),
due by the quarter it names; a plan not yet agreed, a rejected item and a leaver count not.
Then /progres on the console: the coordinator's units, the figures matching the rows."""

from __future__ import annotations

from sqlalchemy import update

from bot.app import App
from handlers.effects import Incoming
from handlers.model import JenisPegawai
from handlers.report.figures import figures
from handlers.report.progress import load
from storage.models import EmployeeRow, PlanRow
from storage.plan_models import PlanItemVersionRow
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
            **vp.version(0, 1), "item_id": 2, "stage": "agreed", "submission": 1,
            "created_at": vp.AT}])  # fmt: skip
        # Pegawai 01 is a PPPK; Pegawai 02 has left; Pegawai 03's plan is only submitted
        await connection.execute(update(EmployeeRow).where(EmployeeRow.id == ids[vp.nip(1)])
                                 .values(jenis_pegawai="PPPK"))  # fmt: skip
        await connection.execute(update(EmployeeRow).where(EmployeeRow.id == ids[vp.nip(2)])
                                 .values(left_at=vp.AT))  # fmt: skip
        await connection.execute(update(PlanRow).where(PlanRow.employee_id == ids[vp.nip(3)])
                                 .values(status="submitted"))  # fmt: skip
    return org


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
    assert (total.jp_planned, total.jp_target, total.items) == (12 + 8 + 8 + 32 + 32, 40, 11)
    assert [h.employee_id for h in team.holders] == [2]


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
    assert [r[:7] for r in rows[1:]] == [("Biro Umum", 2, 2, 0, 12 + 8 + 8 + 32, 0, 40),
                                         ("Pusat Data", 1, 0, 1, 32, 0, 0),
                                         ("Semua", 3, 2, 1, 92, 0, 40)]  # fmt: skip
