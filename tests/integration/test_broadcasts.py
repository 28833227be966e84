"""Hendra, the learning coordinator, broadcasts to an audience; Budi may not. The rows are
computed in the database, cancellable while pending, and reported by status and reason."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from pathlib import Path

import pytest
from sqlalchemy import insert, select, update

from bot import admin, cli, delivery_cli
from bot.app import App
from handlers import broadcast
from handlers.broadcast import BroadcastRefused, LocalTime, Operator
from handlers.calendar import NO_QUIET_HOURS
from handlers.model import Employee
from handlers.outbox import Status
from storage.models import PlanRow
from storage.outbox import OutboxRow
from tests.conftest import FakeClock

HENDRA = "197002151995031001"  # atasan, koordinator_pembelajaran, admin
SRI = "198206202008012002"  # atasan, kelompok_keahlian and its coordinator (Pengembangan SDM)
BUDI = "199004172015031003"  # pegawai
DEWI = "199511302020122004"  # kelompok_keahlian and its coordinator (Teknologi Informasi)
ANDI = "199207142023211005"  # PPPK, kelompok_keahlian (Teknologi Informasi)
RAHMAT = "198801012012011006"  # Balai Diklat Makassar, WITA
YEAR = 2026


@pytest.fixture
async def demo(app: App) -> dict[str, Employee]:
    assert await admin.seed_demo(app)
    async with app.uow() as uow:
        people = {nip: await uow.employees.by_nip(nip) for nip in (HENDRA, SRI, BUDI, RAHMAT)}
    return {nip: person for nip, person in people.items() if person is not None}


async def create(
    app: App, actor: broadcast.Actor, audience: str, **kw: object
) -> broadcast.Created:
    async with app.uow() as uow:
        return await broadcast.create(
            uow, actor, audience, str(kw.get("text", "Rapat IDP")), kw.get("when"),  # type: ignore[arg-type]
            app.clock.now(), YEAR, quiet=kw.get("quiet", NO_QUIET_HOURS),  # type: ignore[arg-type]
        )  # fmt: skip


async def recipients(app: App, broadcast_id: int) -> set[int]:
    async with app.engine.connect() as connection:
        rows = await connection.scalars(
            select(OutboxRow.employee_id).where(OutboxRow.broadcast_id == broadcast_id)
        )
        return set(rows)


AUDIENCES = {
    "all": {HENDRA, SRI, BUDI, RAHMAT, DEWI, ANDI},
    "unit:Balai Diklat Makassar": {RAHMAT},
    "group:Pengembangan SDM": {SRI, BUDI, RAHMAT},
    "role:kelompok_keahlian": {SRI, DEWI, ANDI},
    "role:koordinator_kelompok_keahlian": {SRI, DEWI},
}


async def test_the_audience_is_resolved_in_the_database(
    app: App, demo: dict[str, Employee]
) -> None:
    for audience, who in AUDIENCES.items():
        created = await create(app, demo[HENDRA], audience)
        async with app.uow() as uow:
            ids = {(await uow.employees.by_nip(nip)).id for nip in who}  # type: ignore[union-attr]
        assert await recipients(app, created.id) == ids, audience
        assert created.recipients == len(who)


async def test_stage_audiences_follow_the_plans_of_the_cycle_year(
    app: App, demo: dict[str, Employee], clock: FakeClock
) -> None:
    now = clock.now()
    async with app.engine.begin() as connection:
        await connection.execute(insert(PlanRow), [
            {"employee_id": demo[BUDI].id, "year": YEAR, "status": "draft",
             "created_at": now, "updated_at": now},
            {"employee_id": demo[SRI].id, "year": YEAR, "status": "submitted",
             "created_at": now, "updated_at": now},
            {"employee_id": demo[RAHMAT].id, "year": YEAR - 1, "status": "submitted",
             "created_at": now, "updated_at": now},
        ])  # fmt: skip
    not_started = await recipients(app, (await create(app, demo[HENDRA], "stage:not_started")).id)
    not_submitted = await recipients(
        app, (await create(app, demo[HENDRA], "stage:not_submitted")).id
    )
    assert demo[BUDI].id not in not_started and demo[SRI].id not in not_started
    assert demo[RAHMAT].id in not_started, "last year's plan does not count"
    assert demo[BUDI].id in not_submitted and demo[SRI].id not in not_submitted
    assert len(not_started) == 4 and len(not_submitted) == 5


async def test_only_coordinators_and_admins_may_broadcast(
    app: App, demo: dict[str, Employee]
) -> None:
    for refused in (demo[BUDI], demo[SRI]):
        with pytest.raises(BroadcastRefused) as error:
            await create(app, refused, "all")
        assert error.value.reason == "not_allowed"
    async with app.uow() as uow:
        with pytest.raises(BroadcastRefused):
            await broadcast.open_broadcasts(uow, demo[BUDI])
    assert (await create(app, Operator(), "all")).recipients == 6


REFUSALS = [("kantor:x", "Halo", "audience_kind"), ("unit:Tidak Ada", "Halo", "nobody"),
            ("all", "   ", "empty"), ("role:ketua", "Halo", "audience_role")]  # fmt: skip


async def test_a_request_that_cannot_be_done_is_refused_and_leaves_nothing(
    app: App, demo: dict[str, Employee]
) -> None:
    for audience, text, reason in REFUSALS:
        with pytest.raises(BroadcastRefused) as error:
            await create(app, demo[HENDRA], audience, text=text)
        assert error.value.reason == reason
    async with app.uow() as uow:
        assert await broadcast.open_broadcasts(uow, demo[HENDRA]) == []


async def test_a_local_time_is_each_zones_own_and_a_time_past_everywhere_is_refused(
    app: App, demo: dict[str, Employee], clock: FakeClock
) -> None:
    clock.current = datetime(2027, 1, 3, 12, 0, tzinfo=UTC)
    created = await create(app, demo[HENDRA], "all", when=LocalTime(date(2027, 1, 4), time(9)))
    assert sorted(created.due.values()) == [
        datetime(2027, 1, 4, hour, tzinfo=UTC) for hour in (0, 1, 2)
    ]
    async with app.engine.connect() as connection:
        rahmat_due = await connection.scalar(
            select(OutboxRow.due_at).where(OutboxRow.employee_id == demo[RAHMAT].id)
        )
    assert rahmat_due == datetime(2027, 1, 4, 1, 0, tzinfo=UTC)
    with pytest.raises(BroadcastRefused) as error:
        await create(app, demo[HENDRA], "all", when=LocalTime(date(2027, 1, 3), time(9)))
    assert error.value.reason == "past"


async def test_a_scheduled_broadcast_is_listed_cancelled_and_reported(
    app: App, demo: dict[str, Employee], clock: FakeClock
) -> None:
    clock.current = datetime(2027, 1, 3, 12, 0, tzinfo=UTC)
    later = await create(app, demo[HENDRA], "all", when=LocalTime(date(2027, 1, 4), time(9)))
    async with app.uow() as uow:
        assert [b.id for b in await broadcast.open_broadcasts(uow, demo[HENDRA])] == [later.id]
        assert await broadcast.cancel(uow, demo[HENDRA], later.id, clock.now()) == 6
    async with app.uow() as uow:
        assert await broadcast.open_broadcasts(uow, demo[HENDRA]) == []
        with pytest.raises(BroadcastRefused) as error:
            await broadcast.cancel(uow, demo[HENDRA], later.id, clock.now())
        assert error.value.reason == "finished"
        report = await broadcast.report(uow, demo[HENDRA], later.id)
    assert report.count(Status.CANCELLED) == 6 and report.complete


async def test_a_finished_broadcast_reports_to_its_coordinator_once(
    app: App, demo: dict[str, Employee], clock: FakeClock
) -> None:
    created = await create(app, demo[HENDRA], "group:Pengembangan SDM")
    outcomes = {demo[SRI].id: ("sent", None), demo[BUDI].id: ("failed", "timeout"),
                demo[RAHMAT].id: ("unreachable", "no account")}  # fmt: skip
    async with app.engine.begin() as connection:
        for employee_id, (status, reason) in outcomes.items():
            await connection.execute(
                update(OutboxRow).where(OutboxRow.employee_id == employee_id)
                .values(status=status, last_error=reason, uncertain=int(reason == "timeout"))
            )  # fmt: skip
    async with app.uow() as uow:
        found = await broadcast.load_report(uow, created.id)
        assert found is not None and found.complete
        assert await broadcast.finish(uow, found, clock.now())
    async with app.uow() as uow:
        assert not await broadcast.finish(uow, found, clock.now()), "only once"
        [note] = await uow.outbox.claim(
            "telegram", "w", clock.now(), clock.now() - clock.now(), 9, unbound=True
        )
    assert (note.employee_id, note.template) == (demo[HENDRA].id, "broadcast/report")
    assert note.context["failures"] == [["timeout", 1]]
    assert note.context["people"] == [{"nama": "Rahmat Hidayat", "nip": RAHMAT}]
    assert (note.context["sent"], note.context["uncertain"]) == (1, 1)


async def test_the_operator_broadcasts_lists_cancels_and_reports_from_the_command_line(
    app: App, demo: dict[str, Employee], clock: FakeClock, tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    clock.current = datetime(2027, 1, 3, 12, 0, tzinfo=UTC)
    text_file = tmp_path / "pengumuman.txt"
    text_file.write_text("Rapat <IDP> Senin\n", encoding="utf-8")
    run = cli_runner(app)
    assert await run("broadcast", "--to", "unit:Balai Diklat Makassar",
                     "--at", "2027-01-04 09:00", "--text-file", str(text_file)) == 0  # fmt: skip
    assert await run("broadcast", "list") == 0
    assert await run("broadcast", "report", "1") == 0
    assert await run("broadcast", "cancel", "1") == 0
    assert await run("broadcast", "cancel", "1") == 2
    assert await run("broadcast", "--to", "kantor:x", "--text-file", str(text_file)) == 2
    assert (
        await run("broadcast", "--to", "all", "--at", "besok", "--text-file", str(text_file)) == 2
    )
    out = capsys.readouterr().out
    assert "Siaran #1 untuk unit:Balai Diklat Makassar: 1 penerima." in out
    assert "WITA: 2027-01-04 09:00 waktu setempat (2027-01-04 01:00 UTC)" in out
    assert "#1  unit:Balai Diklat Makassar  1 penerima  mulai 2027-01-04 00:00 UTC" in out
    assert "Laporan siaran #1" in out and "Belum terkirim: 1" in out
    assert "Siaran #1 dibatalkan: 1 pesan tidak akan dikirim." in out
    assert "Siaran #1 sudah selesai atau dibatalkan." in out
    assert 'Sasaran "kantor:x" tidak dikenal.' in out
    assert '"besok" tidak dapat dibaca: tulis YYYY-MM-DD HH:MM.' in out
    async with app.uow() as uow:
        stored = await uow.broadcasts.get(1)
    assert stored is not None and stored.text == "Rapat <IDP> Senin"


def cli_runner(app: App):  # type: ignore[no-untyped-def]
    async def run(*argv: str) -> int:
        return await delivery_cli.dispatch(app, cli.parser().parse_args(list(argv)))

    return run
