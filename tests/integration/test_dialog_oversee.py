"""The supervisor's overview on the real storage (SQLite and PostgreSQL): an acting
supervisor named at the command line gets the team, the notices and the rights for the
period; someone without a supervisor is the coordinators'; the nudges of a late supervisor
are queued once, on the right working days, and the preview shows them without sending."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import func, select

import messages
from bot import admin, cli
from bot.app import App
from handlers.calendar import NO_QUIET_HOURS
from handlers.dialog import nudge_run, schedule
from handlers.dialog.acting import notice_recipients
from handlers.dialog.model import Window
from handlers.dialog.oversight_ports import NudgeSettings
from handlers.dialog.parties import ScheduleRefused
from handlers.effects import Incoming, Reply
from handlers.plan.lifecycle import Actor, Event, State
from handlers.plan.transitions import fire
from handlers.ports import OrgRecord
from storage.dialog_oversee_models import DialogNudgeRow
from storage.outbox import OutboxRow
from tests.conftest import FakeClock
from tests.integration.test_plan_records import CONTENT

HENDRA, SRI, BUDI = "197002151995031001", "198206202008012002", "199004172015031003"
DEWI, RAHMAT = "199511302020122004", "198801012012011006"
NO_QUIET = "00:00-00:00"
WEDNESDAY_9_WIB = datetime(2026, 12, 2, 2, tzinfo=UTC)


async def send_plan(app: App, nip: str) -> int:
    """``nip``'s 2026 plan sent now (as Formulir 1's last step does)."""
    now = app.clock.now()
    async with app.uow() as uow:
        person = await uow.employees.by_nip(nip)
        assert person is not None
        plan = await uow.plans.create(person.id, 2026, now)
        await fire(uow, plan, Event.SUBMIT, frozenset({Actor.EMPLOYEE}), now, employee_id=person.id)
        await uow.plan_records.save(plan.id, CONTENT, now)
        await uow.commit()
    return plan.id


async def run(app: App, *argv: str) -> int:
    return await cli.dispatch(cli.parser().parse_args(list(argv)), app.settings)


async def as_console(app: App, nip: str, text: str | None = None, payload: str | None = None
                     ) -> list[Reply]:  # fmt: skip
    return await app.conversation.handle(Incoming("console", nip, text=text, payload=payload))


async def templates_to(app: App, nip: str) -> list[str]:
    async with app.uow() as uow:
        person = await uow.employees.by_nip(nip)
    assert person is not None
    async with app.engine.connect() as connection:
        rows = await connection.execute(
            select(OutboxRow.template).where(OutboxRow.employee_id == person.id)
            .order_by(OutboxRow.id))  # fmt: skip
        return [template for (template,) in rows]


@pytest.fixture
async def demo(app: App, monkeypatch: pytest.MonkeyPatch) -> App:
    """The demo agency, everyone able to talk at the terminal; the CLI on this app."""
    assert await admin.seed_demo(app)
    for nip in (HENDRA, SRI, BUDI, DEWI, RAHMAT):
        assert await admin.bind_console(app, nip) is not None

    async def this_app(settings: object, clock: object = None) -> App:
        return app

    monkeypatch.setattr(cli, "bootstrap", this_app)
    monkeypatch.setattr(app, "close", _nothing)
    return app


async def _nothing() -> None:
    return None


async def test_an_acting_supervisor_gets_the_team_the_notices_and_the_rights_for_the_period(
    demo: App, capsys: pytest.CaptureFixture[str]
) -> None:
    app = demo
    plan_id = await send_plan(app, BUDI)
    [refused] = await as_console(app, RAHMAT, payload=f"plan:view:{plan_id}")
    assert refused.text.context == {"action": "view", "reason": "actor"}
    assert await run(app, "supervisor", "acting", "--for", BUDI, "--by", RAHMAT,
                     "--from", "2026-11-23", "--to", "2026-12-31") == 0  # fmt: skip
    assert "#1" in capsys.readouterr().out
    assert "dialog/team/acting_named" in await templates_to(app, RAHMAT)
    assert "dialog/team/acting_for_you" in await templates_to(app, BUDI)
    async with app.uow() as uow:
        budi = await uow.employees.by_nip(BUDI)
        assert budi is not None
        told = [(p.nama, coordinator) for p, coordinator in await notice_recipients(
            uow, budi, app.clock.now())]  # fmt: skip
    assert told == [("Sri Wahyuni", False), ("Rahmat Hidayat", False)]
    [team] = await as_console(app, RAHMAT, text="/bawahan")
    [member] = team.text.context["members"]
    assert member["nama"] == "Budi Santoso" and member["acting"]
    assert member["stage"].context == {"stage": "submitted"}
    status, _document = await as_console(app, RAHMAT, payload=f"plan:view:{plan_id}")
    assert status.text.context["owner"] == "Budi Santoso"
    [history] = await as_console(app, RAHMAT, payload=f"plan:history:{plan_id}")
    assert [e["event"] for e in history.text.context["events"]] == ["submit"]
    assert await run(app, "supervisor", "list", "--on", "2026-11-29") == 0
    assert "Rahmat Hidayat → Budi Santoso" in capsys.readouterr().out
    assert await run(app, "supervisor", "end", "1") == 0
    [refused] = await as_console(app, RAHMAT, payload=f"plan:history:{plan_id}")
    assert refused.text.context == {"action": "history", "reason": "actor"}
    assert await run(app, "supervisor", "end", "1") == 1  # ended already


async def test_an_acting_supervisor_schedules_and_the_team_shows_the_date(demo: App) -> None:
    """Rahmat, Budi's Plt, proposes the date; Sri (direct) and Rahmat are told when Budi
    answers; /bawahan shows the agreed date on each reader's clock."""
    app = demo
    plan_id = await send_plan(app, BUDI)
    now = app.clock.now()
    async with app.uow() as uow:
        budi, rahmat = await uow.employees.by_nip(BUDI), await uow.employees.by_nip(RAHMAT)
        assert budi is not None and rahmat is not None
        with pytest.raises(ScheduleRefused, match="actor"):  # not his report yet
            await schedule.propose(uow, rahmat, plan_id, WEDNESDAY_9_WIB, now)
        await uow.dialog.set_window(2026, Window(date(2026, 12, 1), date(2026, 12, 18),
                                                 budi.unit_kerja), "tester", now)  # fmt: skip
        await uow.commit()
    assert await run(app, "supervisor", "acting", "--for", BUDI, "--by", RAHMAT,
                     "--from", "2026-11-23", "--to", "2026-12-31") == 0  # fmt: skip
    async with app.uow() as uow:
        [proposed] = await schedule.propose(uow, rahmat, plan_id, WEDNESDAY_9_WIB, now)
        await uow.commit()
    assert proposed.text.context["with"] == "Budi Santoso"
    offered = await templates_to(app, BUDI)
    assert "dialog/schedule/offered" in offered
    async with app.uow() as uow:
        [agreed] = await schedule.accept(uow, budi, plan_id, 1, now, NO_QUIET_HOURS)
        await uow.commit()
        assert (await uow.plans.get(plan_id)).status == State.SCHEDULED  # type: ignore[union-attr]
    assert agreed.text.context["with"] == "Rahmat Hidayat"  # the one who proposed
    assert "dialog/schedule/confirmed" in await templates_to(app, RAHMAT)
    assert "dialog/schedule/confirmed" in await templates_to(app, SRI)  # the direct one too
    [dates] = await as_console(app, RAHMAT, text="/jadwal")  # his acting team's dates too
    assert [line["name"] for line in dates.text.context["lines"]] == ["Budi Santoso"]
    for supervisor, clock in ((RAHMAT, "10:00 WITA"), (SRI, "09:00 WIB")):  # each one's own
        [team] = await as_console(app, supervisor, text="/bawahan")
        [member] = [m for m in team.text.context["members"] if m["nama"] == "Budi Santoso"]
        assert member["scheduled"]["day"] == date(2026, 12, 2)
        assert f"{member['scheduled']['time']} {member['scheduled']['zone']}" == clock
        shown = messages.render(team.text.template, "id", team.text.context)
        assert f"dijadwalkan 2 Desember 2026 pukul {clock}" in shown


async def test_acting_assignments_that_make_no_sense_are_refused(
    demo: App, capsys: pytest.CaptureFixture[str]
) -> None:
    app = demo
    base = ["supervisor", "acting", "--by", RAHMAT, "--from", "2026-12-01"]
    assert await run(demo, *base, "--to", "2026-11-01", "--for", BUDI) == 1
    assert "setelah tanggal mulai" in capsys.readouterr().out
    assert await run(demo, *base, "--to", "2026-12-31", "--unit", "Tidak Ada") == 1
    assert "Tidak ada unit kerja bernama Tidak Ada" in capsys.readouterr().out
    assert await run(demo, *base, "--to", "2026-12-31", "--for", RAHMAT) == 1
    assert await run(demo, *base, "--to", "kemarin", "--for", BUDI) == 2
    async with app.uow() as uow:
        assert await uow.oversight.acting() == []


async def test_someone_without_a_supervisor_is_handled_by_the_coordinators(demo: App) -> None:
    app = demo
    record = OrgRecord("198905052015031007", "Yosef Kambu", "PNS", "III/c", "S1", "10 tahun",
                       "Analis", "Balai Diklat Makassar", None, None, frozenset({"pegawai"}),
                       None, "WIT", "id")  # fmt: skip
    async with app.uow() as uow:
        await uow.organisation.upsert([record], None)
        yosef = await uow.employees.by_nip(record.nip)
        assert yosef is not None
        told = await notice_recipients(uow, yosef, app.clock.now())
        await uow.commit()
    assert [(p.nama, coordinator) for p, coordinator in told] == [("Dr. Hendra Wijaya", True)]
    plan_id = await send_plan(app, record.nip)
    status, _ = await as_console(app, HENDRA, payload=f"plan:view:{plan_id}")
    assert status.text.context["owner"] == "Yosef Kambu"


async def scan_at(app: App, clock: FakeClock, when: datetime) -> int:
    clock.current = when
    async with app.uow() as uow:
        return await nudge_run.scan(uow, when, admin_quiet(app))


def admin_quiet(app: App) -> object:
    from handlers.calendar import parse_quiet_hours

    return parse_quiet_hours(app.settings.quiet_hours)


async def test_a_late_supervisor_is_reminded_once_then_the_coordinator_gets_one_digest(
    demo: App, clock: FakeClock, capsys: pytest.CaptureFixture[str]
) -> None:
    """Sent on Sunday 29 November 2026: Mon 30, Tue 1, Wed 2 pass; Sri hears on Thursday
    3 December at 09:00 WIB; seven pass by Tuesday 8; Hendra hears on Wednesday 9."""
    app = demo
    budi_plan, dewi_plan = await send_plan(app, BUDI), await send_plan(app, DEWI)
    assert await scan_at(app, clock, datetime(2026, 12, 2, 2, 0, tzinfo=UTC)) == 0
    assert await scan_at(app, clock, datetime(2026, 12, 3, 1, 0, tzinfo=UTC)) == 0  # 08:00
    assert await run(app, "schedule", "preview", "--on", "2026-12-03") == 0
    out = capsys.readouterr().out
    assert "09:00 WIB → Sri Wahyuni" in out and "Budi Santoso (3 hari kerja)" in out
    assert await templates_to(app, SRI) == []  # the preview sent nothing
    assert await scan_at(app, clock, datetime(2026, 12, 3, 2, 0, tzinfo=UTC)) == 1
    assert await scan_at(app, clock, datetime(2026, 12, 3, 2, 5, tzinfo=UTC)) == 0
    assert await templates_to(app, SRI) == ["dialog/team/nudge_schedule"]
    assert await run(app, "schedule", "preview", "--on", "2026-12-03") == 0
    out = capsys.readouterr().out  # queued now, not due again: shown as waiting in the outbox
    assert "09:00 WIB → Sri Wahyuni: sudah antre (dialog/team/nudge_schedule)" in out
    assert "pengingat menjadwalkan dialog" not in out
    async with app.engine.connect() as connection:
        recorded = await connection.execute(
            select(DialogNudgeRow.kind, DialogNudgeRow.plan_id).order_by(DialogNudgeRow.plan_id)
        )
        assert list(recorded) == [("schedule", budi_plan), ("schedule", dewi_plan)]
    assert await run(app, "schedule", "preview", "--on", "2026-12-08") == 0
    assert "eskalasi ke koordinator" not in capsys.readouterr().out
    assert await run(app, "schedule", "preview", "--on", "2026-12-09") == 0
    assert "09:00 WIB → Dr. Hendra Wijaya: eskalasi ke koordinator" in capsys.readouterr().out
    assert await scan_at(app, clock, datetime(2026, 12, 8, 2, 0, tzinfo=UTC)) == 0
    assert await scan_at(app, clock, datetime(2026, 12, 9, 2, 0, tzinfo=UTC)) == 1
    assert await scan_at(app, clock, datetime(2026, 12, 10, 2, 0, tzinfo=UTC)) == 0
    assert await templates_to(app, HENDRA) == ["dialog/team/nudge_escalate"]
    async with app.engine.connect() as connection:
        [(context,)] = await connection.execute(
            select(OutboxRow.context).where(OutboxRow.template == "dialog/team/nudge_escalate")
        )
    assert "Budi Santoso" in context and "Dewi Lestari" in context
    _formulir1, dialogues = await as_console(app, HENDRA, text="/progres")
    assert dialogues.text.context["late"] == [{"name": "Sri Wahyuni", "plans": 2}]
    [ahead] = await as_console(app, HENDRA, text="/progres besok")
    assert ahead.text.template == "dialog/team/preview"
    assert ahead.text.context["day"].isoformat() == "2026-12-11"  # the clock reads the 10th
    [refused] = await as_console(app, BUDI, text="/progres besok")
    assert refused.text.template != "dialog/team/preview"


async def test_the_cycle_nudge_settings_are_stored_and_used(demo: App, clock: FakeClock) -> None:
    app = demo
    assert await run(app, "schedule", "nudges", "--remind-supervisor", "1", "--escalate", "2") == 0
    async with app.uow() as uow:
        assert await uow.oversight.settings(2026) == NudgeSettings(1, 2, 3, 3)
    await send_plan(app, BUDI)
    assert await scan_at(app, clock, datetime(2026, 12, 1, 2, 0, tzinfo=UTC)) == 1  # Tuesday
    assert await run(app, "schedule", "nudges", "--year", "2031") == 1  # no such cycle
    async with app.engine.connect() as connection:
        assert await connection.scalar(select(func.count()).select_from(DialogNudgeRow)) == 1


async def test_in_the_terminal_the_supervisor_lists_the_team_and_opens_a_plan_and_its_history(
    demo: App, clock: FakeClock
) -> None:
    """``idp-bot chat --as`` Sri with no Telegram: numbered buttons open the plan; and the
    terminal mailbox shows her the nudge when its day comes."""
    from tests.integration.test_terminal_mail import Terminal

    app = demo
    await send_plan(app, BUDI)
    screen = await Terminal(app, SRI, ["/bantuan", "/bawahan", "1", "/bawahan", "2"]).run()
    assert "/bawahan — tim Anda dan tahap rencana masing-masing" in screen
    assert "Budi Santoso — Analis SDM Aparatur Ahli Pertama: terkirim, menunggu dijadwalkan" in (
        screen)  # fmt: skip
    assert "[1] 📄 Lihat rencana Budi Santoso" in screen
    assert "[2] 🕘 Riwayat Budi Santoso" in screen
    assert "Rencana Pengembangan Kompetensi 2026 · Budi Santoso · status: terkirim" in screen
    assert "dikirim (draf → terkirim), oleh Budi Santoso" in screen
    clock.current = datetime(2026, 12, 3, 2, 0, tzinfo=UTC)
    later = await Terminal(app, SRI, ["/bantuan"]).run()
    assert "📬 Pesan bot untuk Anda:\nPengingat dialog kinerja" in later


async def test_a_plan_late_after_the_days_digest_went_is_in_the_next_days_digest(
    demo: App, clock: FakeClock
) -> None:
    """One digest a day: Dewi's plan, late only once the coordinator shortened the days after
    the morning's digest went, waits for the next morning's — it is not lost."""
    app = demo
    await send_plan(app, BUDI)  # Sunday 29 November
    clock.current = datetime(2026, 11, 30, 2, 0, tzinfo=UTC)
    await send_plan(app, DEWI)  # Monday 30 November: a day later
    await scan_at(app, clock, datetime(2026, 12, 9, 2, 0, tzinfo=UTC))  # and Sri's reminders
    assert await templates_to(app, HENDRA) == ["dialog/team/nudge_escalate"]
    assert await run(app, "schedule", "nudges", "--escalate", "6") == 0
    assert await scan_at(app, clock, datetime(2026, 12, 9, 3, 0, tzinfo=UTC)) == 0
    assert await scan_at(app, clock, datetime(2026, 12, 10, 2, 0, tzinfo=UTC)) == 1
    async with app.engine.connect() as connection:
        digests = list(await connection.execute(
            select(OutboxRow.context).where(OutboxRow.template == "dialog/team/nudge_escalate")
            .order_by(OutboxRow.id)))  # fmt: skip
    assert ["Dewi Lestari" in c for (c,) in digests] == [False, True]
    assert ["Budi Santoso" in c for (c,) in digests] == [True, False]
