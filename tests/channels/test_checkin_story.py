"""Issue 11's check-in through the real python-telegram-bot against the fake Bot API, with the
clock moved to the third quarter's check-in date (Wednesday 30 September 2026): Rahmat (WITA)
and Budi (WIB), whose plans are agreed, are each asked at 09:00 on their own clock; Budi sends
wrong files (refused, asked again), a certificate (taken), the bot restarts in the middle and
he goes on where he stopped; he cancels an item and proposes a new need, which reaches Sri as
an amendment; Sri reads the check-in with the certificate sent again, agrees the changes,
gives feedback and closes the quarter; Budi is told. A photo is taken as evidence too."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from bot.app import App
from handlers.calendar import parse_quiet_hours
from handlers.checkin import opening
from tests.channels.conftest import Person, RunningBot, demo_person
from tests.channels.dialog_steps import bound, deliver
from tests.channels.test_dialog_agreement import ADDED, press_token
from tests.conftest import FakeClock
from tests.fake_telegram import FakeBotApi, Sent, Upload
from tests.integration.checkin_support import agreed_plan, months
from tests.integration.test_checkins import queued
from tests.integration.test_dialog_oversee import RAHMAT, SRI
from tests.integration.test_plan_records import BUDI

CERTIFICATE = Upload("sertifikat.pdf", "application/pdf", b"%PDF-1.4 sertifikat diklat")
PHOTO = Upload("foto.jpg", "image/jpeg", b"\xff\xd8\xff\xe0 foto kegiatan")
REASON = "Diklat ditiadakan tahun ini."
FEEDBACK = "Bagus; bagikan materinya di rapat bidang."


async def open_quarter(app: App) -> int:
    async with app.uow() as uow:
        return await opening.scan(uow, app.clock.now(), parse_quiet_hours(app.settings.quiet_hours))


async def answer(person: Person, answers: list[str]) -> None:
    for text in answers:
        await (press_token(person, text[1:]) if text.startswith("@") else person.say(text))


async def test_the_quarterly_check_in_story(
    running_bot: RunningBot, bot_api: FakeBotApi, clock: FakeClock
) -> None:
    app = running_bot.app
    budi = await demo_person(app, bot_api, 6001)
    sri = await bound(app, bot_api, 6002, SRI, "Sri")
    rahmat = await bound(app, bot_api, 6003, RAHMAT, "Rahmat")
    for nip in (BUDI, RAHMAT):
        await agreed_plan(app, nip, [months(3, 5), months(7, 9), months(10, 12)])

    clock.current = datetime(2026, 9, 30, 0, 30, tzinfo=UTC)  # 07:30 WIB, 08:30 WITA
    assert await open_quarter(app) == 2
    assert await open_quarter(app) == 0
    clock.current = datetime(2026, 9, 30, 1, 5, tzinfo=UTC)  # 09:05 WITA, 08:05 WIB
    before = len(bot_api.sent_to(budi.user.id))
    await deliver(app)
    [asked] = bot_api.sent_to(rahmat.user.id)[-1:]
    assert "Check-in triwulan 3 tahun 2026" in asked.text
    assert len(bot_api.sent_to(budi.user.id)) == before, "09:00 on Budi's clock is not yet"
    clock.current = datetime(2026, 9, 30, 2, 5, tzinfo=UTC)  # 09:05 WIB
    await deliver(app)
    assert "Check-in triwulan 3 tahun 2026" in bot_api.sent_to(budi.user.id)[-1].text

    intro, first = await budi.press("📝 Isi check-in", expect=2)
    assert "2 item jatuh tempo" in intro.text and "Item 3" in intro.text
    assert "Bagaimana pelaksanaan item ini" in first.text
    await answer(budi, ["@c0", "15-04-2026", "@c2", "@c0", "16"])
    wrong, asked_again = await _send(budi, bot_api, Upload("catatan.docx", None, b"PK"), expect=2)
    assert "bukan PDF, JPG atau PNG" in wrong.text and "Kirim bukti" in asked_again.text
    [taken] = await _send(budi, bot_api, CERTIFICATE)
    assert "Kesesuaian" in taken.text

    await running_bot.close()  # the bot restarts in the middle of the check-in
    restarted = await RunningBot(app).start()
    try:
        await go_on_and_review(app, bot_api, budi, sri, rahmat)
    finally:
        await restarted.close()


async def _send(
    person: Person, api: FakeBotApi, upload: Upload, photo: bool = False, expect: int = 1
) -> list[Sent]:
    before = len(api.sent_to(person.user.id))
    update = api.photo_update(person.user, upload) if photo else api.document_update(
        person.user, upload)  # fmt: skip
    await api.inject(update)
    return (await api.wait_for(person.user.id, before + expect))[before:]


async def quiet(api: FakeBotApi, person: Person) -> None:
    """Wait until the bot has said everything it is saying to ``person``."""
    seen = -1
    while seen != len(api.sent_to(person.user.id)):
        seen = len(api.sent_to(person.user.id))
        await asyncio.sleep(0.3)


async def go_on_and_review(
    app: App, bot_api: FakeBotApi, budi: Person, sri: Person, rahmat: Person
) -> None:
    [again] = (await budi.say("/triwulan", expect=2))[-1:]
    assert "Kesesuaian" in again.text and "Item 1" in again.text, "nothing was lost"
    await answer(budi, ["@c1", "Materinya terlalu umum.", "@c3", "Notulen selesai cepat."])
    await answer(budi, ["@c3", REASON])  # item 2: cancelled, with why
    await quiet(bot_api, budi)
    assert "Periksa check-in triwulan" in "".join(
        m.text for m in bot_api.sent_to(budi.user.id)[-2:]
    )
    [sent] = await budi.press("📨 Kirim check-in")
    assert "terkirim ke Sri Wahyuni" in sent.text
    await budi.press("➕ Tambah kebutuhan baru", expect=2)
    await answer(budi, ADDED)
    await quiet(bot_api, budi)
    [proposed] = await budi.press("📨 Ajukan ke atasan")
    assert "diajukan ke Sri Wahyuni" in proposed.text

    before = len(bot_api.sent_to(sri.user.id))
    await deliver(app)
    notices = bot_api.sent_to(sri.user.id)[before:]
    assert any("mengirim check-in triwulan 3" in m.text for m in notices)
    assert any("mengusulkan 1 perubahan rencana" in m.text for m in notices)
    view, caption, evidence = await sri.press("📖 Buka check-in", expect=3)
    assert "Bukti item 1" in caption.text
    assert "JP terealisasi: 16" in view.text and "sebagian sesuai" in view.text
    assert REASON in view.text and "Penulisan SOP" in view.text
    assert evidence.document is not None and evidence.document.content == CERTIFICATE.content
    await sri.press("✅ Setujui perubahan")  # the cancellation
    await sri.say("/bawahan")  # the team's check-ins, from the team's list
    [team] = await sri.press("📋 Check-in triwulan tim")
    assert "Budi Santoso — triwulan 3: terkirim" in team.text
    await sri.press("📖 Budi Santoso — triwulan 3", expect=3)
    await sri.press("✅ Setujui perubahan")  # the new item
    await sri.press("📖 Budi Santoso — triwulan 3", expect=3)
    await sri.press("💬 Beri umpan balik dan tutup", expect=2)
    await sri.say(FEEDBACK)  # item 1
    await sri.say("/lewati")  # item 2: nothing to add
    await sri.say("/lewati")  # no closing note
    await quiet(bot_api, sri)
    [closed] = await sri.press("✅ Tutup dialog triwulan")
    assert "ditutup" in closed.text
    before = len(bot_api.sent_to(budi.user.id))
    await deliver(app)
    told = " ".join(m.text for m in bot_api.sent_to(budi.user.id)[before:])
    assert FEEDBACK in told and "disetujui oleh Sri Wahyuni" in told

    payloads = {p for m in bot_api.sent_to(sri.user.id) for _, p in m.buttons}
    [checkin_id] = {p.rsplit(":", 1)[1] for p in payloads if p.startswith("ci:view:")}
    amendment = next(p for p in payloads if p.startswith("ci:ok:"))
    for forged in (f"ci:view:{checkin_id}", f"ci:review:{checkin_id}", amendment,
                   f"ci:start:{checkin_id}", f"ci:snooze:{checkin_id}"):  # fmt: skip
        [refused] = await rahmat.press_payload(forged)  # a stranger to Budi's plan
        assert refused.text.startswith(("Anda tidak dapat membuka", "Hanya atasan langsung",
                                        "Hanya pegawai pemilik")), forged  # fmt: skip

    [snoozed] = await rahmat.press("⏰ Ingatkan besok")
    assert "1 Oktober 2026 pukul 09:00 WITA" in snoozed.text
    assert await queued(app, "checkin/snoozed_notice") == [datetime(2026, 10, 1, 1, tzinfo=UTC)]
    await rahmat.press("📝 Isi check-in", expect=2)  # a photo is evidence too
    await answer(rahmat, ["@c0", "01-05-2026", "@c0", "@c0", "8"])
    [taken] = await _send(rahmat, bot_api, PHOTO, photo=True)
    assert "Kesesuaian" in taken.text
