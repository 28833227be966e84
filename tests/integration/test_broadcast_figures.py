"""Hendra watches a broadcast to the Pengembangan SDM group: the live progress and the
report say the same things in the same words — someone who never linked an account is
"Tidak dapat dihubungi", not "Gagal" — and when the bot stops while sending, the messages it
was sending are uncertain *because it stopped* (they go again), never "waktu habis"."""

from __future__ import annotations

from datetime import timedelta

import messages
from bot import admin
from bot.app import App
from handlers import broadcast
from handlers.calendar import NO_QUIET_HOURS
from handlers.outbox import Settlement, Status
from tests.conftest import FakeClock

HENDRA = "197002151995031001"
GROUP = "group:Pengembangan SDM"  # Sri, Budi, Rahmat
LEASE = timedelta(seconds=30)


async def started(app: App) -> int:
    assert await admin.seed_demo(app)
    async with app.uow() as uow:
        hendra = await uow.employees.by_nip(HENDRA)
        assert hendra is not None
        created = await broadcast.create(uow, hendra, GROUP, "Rapat IDP", None,
                                         app.clock.now(), 2026, quiet=NO_QUIET_HOURS)  # fmt: skip
    return created.id


async def texts(app: App, broadcast_id: int) -> tuple[list[str], list[str]]:
    """The progress and the report as Hendra reads them now (lines)."""
    async with app.uow() as uow:
        found = await broadcast.load_report(uow, broadcast_id)
    assert found is not None
    progress, report = broadcast.progress_msg(found), broadcast.report_msg(found)
    return (
        messages.render(progress.template, "id", progress.context).splitlines(),
        messages.render(report.template, "id", report.context).splitlines(),
    )


async def test_the_progress_and_the_report_count_the_unreachable_alike(app: App) -> None:
    broadcast_id = await started(app)
    async with app.uow() as uow:  # one message goes, two people have no account
        items = await uow.outbox.claim("telegram", "w1", app.clock.now(), LEASE, 10, unbound=True)
        sent, *unreachable = items
        settled = [(sent.id, Settlement(Status.SENT, 0, 0, 1, sent_at=app.clock.now()))] + [
            (i.id, Settlement(Status.UNREACHABLE, 0, 0, 0, last_error="no account"))
            for i in unreachable
        ]
        await uow.outbox.settle("w1", settled)
        await uow.commit()

    progress, report = await texts(app, broadcast_id)

    assert progress[1:] == ["Terkirim: 1 / 3", "Gagal: 0", "Tidak dapat dihubungi: 2"]
    assert {"Terkirim: 1", "Gagal: 0", "Tidak dapat dihubungi: 2"} <= set(report)


async def test_messages_in_flight_when_the_bot_stopped_are_uncertain_because_it_stopped(
    app: App, clock: FakeClock
) -> None:
    broadcast_id = await started(app)
    async with app.uow() as uow:
        items = await uow.outbox.claim("telegram", "w1", clock.now(), LEASE, 10, unbound=True)
        await uow.outbox.settle(
            "w1", [(items[0].id, Settlement(Status.SENT, 0, 0, 1, sent_at=clock.now()))]
        )
        await uow.commit()
    clock.advance(minutes=5)  # the process was killed; a new one starts
    async with app.uow() as uow:
        assert await uow.outbox.release_expired(clock.now(), every_claim=True) == 2
        await uow.commit()

    progress, report = await texts(app, broadcast_id)

    stopped = "  • bot berhenti saat mengirim; dikirim ulang, mungkin terkirim dua kali: 2"
    for shown in (progress, report):
        assert "Belum terkirim: 2" in shown and "Tidak pasti: 2" in shown and stopped in shown
        assert not any("waktu habis" in line for line in shown)
    assert {line.replace(" / 3", "") for line in progress[1:]} <= set(report)
