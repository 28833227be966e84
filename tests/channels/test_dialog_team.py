"""Through a real Telegram client: Sri lists her team with each plan's stage and opens a
report's history; a stranger's forged button is refused; Sri, late to schedule, is reminded
on the right working day and then Hendra, the coordinator, gets the day's digest — the
scheduler's real tick, the clock moved by hand, the sender delivering."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.scheduler import scan
from tests.channels.conftest import Person, RunningBot, demo_person, invite_code
from tests.conftest import FakeClock
from tests.delivery_support import run_until, settled, start_sender
from tests.fake_telegram import FakeBotApi
from tests.integration.test_dialog_oversee import BUDI, DEWI, HENDRA, RAHMAT, SRI, send_plan


async def bound(running_bot: RunningBot, api: FakeBotApi, user_id: int, nip: str) -> Person:
    person = Person(api, api.user(user_id, nip[-4:]))
    await person.say(f"/start {await invite_code(running_bot.app, nip)}")
    return person


async def tick_and_deliver(running_bot: RunningBot, clock: FakeClock, when: datetime) -> None:
    """The scheduler's nudge tick at ``when``, then the sender until nothing is pending."""
    clock.current = when
    await scan(running_bot.app, None, "nudges")
    sender = await start_sender(running_bot.app)
    try:
        await run_until(sender, lambda: settled(running_bot.app))
    finally:
        await sender.channel.close()


async def test_the_team_its_stages_and_a_late_supervisor_reminded_then_escalated(
    running_bot: RunningBot, bot_api: FakeBotApi, clock: FakeClock
) -> None:
    app = running_bot.app
    sri = await demo_person(app, bot_api, 702, SRI)
    hendra = await bound(running_bot, bot_api, 701, HENDRA)
    rahmat = await bound(running_bot, bot_api, 706, RAHMAT)
    budi_plan = await send_plan(app, BUDI)  # sent on Sunday 29 November 2026
    await send_plan(app, DEWI)

    [team] = await sri.say("/bawahan")
    assert "Tim Anda — rencana 2026" in team.text
    assert (
        "Budi Santoso — Analis SDM Aparatur Ahli Pertama: <b>terkirim, menunggu dijadwalkan</b>"
        in team.text
    )
    assert "(sejak 29 November 2026)" in team.text  # the day it was sent, on Sri's clock
    assert "Andi Pratama" in team.text and "belum mulai" in team.text
    [history] = await sri.press("🕘 Riwayat Budi Santoso")
    assert "Riwayat rencana 2026 — Budi Santoso" in history.text
    assert "<b>dikirim</b> (draf → terkirim), oleh Budi Santoso" in history.text
    [refused] = await rahmat.press_payload(f"plan:history:{budi_plan}")
    assert refused.text.startswith("Anda tidak dapat melihat riwayat rencana ini: hanya pegawai")
    [empty] = await rahmat.say("/bawahan")
    assert "Tidak ada pegawai yang melapor kepada Anda" in empty.text

    before = len(bot_api.sent_to(sri.user.id))
    await tick_and_deliver(running_bot, clock, datetime(2026, 12, 2, 2, 0, tzinfo=UTC))  # Wed
    assert len(bot_api.sent_to(sri.user.id)) == before, "two full working days: not yet"
    await tick_and_deliver(running_bot, clock, datetime(2026, 12, 3, 2, 0, tzinfo=UTC))  # Thu
    [reminder] = bot_api.sent_to(sri.user.id)[before:]
    assert "Pengingat dialog kinerja" in reminder.text
    assert "Budi Santoso (Pusat Pengembangan Kompetensi), atasan Sri Wahyuni: 3 hari kerja" in (
        reminder.text)  # fmt: skip
    assert ("📄 Lihat rencana Budi Santoso", f"plan:view:{budi_plan}") in reminder.buttons
    await tick_and_deliver(running_bot, clock, datetime(2026, 12, 4, 2, 0, tzinfo=UTC))  # Fri
    assert len(bot_api.sent_to(sri.user.id)) == before + 1, "reminded once"

    told = len(bot_api.sent_to(hendra.user.id))
    await tick_and_deliver(running_bot, clock, datetime(2026, 12, 8, 2, 0, tzinfo=UTC))  # Tue
    assert len(bot_api.sent_to(hendra.user.id)) == told, "six full working days: not yet"
    await tick_and_deliver(running_bot, clock, datetime(2026, 12, 9, 2, 0, tzinfo=UTC))  # Wed
    [digest] = bot_api.sent_to(hendra.user.id)[told:]
    assert "Dialog kinerja tertunda" in digest.text
    assert "Budi Santoso" in digest.text and "Dewi Lestari" in digest.text
    await tick_and_deliver(running_bot, clock, datetime(2026, 12, 10, 2, 0, tzinfo=UTC))
    assert len(bot_api.sent_to(hendra.user.id)) == told + 1, "one digest, once"
    progress = await hendra.say("/progres", expect=2)
    assert "Atasan yang terlambat menjadwalkan" in progress[1].text
    assert "Sri Wahyuni: 2 rencana" in progress[1].text
