"""The quarterly check-in on the real storage (SQLite and PostgreSQL): opened once on the
quarter's date for agreed plans, asked at 09:00 on a working day of each person's zone; Budi
answers item by item — a wrong date, a JP that is no number and wrong files get a sentence and
the question again, a pause loses nothing — cancels one item and proposes a new one; Sri reads
it with the evidence, agrees both changes (the plan takes them, the cancelled item leaves the
verification queue), gives feedback and closes; Budi is told."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from bot import admin
from bot.app import App
from handlers.calendar import NO_QUIET_HOURS
from handlers.checkin import amendments, nudge_run, opening
from handlers.checkin.model import CheckinState, ItemStatus, Verdict
from handlers.checkin.ports import ItemAnswer
from handlers.checkin.rights import CheckinRefused
from handlers.cycle import default_cycle
from handlers.plan.lifecycle import State
from handlers.plan.model import Decision, PlanEvent, Stage
from storage.outbox import OutboxRow
from storage.verify_models import ItemVerificationRow
from tests.channels.test_dialog_agreement import ADDED
from tests.conftest import FakeClock
from tests.integration.checkin_support import Chat, Files, agreed_plan, at, months
from tests.integration.test_plan_records import BUDI, SRI

PDF = b"%PDF-1.4 sertifikat pelatihan"
FEEDBACK = "Bagus, terapkan di rapat bulanan."
CANCELLED = "Kegiatan ditiadakan tahun ini."
KEPT = "Tetap di triwulan III: anggarannya sudah ada."


async def queued(app: App, template: str) -> list[datetime]:
    """When each message of ``template`` queued is due."""
    async with app.engine.connect() as connection:
        query = select(OutboxRow.due_at).where(OutboxRow.template == template)
        return list(await connection.scalars(query.order_by(OutboxRow.id)))


async def test_a_quarter_is_asked_answered_amended_reviewed_and_closed(
    app: App, clock: FakeClock
) -> None:
    await admin.seed_demo(app)
    clock.current = at(2026, 3, 30)  # before the first check-in date: nothing opens
    plan_id = await agreed_plan(
        app, BUDI, [months(3, 5), months(7, 9), months(10, 12), months(8, 9)]
    )
    async with app.uow() as uow:
        assert await opening.scan(uow, clock.now(), NO_QUIET_HOURS) == 0
    clock.current = datetime(2026, 9, 30, 0, 30, tzinfo=UTC)  # 07:30 WIB on Q3's date
    async with app.uow() as uow:
        assert await opening.scan(uow, clock.now(), NO_QUIET_HOURS) == 1
    async with app.uow() as uow:  # the tick again (or after a restart): nobody twice
        assert await opening.scan(uow, clock.now(), NO_QUIET_HOURS) == 0
    [asked] = await queued(app, "checkin/asked")
    assert asked == datetime(2026, 9, 30, 2, 0, tzinfo=UTC)  # 09:00 WIB, a Wednesday

    files = Files()
    budi = await Chat(app, BUDI, files).bind()
    await budi.say("/triwulan")
    assert "3 item jatuh tempo" in budi.text() and "Item 3" in budi.text()  # shown, not asked
    await budi.press("Terlaksana")
    await budi.say("31-12-2025")
    assert "di luar tahun siklus" in budi.text()
    await budi.say("15-04-2026")
    await budi.token("c2")  # eksperiensial, as planned
    await budi.token("c0")
    await budi.say("dua")
    assert "angka" in budi.text().lower()
    await budi.say("16")
    await budi.say("ini sertifikatnya")
    assert "bukan diketik" in budi.text()
    await budi.send_file("catatan.txt", b"hello")
    assert "bukan PDF, JPG atau PNG" in budi.text()
    await budi.send_file("palsu.pdf", b"MZ not a pdf")
    assert "bukan PDF, JPG atau PNG" in budi.text()
    await budi.send_file("besar.pdf", PDF + b"0" * (5 * 1024 * 1024))
    assert "terlalu besar" in budi.text()
    await budi.send_file("sertifikat.pdf", PDF)
    assert "Kesesuaian" in budi.text()
    await budi.say("/batal")  # paused: every answer kept
    await budi.say("/triwulan")
    assert "Kesesuaian" in budi.text() and "Item 1" in budi.text()
    await budi.token("c1")  # sebagian
    await budi.say("Materinya terlalu umum untuk rapat bidang.")
    await budi.token("c3")  # benefit 4
    await budi.say("Notulen rapat selesai di hari yang sama.")
    await budi.token("c3")  # item 2: batal
    await budi.say(CANCELLED)
    await budi.token("c2")  # item 4: not yet,
    await budi.token("c3")  # to be moved to the fourth quarter
    assert "Periksa check-in triwulan" in budi.text()
    await budi.press("Kirim check-in")
    assert "terkirim ke Sri Wahyuni" in budi.text()
    await budi.press("Tambah kebutuhan baru")
    await budi.answer(ADDED)
    await budi.press("Ajukan ke atasan")
    assert "diajukan ke Sri Wahyuni" in budi.text()
    await budi.say("/triwulan ubah")  # an item not due yet: moved to the third quarter
    assert "Item 3 (Komunikasi), Oktober–Desember" in budi.labels()
    await budi.answer(["@c2", "@c0", "@c2"])
    assert "Periksa usulan perubahan" in budi.text()
    await budi.press("Ajukan ke atasan")
    assert "diajukan ke Sri Wahyuni" in budi.text()

    sri = await Chat(app, SRI, files).bind()
    assert len(await queued(app, "checkin/submitted_notice")) == 3  # check-in, item, change
    await sri.say("/triwulan tim")
    assert "Budi Santoso — triwulan 3" in sri.text()
    await sri.press("Budi Santoso")
    _view, evidence = sri.last
    shown = sri.text()
    assert "JP terealisasi: 16" in shown and "sebagian sesuai" in shown
    assert "Kegiatan ditiadakan" in shown and "Penulisan SOP" in shown
    assert evidence.attachment is not None and evidence.attachment.data == PDF
    await sri.press("Setujui perubahan")  # the cancellation
    await sri.say("/triwulan tim")
    await sri.press("Budi Santoso")
    await sri.press("Tolak perubahan")  # the new time frame: the reason first
    assert "Tulis alasan" in sri.text() and "jangka waktu baru Oktober–Desember" in sri.text()
    await sri.say(KEPT)
    await sri.press("Tolak perubahan")
    assert "ditolak" in sri.text()
    await sri.say("/triwulan tim")
    await sri.press("Budi Santoso")
    agree_new = next(b.payload for r in sri.last for row in r.buttons for b in row
                     if b.payload.startswith("ci:ok:"))  # fmt: skip
    await sri.press("Setujui perubahan")  # the new item
    await sri.press_payload(agree_new)  # pressed twice: decided once
    assert "sudah diputuskan" in sri.text()
    await sri.say("/triwulan tim")
    await sri.press("Budi Santoso")
    await sri.press("Beri umpan balik")
    await sri.say(FEEDBACK)  # item 1
    await sri.say("/lewati")  # item 2: nothing to add
    await sri.say("/lewati")  # item 4: nothing either
    await sri.say("/lewati")  # no closing note
    await sri.press("Tutup dialog triwulan")
    assert "ditutup" in sri.text()

    async with app.uow() as uow:
        checkin = await uow.checkins.latest_of((await uow.employees.by_nip(BUDI)).id, 2026)  # type: ignore[union-attr]
        assert checkin is not None and checkin.state == CheckinState.REVIEWED
        answers = await uow.checkins.answers(checkin.id)
        content = await uow.plan_records.load(plan_id)
        decisions = await uow.agreements.decisions(plan_id, 1)
        events = await uow.plan_records.events(plan_id)
    done, cancelled, waiting = answers
    assert (waiting.status, waiting.jp_realized, waiting.evidence_file_id) == ("belum", None, None)
    assert (done.status, done.jp_realized, done.fit, done.benefit) == ("terlaksana", 16,
                                                                      "sebagian", 4)  # fmt: skip
    assert done.done_on is not None and done.done_on.isoformat() == "2026-04-15"
    assert (
        done.evidence_file_id is not None and done.feedback == "Bagus, terapkan di rapat bulanan."
    )
    assert (
        cancelled.status == "batal" and cancelled.status_reason == "Kegiatan ditiadakan tahun ini."
    )
    assert content is not None and len(content.items) == 5
    second, kept, added = content.items[1], content.items[3], content.items[4]
    assert kept.versions[Stage.AGREED].start_month == 8, "the rejected move changed nothing"
    assert Stage.AGREED not in second.versions
    assert decisions[second.id or 0].decision is Decision.REJECTED
    assert set(added.versions) == {Stage.PROPOSED, Stage.AGREED}
    assert [e.event for e in events][-2:] == ["amend_item", "amend_item"]
    assert await queued(app, "checkin/reviewed_notice")
    assert len(await queued(app, "checkin/amendment_decided")) == 3
    assert len(await queued(app, "checkin/amendment_to_group")) == 2, (
        "the agreed ones, to Sri's group"
    )
    async with app.uow() as uow:
        verdicts = [(a.kind, a.verdict, a.verdict_reason)
                    for a in await uow.checkins.amendments(checkin.id)]  # fmt: skip
    assert verdicts == [("cancel", "agreed", None), ("reschedule", "rejected", KEPT),
                        ("add", "agreed", None), ("reschedule", None, None)]  # fmt: skip

    await budi.say("/riwayat")  # the plan's story tells the changes
    story = budi.text()
    assert "perubahan rencana dari check-in triwulan" in story, story
    assert "item 2 ditolak" in story and "item 5 ditambahkan" in story

    async with app.uow() as uow:  # erased on request (UU PDP): the words and files go
        budi_id = (await uow.employees.by_nip(BUDI)).id  # type: ignore[union-attr]
        exported = await uow.personal_data.export(budi_id)
        await uow.personal_data.erase(budi_id, clock.now())
        await uow.commit()
    [exported_plan] = exported["plans"]
    assert {i["feedback"] for i in exported_plan["checkin_items"]} == {FEEDBACK, None}
    async with app.uow() as uow:
        after = await uow.checkins.answers(checkin.id)
        assert await uow.files.load(done.evidence_file_id) is None
    assert [(a.status, a.jp_realized, a.feedback, a.evidence_file_id) for a in after] == [
        ("terlaksana", 16, None, None), ("batal", None, None, None),
        ("belum", None, None, None)]  # fmt: skip


async def test_a_late_check_in_is_reminded_once_then_escalated(app: App, clock: FakeClock) -> None:
    await admin.seed_demo(app)
    await agreed_plan(app, BUDI, [months(3, 5)])
    clock.current = at(2026, 9, 30)
    async with app.uow() as uow:
        assert await opening.scan(uow, clock.now(), NO_QUIET_HOURS) == 1
    for day, expected in ((7, 0), (8, 1), (8, 0), (15, 1)):  # October: 5, then 10 working days
        clock.current = at(2026, 10, day)
        async with app.uow() as uow:
            assert await nudge_run.scan(uow, clock.now(), NO_QUIET_HOURS) == expected, day
    assert len(await queued(app, "checkin/nudge_checkin_late")) == 1
    assert len(await queued(app, "checkin/nudge_checkin_escalate")) == 1


async def test_an_agreed_new_time_frame_sends_a_verified_item_back_to_verification(
    app: App, clock: FakeClock
) -> None:
    """The contract with the verification: the agreed version is replaced, the verified one
    and its item_verifications row go (the item awaits verification again), the plan stays
    verified and the change is in its audit log."""
    await admin.seed_demo(app)
    clock.current = at(2026, 9, 30)
    plan_id = await agreed_plan(app, BUDI, [months(7, 9), months(8, 9)])
    async with app.uow() as uow:
        content = await uow.plan_records.load(plan_id)
        assert content is not None
        for item in content.items:
            await uow.checkins.add_version(item.id or 0, Stage.VERIFIED, 1,
                                           item.versions[Stage.AGREED], clock.now())  # fmt: skip
            row = ItemVerificationRow(item_id=item.id, submission=1, plan_id=plan_id,
                                      priority="tinggi", verified_at=clock.now())  # fmt: skip
            uow.session.add(row)
        assert await uow.plan_records.move(plan_id, State.AGREED, State.VERIFIED, clock.now())
        await uow.commit()
    async with app.uow() as uow:
        assert await opening.scan(uow, clock.now(), NO_QUIET_HOURS) == 1
    async with app.uow() as uow:
        budi, sri = await uow.employees.by_nip(BUDI), await uow.employees.by_nip(SRI)
        assert budi is not None and sri is not None
        checkin = await uow.checkins.latest_of(budi.id, 2026)
        assert checkin is not None
        moved_item = content.items[1].id or 0
        amendment = await uow.checkins.propose(checkin.id, plan_id, "reschedule", moved_item,
                                               {"start": 10, "end": 12, "quarter": 4}, None,
                                               clock.now())  # fmt: skip
        await amendments.decide(uow, sri, amendment, Verdict.AGREED, clock.now())
        await uow.commit()
    async with app.uow() as uow:
        plan = await uow.plans.get(plan_id)
        after = await uow.plan_records.load(plan_id)
        events = await uow.plan_records.events(plan_id)
        verified = set(await uow.session.scalars(select(ItemVerificationRow.item_id)))
    assert plan is not None and plan.status == State.VERIFIED
    assert after is not None
    kept, moved = after.items
    assert Stage.VERIFIED in kept.versions and Stage.VERIFIED not in moved.versions
    assert (moved.versions[Stage.AGREED].start_month, moved.versions[Stage.AGREED].quarter) == (
        10,
        4,
    )
    assert verified == {kept.id}
    assert events[-1].event == "amend_item" and events[-1].changes["C.2.bulan_mulai"] == [8, 10]


async def test_the_fourth_quarter_is_asked_while_next_year_is_being_planned(
    app: App, clock: FakeClock
) -> None:
    """31 December: the 2027 cycle is open (planned in Q4), yet the 2026 plans' fourth
    check-in opens, and in January /triwulan still finds it."""
    await admin.seed_demo(app)
    clock.current = at(2026, 12, 31)
    async with app.uow() as uow:
        assert await uow.cycles.open(default_cycle(2027, "cli", clock.now()))
        await uow.commit()
    await agreed_plan(app, BUDI, [months(10, 12)])
    async with app.uow() as uow:
        assert await opening.scan(uow, clock.now(), NO_QUIET_HOURS) == 1
    clock.current = at(2027, 1, 5)
    budi = await Chat(app, BUDI, Files()).bind()
    await budi.say("/triwulan")
    assert "Check-in triwulan 4 tahun 2026" in budi.text() and "1 item jatuh tempo" in budi.text()
    clock.current = at(2027, 4, 5)  # a quarter after the last date: 2026's check-ins are over
    async with app.uow() as uow:
        assert await opening.checkin_years(uow, clock.now()) == [2027]


async def test_a_change_of_an_item_cancelled_meanwhile_is_refused_and_left_undecided(
    app: App, clock: FakeClock
) -> None:
    await admin.seed_demo(app)
    clock.current = at(2026, 9, 30)
    plan_id = await agreed_plan(app, BUDI, [months(7, 9)])
    async with app.uow() as uow:
        assert await opening.scan(uow, clock.now(), NO_QUIET_HOURS) == 1
    async with app.uow() as uow:
        budi, sri = await uow.employees.by_nip(BUDI), await uow.employees.by_nip(SRI)
        assert budi is not None and sri is not None
        checkin = await uow.checkins.latest_of(budi.id, 2026)
        content = await uow.plan_records.load(plan_id)
        assert checkin is not None and content is not None
        item = content.items[0].id
        cancel = await uow.checkins.propose(checkin.id, plan_id, "cancel", item, {}, "x",
                                            clock.now())  # fmt: skip
        move = await uow.checkins.propose(checkin.id, plan_id, "reschedule", item,
                                          {"start": 10, "end": 12}, None, clock.now())  # fmt: skip
        await amendments.decide(uow, sri, cancel, Verdict.AGREED, clock.now())
        await uow.commit()
    async with app.uow() as uow:
        with pytest.raises(CheckinRefused) as refused:
            await amendments.decide(uow, sri, move, Verdict.AGREED, clock.now())
        await uow.commit()
    assert refused.value.reason == "gone"
    async with app.uow() as uow:
        left = await uow.checkins.amendment(move)
    assert left is not None and left.verdict is None


async def test_a_plan_agreed_after_a_quarters_date_is_first_asked_the_next_quarter(
    app: App, clock: FakeClock
) -> None:
    await admin.seed_demo(app)
    clock.current = at(2026, 4, 15)
    plan_id = await agreed_plan(app, BUDI, [months(1, 3)])
    async with app.uow() as uow:  # confirmed on 15 April, after Q1's date (31 March)
        await uow.plan_records.append(PlanEvent(plan_id, "confirm", State.AWAITING_CONFIRMATION,
                                                State.AGREED, clock.now()))  # fmt: skip
        await uow.commit()
    clock.current = at(2026, 4, 20)
    async with app.uow() as uow:
        assert await opening.scan(uow, clock.now(), NO_QUIET_HOURS) == 0
    clock.current = at(2026, 6, 30)
    async with app.uow() as uow:
        assert await opening.scan(uow, clock.now(), NO_QUIET_HOURS) == 1


async def test_an_older_quarter_left_unanswered_is_not_nudged_once_a_newer_one_opens(
    app: App, clock: FakeClock
) -> None:
    await admin.seed_demo(app)
    await agreed_plan(app, BUDI, [months(7, 12)])
    for day in (at(2026, 9, 30), at(2026, 12, 31)):  # Q3, then Q4: Q3 never answered
        clock.current = day
        async with app.uow() as uow:
            assert await opening.scan(uow, clock.now(), NO_QUIET_HOURS) == 1
    # 5 full working days after Q4's date (1 and 5 January are holidays)
    clock.current = at(2027, 1, 12)
    async with app.uow() as uow:
        assert await nudge_run.scan(uow, clock.now(), NO_QUIET_HOURS) == 1
    assert len(await queued(app, "checkin/nudge_checkin_late")) == 1
    assert await queued(app, "checkin/nudge_checkin_escalate") == [], "Q3 is not escalated"


async def test_an_item_done_in_an_earlier_quarter_is_not_asked_again(
    app: App, clock: FakeClock
) -> None:
    await admin.seed_demo(app)
    plan_id = await agreed_plan(app, BUDI, [months(4, 6), months(4, 9)])
    clock.current = at(2026, 6, 30)  # Q2: both items due; the first done, the other under way
    async with app.uow() as uow:
        assert await opening.scan(uow, clock.now(), NO_QUIET_HOURS) == 1
    async with app.uow() as uow:
        content = await uow.plan_records.load(plan_id)
        assert content is not None
        done, running = (item.id for item in content.items)
        assert done is not None and running is not None
        budi = await uow.employees.by_nip(BUDI)
        assert budi is not None
        second = await uow.checkins.latest_of(budi.id, 2026)
        assert second is not None
        answers = [ItemAnswer(done, ItemStatus.TERLAKSANA), ItemAnswer(running, "berjalan")]
        assert await uow.checkins.submit(second.id, answers, clock.now())
        await uow.commit()
    clock.current = at(2026, 9, 30)  # Q3: only the item still under way is asked
    async with app.uow() as uow:
        assert await opening.scan(uow, clock.now(), NO_QUIET_HOURS) == 1
    chat = await Chat(app, BUDI, Files()).bind()
    await chat.say("/triwulan")
    assert "1 item jatuh tempo" in chat.text(), chat.text()
