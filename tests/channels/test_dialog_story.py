"""Issue 9's whole story through the real python-telegram-bot against the fake Bot API:
Budi fills and sends a plan of three items; Sri lists her team, schedules inside the window
(refused outside it), both receive the appointment and its .ics; Sri agrees one item, changes
another through the form, rejects a third and adds a fourth; Budi reads the differences and
confirms; Andi's plan (PPPK) is returned with a note, edited and resent; a stranger and another
supervisor are refused every action by forged buttons; /riwayat tells Budi's whole story."""

from __future__ import annotations

from datetime import date

from bot.app import App
from handlers import org_import
from handlers.dialog.model import Window
from handlers.plan.lifecycle import State
from tests.channels.conftest import RunningBot, demo_person
from tests.channels.dialog_steps import bound, deliver, forged_presses
from tests.channels.test_dialog_agreement import ADDED, REASON, press_token
from tests.channels.test_dialog_schedule_telegram import UNIT, ics_event
from tests.delivery_support import nip_for
from tests.fake_telegram import FakeBotApi
from tests.integration.test_dialog_oversee import HENDRA, RAHMAT, SRI
from tests.scenarios.drivers import TelegramDriver
from tests.scenarios.test_formulir1_journey import (
    fill_a_and_b,
    fill_b,
    fill_item,
    publish_priorities,
    rate_and_plan,
)

ANDI = "199207142023211005"
ANDI_GAP = ("Komunikasi (0→1)", "⭐ Komunikasi (kesenjangan 1: 0→1)", "✔ Selesai")
YUSUF = nip_for(7)  # a supervisor in another unit
RETURN_NOTE = "Output item 1 belum terukur: sebutkan hasil yang bisa dicek."


async def organisation(app: App) -> None:
    """The demo organisation, the board's priorities, Yusuf heading the Makassar centre, and
    the dialogue window of Budi's unit."""
    await publish_priorities(app)
    row = {"nip": YUSUF, "nama": "Yusuf Maulana", "jenis_pegawai": "PNS", "peran": "atasan",
           "pangkat_golongan": "IV/a", "jabatan": "Kepala Balai", "nip_atasan": HENDRA,
           "unit_kerja": "Balai Diklat Makassar", "zona_waktu": "WITA"}  # fmt: skip
    async with app.uow() as uow:
        assert not (await org_import.import_rows(uow, [(2, row)])).errors
    async with app.uow() as uow:
        window = Window(date(2026, 12, 1), date(2026, 12, 18), UNIT)
        await uow.dialog.set_window(2026, window, "coordinator", app.clock.now())
        await uow.commit()


async def plan_of(app: App, nip: str) -> int:
    async with app.uow() as uow:
        person = await uow.employees.by_nip(nip)
        assert person is not None
        plan = await uow.plans.for_year(person.id, 2026)
    assert plan is not None
    return plan.id


async def test_the_dialog_kinerja_story(running_bot: RunningBot, bot_api: FakeBotApi) -> None:
    app = running_bot.app
    budi_chat = await demo_person(app, bot_api, 5001)
    await organisation(app)
    sri = await bound(app, bot_api, 5002, SRI, "Sri")
    andi_chat = await bound(app, bot_api, 5003, ANDI, "Andi")
    rahmat = await bound(app, bot_api, 5004, RAHMAT, "Rahmat")  # a stranger to Budi's plan
    yusuf = await bound(app, bot_api, 5005, YUSUF, "Yusuf")  # another supervisor

    budi = TelegramDriver(budi_chat)  # Budi fills Formulir 1: three items, and sends it
    await fill_a_and_b(budi)
    await rate_and_plan(budi)
    for jp, more, replies in (("16", "Ya", 1), ("8", "Ya", 1), ("4", "Tidak", 2)):
        await fill_item(budi, jp)
        screen = await budi.press(more, expect=replies)  # the review of three: two messages
    screen = await budi.press("📨 Kirim untuk dialog kinerja")
    assert "terkirim" in screen.last and "Sri Wahyuni" in screen.last
    await deliver(app)
    [notice] = [m for m in bot_api.sent_to(sri.user.id) if "plan:view:" in str(m.buttons)]
    [plan_id] = {int(p.rsplit(":", 1)[1]) for _, p in notice.buttons if p.startswith("plan:")}

    [team] = await sri.say("/bawahan")  # Sri's team and each plan's stage
    assert "Budi Santoso — Analis SDM Aparatur Ahli Pertama: <b>terkirim, menunggu" in team.text
    assert "Andi Pratama" in team.text and "belum mulai" in team.text

    asked = await sri.press("📅 Jadwalkan", expect=2)  # inside the window, refused outside
    assert "Jendela dialog: 1 Desember 2026 sampai 18 Desember 2026" in asked[-1].text
    late, again = await sri.say("24-12-2026 09:00", expect=2)
    assert "di luar jendela dialog" in late.text and "Kapan dialognya?" in again.text
    await sri.say("02-12-2026 09:00")
    await sri.press("Kirim usulan")
    before = len(bot_api.sent_to(budi_chat.user.id))
    await deliver(app)
    assert "2 Desember 2026 pukul 09:00 WIB" in bot_api.sent_to(budi_chat.user.id)[before].text
    agreed, ics = await budi_chat.press("✅ Terima", expect=2)
    assert "disepakati dengan <b>Sri Wahyuni</b>" in agreed.text
    before = len(bot_api.sent_to(sri.user.id))
    await deliver(app)
    told, her_ics = bot_api.sent_to(sri.user.id)[before:]
    assert "disepakati dengan <b>Budi Santoso</b>" in told.text
    assert ics_event(her_ics)[0] == "REQUEST" and her_ics.document == ics.document

    opened = await sri.press("🤝 Catat kesepakatan dialog", expect=2)  # item by item
    assert "Masih 3 item belum diputuskan" in opened[0].text
    await sri.press("Operasional")
    await sri.press("✅ Setujui")
    await sri.press("✏️ Ubah", expect=2)
    await sri.press("✏ Ubah jawaban")
    await sri.press_bare("C. Usulan Rencana Pengembangan Kompetensi")
    await sri.press("13. Jam pelajaran (JP)")
    await sri.say("12")
    await sri.press("Simpan kesepakatan", expect=2)
    await sri.press("✖️ Tolak", expect=2)
    await sri.say(REASON)
    await sri.press("Tolak item")
    await sri.press("➕ Tambah item", expect=2)
    for answer in ADDED:
        await (press_token(sri, answer[1:]) if answer.startswith("@") else sri.say(answer))
    await sri.press("Simpan kesepakatan", expect=2)
    [sent] = await sri.press("📨 Kirim ke pegawai")
    assert "dikirim ke Budi Santoso" in sent.text

    before = len(bot_api.sent_to(budi_chat.user.id))
    await deliver(app)
    [proposal] = bot_api.sent_to(budi_chat.user.id)[before:]
    assert "Jam pelajaran (JP): 8 → 12" in proposal.text
    assert "<b>Item 3</b> (Komunikasi): ✖️ ditolak" in proposal.text
    assert "<b>Item 4</b> (Penulisan SOP): ➕ ditambahkan dalam dialog" in proposal.text
    agreed, _final = await budi_chat.press("✅ Setuju", expect=2)
    assert "sudah disepakati" in agreed.text

    andi = TelegramDriver(andi_chat)  # Andi's plan: returned with a note, edited, resent
    await andi.type("/isi", expect=2)
    await andi.press("✔ Data sudah benar")
    await fill_b(andi)
    await rate_and_plan(andi, ANDI_GAP)
    await fill_item(andi, "16", ANDI_GAP[0])
    await andi.press("Tidak")
    await andi.press("📨 Kirim untuk dialog kinerja")
    andi_plan = await plan_of(app, ANDI)
    await sri.press_payload(f"plan:return:{andi_plan}", expect=2)
    await sri.say(RETURN_NOTE)
    await sri.press("↩ Kembalikan untuk diperbaiki")
    before = len(bot_api.sent_to(andi_chat.user.id))
    await deliver(app)
    assert any(RETURN_NOTE in m.text for m in bot_api.sent_to(andi_chat.user.id)[before:])
    screen = await andi.type("/isi", expect=2)  # the form reopens at its review
    assert "Jam pelajaran (JP): 16" in screen.last
    await andi.press("✏ Ubah jawaban")
    await andi.press("C. Usulan Rencana Pengembangan Kompetensi 1")
    await andi.press("13. Jam pelajaran (JP)")
    await andi.type("20")
    screen = await andi.press("📨 Kirim untuk dialog kinerja")
    assert "terkirim" in screen.last
    [resent] = await andi_chat.say("/riwayat")  # both submissions, the second with its change
    assert "<b>dikembalikan</b> (terkirim → dikembalikan), oleh Sri Wahyuni" in resent.text
    assert RETURN_NOTE in resent.text
    assert "<b>dikirim</b> (dikembalikan → terkirim), oleh Andi Pratama" in resent.text
    assert "item 1 diubah (jp)" in resent.text

    for someone in (rahmat, yusuf):
        answers = await forged_presses(someone, plan_id)
        assert answers["plan:view"].startswith("Anda tidak dapat membuka rencana ini")
        assert answers["dlg:sched"].startswith("Hanya pegawai pemilik rencana dan atasan")
        assert answers["agr:agree"].startswith("Hanya atasan langsung pegawai")
        assert answers["plan:return"].startswith("Hanya atasan langsung (atau Plt/Plh-nya)")
        assert answers["plan:history"].startswith("Anda tidak dapat melihat riwayat")

    [team] = await sri.say("/bawahan")
    assert "Budi Santoso — Analis SDM Aparatur Ahli Pertama: <b>disepakati</b>" in team.text
    assert "Andi Pratama — Penata Kelola Sistem dan Teknologi Informasi: <b>terkirim" in team.text
    [history] = await budi_chat.say("/riwayat")  # the whole story, in order
    story = ["<b>dikirim</b> (draf → terkirim), oleh Budi Santoso",
             "<b>tanggal dialog diusulkan</b>, oleh Sri Wahyuni: 02-12-2026 09:00",
             "<b>jadwal dialog disepakati</b> (terkirim → dijadwalkan)",
             "<b>dialog kinerja dimulai</b> (dijadwalkan → dalam dialog kinerja)",
             "item 1 disepakati", "item 2 disepakati", REASON, "item 3 ditolak",
             "item 4 ditambahkan",
             "<b>hasil kesepakatan dikirim ke pegawai</b> (dalam dialog kinerja → menunggu "
             "konfirmasi pegawai)",
             "<b>dikonfirmasi pegawai</b> (menunggu konfirmasi pegawai → disepakati), oleh "
             "Budi Santoso"]  # fmt: skip
    assert "+00:00" not in history.text and "C.1." not in history.text
    places = [history.text.find(step) for step in story]
    assert -1 not in places and places == sorted(places), places
    async with app.uow() as uow:
        stored, returned = await uow.plans.get(plan_id), await uow.plans.get(andi_plan)
    assert stored is not None and stored.status == State.AGREED
    assert returned is not None and returned.status == State.SUBMITTED
