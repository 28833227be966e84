"""Sri Wahyuni asks for everything the bot holds about her, then asks for it to be erased
(UU PDP 27/2022). The export holds every kind of data; after the erasure her name, NIP and
e-mail are nowhere in the database, and what the audit trail keeps is still there."""

from __future__ import annotations

import asyncio
import io
import json
import stat
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import String, select

from bot import admin, cli
from bot.app import App
from handlers import personal_data
from handlers.audience import Audience, AudienceKind
from handlers.cycle import default_cycle
from handlers.dialog.model import Appointment
from handlers.effects import Msg
from handlers.model import Zone
from handlers.notify import Notify, notify
from handlers.outbox import AudienceMessage, Kind, Status
from handlers.plan.model import (
    Analysis,
    CompetencySource,
    Item,
    ItemVersion,
    PlanContent,
    PlanEvent,
    Profile,
    Stage,
)
from storage import all_models  # noqa: F401
from storage.erasure import ERASED_NAME, ERASURE, erased_nip
from storage.models import Base, ChangeRequestRow, EmployeeRow, PlanRow
from storage.outbox import BroadcastRow, OutboxRow
from storage.personal_data import EXPORTED, SECTIONS
from storage.plan_models import PlanEventRow, PlanItemVersionRow, PlanProfileRow

HENDRA = "197002151995031001"  # admin
SRI = "198206202008012002"  # supervisor of Budi, Dewi and Andi
BUDI = "199004172015031003"
SRI_NAME, SRI_MAIL = "Sri Wahyuni", "sri@contoh.go.id"
ITEM = ItemVersion(
    relevance=("3.1",), goal="Memimpin tim Sri Wahyuni lebih baik", output="Laporan",
    competency_classification="manajerial", competency_source=CompetencySource.TYPED,
    competency_key=None, competency_description="Kepemimpinan", target="pengetahuan",
    method_class="formal", method_form="pelatihan", learning_source="APBN", start_month=3,
    end_month=4, quarter=None, execution_level="teknis", organiser="LAN", jp=24,
)  # fmt: skip
PROFILE = Profile(SRI_NAME, SRI, "PNS", "III/d", "S2", "15 tahun", "Kepala Bagian", "Pusat")


@dataclass(frozen=True)
class World:
    sri: int
    budi: int
    plan: int
    broadcast: int


def employees_referenced() -> set[tuple[str, str]]:
    """Every (table, column) in the models that points at employees.id."""
    return {
        (source.name, fk.parent.name)
        for source in Base.metadata.tables.values()
        for fk in source.foreign_keys
        if fk.column.table.name == "employees"
    }


def test_every_reference_to_an_employee_is_exported_and_erased() -> None:
    references = employees_referenced()
    assert references == set(EXPORTED), "a table naming employees is missing from the export"
    assert references == set(ERASURE), "a table naming employees is missing from the erasure"


@pytest.fixture
async def world(app: App) -> World:
    """The demo agency, and Sri with data of every kind — and mentioned in others' data."""
    assert await admin.seed_demo(app)
    now = app.clock.now()
    async with app.uow() as uow:
        sri, budi = await uow.employees.by_nip(SRI), await uow.employees.by_nip(BUDI)
        assert sri is not None and budi is not None
        await uow.accounts.bind("telegram", "5001", sri.id, "5001", now)
        await uow.invites.replace(sri.id, "a" * 64, now, now + timedelta(days=14))
        await uow.bind_attempts.record_failure("telegram", "5001", now)
        await uow.cycles.open(default_cycle(2027, SRI, now))  # as if she had opened it
        plan = await uow.plans.create(sri.id, 2026, now)
        await uow.plans.set_status(plan.id, "submitted", now)
        item = Item(1, {Stage.PROPOSED: ITEM})
        content = PlanContent(PROFILE, {1: True}, (Analysis("1.2", "Renstra"),), (), (item,))
        await uow.plan_records.save(plan.id, content, now)
        await uow.plan_records.append(PlanEvent(plan.id, "return", "submitted", "returned", now,
                                                budi.id, note=f"Tanya {SRI_NAME}"))  # fmt: skip
        form = await uow.forms.create(sri.id, "formulir1", plan.id, "A.1", now)
        await uow.forms.put(form.id, {"A.pendidikan": "S2 Manajemen SDM", "C.1.jp": 24}, now)
        await uow.plans.request_change(sri.id, "nip", SRI, "198206202008012099", now)
        decided = await uow.plans.request_change(budi.id, "unit_kerja", "Pusat", "Balai", now)
        assert decided is not None
        await uow.change_requests.decide(decided, "approved", now, SRI)
        # others' data that mentions her: her subordinate's form, a notice to the admin
        budis = await uow.forms.create(budi.id, "formulir1", 99, "A.1", now)
        await uow.forms.put(budis.id, {"A.atasan": f"{SRI_NAME} ({SRI})", "A.jp": 20}, now)
        hendra = await uow.employees.by_nip(HENDRA)
        assert hendra is not None
        about_her = Msg("change/request", {"nama": SRI_NAME, "nip": SRI, "email": SRI_MAIL})
        await notify(uow, Notify(hendra.id, about_her), now)
        await notify(uow, Notify(sri.id, Msg("change/outcome", {"nama": SRI_NAME})), now)
        broadcast = await uow.broadcasts.create("all", f"Rapat IDP. Salam, {SRI_NAME}", sri.id, now)
        message = AudienceMessage(Kind.BROADCAST, "broadcast/message", broadcast_id=broadcast)
        sent = await uow.outbox.enqueue_audience(
            Audience(AudienceKind.ALL), message, dict.fromkeys(Zone, now), now
        )
        await uow.broadcasts.schedule(broadcast, sent, now, now)
        await uow.outbox.mark_unreachable(sri.id, "telegram", "blocked", now)
        budis_plan = await uow.plans.create(budi.id, 2026, now)  # she offered its dialogue a date
        await uow.dialog.save_appointment(Appointment(budis_plan.id, "dialog-x@idp-bot",
                                                      proposed_at=now, proposed_by=sri.id,
                                                      revision=1), now)  # fmt: skip
        await uow.commit()
    return World(sri.id, budi.id, plan.id, broadcast)


async def export(app: App, nip: str) -> dict[str, Any]:
    async with app.uow() as uow:
        return await personal_data.export(uow, nip, app.clock.now())


async def test_the_export_holds_every_kind_of_data_about_her(app: App, world: World) -> None:
    data = await export(app, SRI)
    for section in SECTIONS:
        assert data[section.key], f"section {section.key} is empty"
    record = data["employee"]
    assert (record["nip"], record["nama"], record["email"]) == (SRI, SRI_NAME, SRI_MAIL)
    assert record["unit_kerja"] == "Pusat Pengembangan Kompetensi"
    assert record["atasan"] == {"nip": HENDRA, "nama": "Dr. Hendra Wijaya"}
    assert sorted(role["role"] for role in data["roles"]) == [
        "atasan", "kelompok_keahlian", "koordinator_kelompok_keahlian", "pegawai"]  # fmt: skip
    assert data["accounts"][0]["external_id"] == "5001"
    assert "code_hash" not in data["invites"][0]
    assert data["plans"][0]["status"] == "submitted"
    [item] = data["plans"][0]["items"]
    assert item["versions"][0]["tujuan"] == ITEM.goal and item["versions"][0]["relevansi"] == [
        "3.1"
    ]
    assert data["plans"][0]["profiles"][0]["nama"] == SRI_NAME
    assert data["plans"][0]["events"][0]["note"] == f"Tanya {SRI_NAME}"
    assert data["form_sessions"][0]["answers"] == {"A.pendidikan": "S2 Manajemen SDM", "C.1.jp": 24}
    assert data["change_requests"][0]["new_value"] == "198206202008012099"
    assert [d["status"] for d in data["change_requests_decided"]] == ["approved"]
    assert data["cycles_opened"] == [2027]
    templates = {m["template"] for m in data["messages"]}
    assert templates == {"change/outcome", "broadcast/message"}
    assert {"nama": SRI_NAME} in [m["context"] for m in data["messages"]]
    assert data["bind_failures"][0]["external_id"] == "5001"
    assert data["broadcasts_created"][0]["text"].endswith(SRI_NAME)
    assert data["unreachable"][0]["reason"] == "blocked"
    assert data["direct_reports"] == 3
    json.dumps(data)  # every value is plain JSON


async def test_an_unknown_nip_is_refused(app: App, world: World) -> None:
    async with app.uow() as uow:
        with pytest.raises(personal_data.UnknownPerson):
            await personal_data.export(uow, "199901012020011999", app.clock.now())


async def texts_mentioning(app: App, *needles: str) -> list[str]:
    """Every text cell of every table that contains one of ``needles`` (any case)."""
    wanted = [needle.lower() for needle in needles]
    found = []
    async with app.engine.connect() as connection:
        for source in Base.metadata.sorted_tables:
            columns = [c for c in source.c if isinstance(c.type, String)]
            if not columns:
                continue
            for row in await connection.execute(select(*columns)):
                for column, value in zip(columns, row, strict=True):
                    if value and any(needle in value.lower() for needle in wanted):
                        found.append(f"{source.name}.{column.name}: {value}")
    return found


async def erase(app: App, nip: str) -> dict[str, int]:
    async with app.uow() as uow:
        return await personal_data.erase(uow, nip, app.clock.now())


async def test_after_erasure_she_is_nowhere_and_the_audit_trail_stays(
    app: App, world: World
) -> None:
    assert await texts_mentioning(app, SRI, SRI_NAME, SRI_MAIL), "the test data mentions her"
    async with app.engine.connect() as connection:
        before = (await connection.execute(
            select(OutboxRow.id).where(OutboxRow.broadcast_id == world.broadcast)
        )).all()  # fmt: skip
    report = await erase(app, SRI)
    assert report["accounts"] == 1 and report["direct_reports"] == 3 and report["mentions"] >= 4

    assert await texts_mentioning(app, SRI, SRI_NAME, SRI_MAIL) == []
    data = await export(app, erased_nip(world.sri))
    assert data["employee"]["nama"] == ERASED_NAME and data["employee"]["email"] is None
    assert data["employee"]["left_at"] is not None
    for key in ("roles", "accounts", "invites", "form_sessions", "change_requests",
                "unreachable", "bind_failures"):  # fmt: skip
        assert data[key] == [], key
    assert data["direct_reports"] == 0
    exported = json.dumps(data, ensure_ascii=False).lower()
    assert not [x for x in (SRI, SRI_NAME, SRI_MAIL) if x.lower() in exported]
    async with app.engine.connect() as connection:
        plan = (await connection.execute(select(PlanRow).where(PlanRow.id == world.plan))).one()
        item = (await connection.execute(select(PlanItemVersionRow))).one()
        profile = (await connection.execute(select(PlanProfileRow))).one()
        event = (await connection.execute(select(PlanEventRow))).one()
        broadcast_rows = (await connection.execute(
            select(OutboxRow.status, OutboxRow.context).where(
                OutboxRow.broadcast_id == world.broadcast)
        )).all()  # fmt: skip
        creator = await connection.scalar(select(BroadcastRow.created_by))
        decided_by = await connection.scalar(select(ChangeRequestRow.decided_by))
        boss_of_budi = await connection.scalar(
            select(EmployeeRow.supervisor_id).where(EmployeeRow.id == world.budi)
        )
    assert (plan.employee_id, plan.year, plan.status) == (world.sri, 2026, "submitted")
    assert plan.submitted_at is not None
    assert (item.jp, item.level, item.metode_bentuk, item.tujuan, item.pelaksana) == (
        24,
        "teknis",
        "pelatihan",
        "",
        "",
    )
    assert (profile.nama, profile.nip, profile.jabatan) == (ERASED_NAME, erased_nip(world.sri), "")
    assert (event.event, event.note, event.changes) == ("return", None, "{}")
    assert len(broadcast_rows) == len(before) == 6, "delivery counts keep every row"
    assert (Status.CANCELLED.value, "{}") in broadcast_rows  # hers: not sent, emptied
    assert creator == world.sri  # the broadcast stays, by an anonymised id
    assert decided_by == erased_nip(world.sri)
    assert boss_of_budi is None
    async with app.uow() as uow:
        budi_form = await uow.forms.find(world.budi, "formulir1", 99)
        assert budi_form is not None
        answers = await uow.forms.answers(budi_form.id)
        hendra = await uow.employees.by_nip(HENDRA)
    assert answers == {"A.atasan": f"{ERASED_NAME} ({erased_nip(world.sri)})", "A.jp": 20}
    assert hendra is not None and hendra.nama == "Dr. Hendra Wijaya", "others stay whole"


async def test_erasing_twice_finds_nobody_the_second_time(app: App, world: World) -> None:
    await erase(app, SRI)
    async with app.uow() as uow:
        with pytest.raises(personal_data.UnknownPerson):
            await personal_data.erase(uow, SRI, app.clock.now())


# --- the command line --------------------------------------------------------------------


@pytest.fixture
def command(app: App, database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)  # no stray .env; the default export lands here
    monkeypatch.setenv("IDP_DATABASE_URL", database_url)
    monkeypatch.setenv("IDP_DEFAULT_LOCALE", "id")
    monkeypatch.delenv("IDP_TELEGRAM_TOKEN", raising=False)

    async def run(*argv: str, typed: str = "") -> int:
        monkeypatch.setattr("sys.stdin", io.StringIO(typed))
        return await asyncio.to_thread(cli.main, list(argv))

    return run


async def test_the_export_command_writes_a_file_only_the_owner_reads(
    world: World, command: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert await command("person", "export", "--nip", SRI) == 0
    written = tmp_path / f"data-pribadi-{SRI}.json"
    assert stat.S_IMODE(written.stat().st_mode) == 0o600
    assert json.loads(written.read_text(encoding="utf-8"))["employee"]["nama"] == SRI_NAME
    assert str(written.name) in capsys.readouterr().out
    old = tmp_path / "lama.json"
    old.write_text("x")
    old.chmod(0o644)
    assert await command("person", "export", "--nip", SRI, "-o", str(old)) == 0
    assert stat.S_IMODE(old.stat().st_mode) == 0o600, "an existing file is made private too"
    missing = tmp_path / "tidak-ada" / "x.json"
    assert await command("person", "export", "--nip", SRI, "-o", str(missing)) == 2
    assert "tidak dapat ditulis" in capsys.readouterr().out


async def test_an_unknown_nip_is_one_clear_line_and_exit_one(
    world: World, command: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    for action in (["export"], ["erase", "--yes"], ["erase"]):
        assert await command("person", *action, "--nip", "199901012020011999") == 1
        assert capsys.readouterr().out == "Tidak ada pegawai dengan NIP 199901012020011999.\n"


async def test_erase_asks_for_the_nip_again_unless_told_yes(
    app: App, world: World, command: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    assert await command("person", "erase", "--nip", SRI, typed="ya\n") == 1
    assert "tidak ada yang dihapus" in capsys.readouterr().out
    assert await texts_mentioning(app, SRI_NAME), "nothing erased without the NIP typed"
    assert await command("person", "erase", "--nip", SRI, typed=f"{SRI}\n") == 0
    assert "akun chat dilepas: 1" in capsys.readouterr().out
    assert await texts_mentioning(app, SRI, SRI_NAME, SRI_MAIL) == []
    assert await command("person", "erase", "--yes", "--nip", BUDI) == 0
    assert await texts_mentioning(app, BUDI, "Budi Santoso") == []
