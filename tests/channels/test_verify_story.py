"""The verification by the Kelompok Keahlian through Telegram (real python-telegram-bot
against the fake Bot API, the outbox delivered by the real sender).

Budi's plan is agreed in the chat (Sri records the dialogue, Budi confirms); Rahmat's (from
another unit, the same group) and Dewi's (another group) were agreed too. On Monday morning
each member gets one digest of their group's queue. Rina verifies "Analisis Kebijakan" for
Budi and Rahmat at once, raising the level for both, then adjusts Rahmat's alone; Sri,
coming second to Budi's item, is told Rina verified it, and verifies his other item. Budi
and Sri receive Formulir 1 D with the changes marked; Toni verifies Dewi's; Agus, the
group's coordinator, marks the recap done and Hendra is told; /skp names the programmes.
"""

from __future__ import annotations

from dataclasses import replace

from bot.app import App
from bot.scheduler import scan_verify_digests
from handlers.plan.lifecycle import State
from handlers.plan.model import Item, Stage
from tests.channels.conftest import Person, RunningBot
from tests.channels.dialog_steps import bound
from tests.channels.test_dialog_agreement import deliver
from tests.conftest import FakeClock
from tests.fake_telegram import FakeBotApi
from tests.integration.test_dialog_agreement import sent_plan
from tests.integration.test_plan_records import VERSION
from tests.integration.verify_setup import (
    AGUS,
    BUDI,
    DEWI,
    HENDRA,
    POLICY,
    RAHMAT,
    RINA,
    SRI,
    TONI,
    agency,
    agreed_plan,
)

ITEMS = (Item(1, {Stage.PROPOSED: replace(POLICY, relevance=("1.1",))}),
         Item(2, {Stage.PROPOSED: replace(VERSION, relevance=("3.1",))}))  # fmt: skip


async def test_a_group_verifies_and_d_goes_back(
    running_bot: RunningBot, bot_api: FakeBotApi, clock: FakeClock
) -> None:
    app = running_bot.app
    clock.advance(days=1, minutes=5)  # Monday 30 November, 09:05 in Jakarta
    await agency(app)
    chat = {nip: await bound(app, bot_api, 7000 + n, nip, nip[-4:])
            for n, nip in enumerate((BUDI, SRI, RINA, AGUS, TONI, HENDRA, DEWI))}  # fmt: skip
    budi, sri, rina, agus, toni, hendra, dewi = chat.values()

    # Budi's plan is agreed in the chat; Rahmat's and Dewi's were agreed before
    plan_id = await sent_plan(app, ITEMS)
    await deliver(app)
    await sri.press("🤝 Catat kesepakatan dialog", expect=2)
    await sri.press("✅ Setujui")
    await sri.press("✅ Setujui")
    await sri.press("📨 Kirim ke pegawai")
    await deliver(app)
    await budi.press("✅ Setuju", expect=2)
    await deliver(app)
    await agreed_plan(app, RAHMAT, [POLICY], clock.now())
    await agreed_plan(app, DEWI, [POLICY], clock.now())
    one, _ = await item_ids(app, plan_id)

    # one digest per member and day, whatever the ticks
    for _ in range(2):
        await scan_verify_digests(app, None)
        await deliver(app)
    assert digests(bot_api, rina) == ["3 item dari 2 rencana menunggu verifikasi"]
    assert digests(bot_api, agus) == ["3 item dari 2 rencana menunggu verifikasi"]
    assert digests(bot_api, toni) == ["1 item dari 1 rencana menunggu verifikasi"]
    assert digests(bot_api, budi) == digests(bot_api, hendra) == []

    # the learning coordinator sees every group's queue, and verifies none of it
    [overview] = await hendra.say("/verifikasi")
    assert "• Pengembangan SDM: 3 item dari 2 rencana" in overview.text
    assert "• Teknologi Informasi: 1 item dari 1 rencana" in overview.text
    assert overview.buttons == []

    # Rina verifies Analisis Kebijakan for Budi and Rahmat at once, at another level
    [grouped] = await rina.say("/verifikasi kelompok")
    assert "Analisis Kebijakan</b> · Pelatihan · 2 orang (Budi Santoso, Rahmat Hidayat)" in (
        grouped.text
    )
    await rina.press("Analisis Kebijakan · 2 orang", expect=2)
    await rina.press("Tinggi")
    await rina.say(NOTE)
    await rina.press("✏ Ubah jawaban")
    await rina.press_bare("Verifikasi")
    await rina.press("6. Level pelaksanaan")
    [review] = await rina.press("Operasional (lintas unit)")
    assert "Level pelaksanaan: Operasional (lintas unit)" in review.text
    [saved] = await rina.press("Simpan verifikasi")
    assert "2 item diverifikasi: Budi Santoso (item 1), Rahmat Hidayat (item 1)" in saved.text
    assert "1 rencana kini terverifikasi" in saved.text  # Rahmat's: his only item

    # then adjusts Rahmat's alone: organised by the organisation, priority Sedang
    await rina.press("✏️ Sesuaikan: Rahmat Hidayat · item 1", expect=2)
    await rina.press("✏ Ubah jawaban")
    await rina.press_bare("Verifikasi")
    await rina.press("6. Level pelaksanaan")
    await rina.press("Strategis (oleh organisasi)")
    await rina.press("✏ Ubah jawaban")
    await rina.press_bare("Verifikasi")
    await rina.press("1. Prioritas")
    await rina.press("Sedang")
    [adjusted] = await rina.press("Simpan verifikasi")
    assert "Verifikasi item Rahmat Hidayat disesuaikan" in adjusted.text

    # Sri comes second to Budi's first item: told who verified it
    [refused] = await sri.press_payload(f"vrf:item:{plan_id}:{one}")
    assert "sudah diverifikasi oleh Rina Marlina" in refused.text
    [queue] = await sri.say("/verifikasi")
    assert "Budi Santoso</b> (Pusat Pengembangan Kompetensi) · item 2: Komunikasi" in queue.text
    assert "Rahmat" not in queue.text and "Dewi" not in queue.text  # verified; another group
    await sri.press("Budi Santoso · item 2", expect=2)
    await sri.press("Sedang")
    await sri.press("⏭ Lewati")
    [done] = await sri.press("Simpan verifikasi")
    assert "1 rencana kini terverifikasi" in done.text

    # Budi and Sri receive D with the changes marked
    before = {who.user.id: len(bot_api.sent_to(who.user.id)) for who in (budi, sri)}
    await deliver(app)
    [d] = bot_api.sent_to(budi.user.id)[before[budi.user.id] :]
    assert "Rencana 2026 Anda sudah diverifikasi Kelompok Keahlian" in d.text
    assert "✏️ Level pelaksanaan: Teknis (di unit kerja) → Operasional (lintas unit)" in (d.text)
    assert "Prioritas: Tinggi" in d.text and "Prioritas: Sedang" in d.text and NOTE in d.text
    [told] = bot_api.sent_to(sri.user.id)[before[sri.user.id] :]
    assert "Rencana 2026 Budi Santoso sudah diverifikasi" in told.text

    # Toni verifies Dewi's (his group); Agus marks the recap done; Hendra is told
    await toni.say("/verifikasi")
    await toni.press("Dewi Lestari · item 1", expect=2)
    await toni.press("Rendah")
    await toni.press("⏭ Lewati")
    await toni.press("Simpan verifikasi")
    before_dewi = len(bot_api.sent_to(dewi.user.id))
    await deliver(app)
    [dewi_d] = bot_api.sent_to(dewi.user.id)[before_dewi:]  # in her language
    assert "Your 2026 plan is verified by the expertise group" in dewi_d.text
    assert "Priority: Low (Rendah)" in dewi_d.text
    [dewi_skp] = await dewi.say("/skp")
    assert "Program Pengembangan Kompetensi: 1 Program" in dewi_skp.text
    assert "Kompeten" in dewi_skp.text and "Analisis Kebijakan" in dewi_skp.text
    [empty] = await agus.say("/verifikasi")
    assert "Tidak ada item yang menunggu verifikasi" in empty.text
    [marked] = await agus.press("✅ Tandai rekap kelompok selesai")
    assert "Rekap Kelompok Keahlian Pengembangan SDM 2026 ditandai selesai" in marked.text
    before_hendra = len(bot_api.sent_to(hendra.user.id))
    await deliver(app)
    [recap] = bot_api.sent_to(hendra.user.id)[before_hendra:]
    assert "Rekap Kelompok Keahlian Pengembangan SDM 2026 selesai</b>, ditandai oleh Agus" in (
        recap.text
    )

    # Budi's plan: D beside C, and the SKP text naming the programmes
    *_, formulir_d = await budi.say("/rencana", expect=3)
    assert "D. Hasil Verifikasi" in formulir_d.text
    [skp] = await budi.say("/skp")
    assert "Program Pengembangan Kompetensi: 2 Program" in skp.text
    assert "Pelatihan Analisis Kebijakan, Squad Team Komunikasi" in skp.text
    async with app.uow() as uow:
        plan = await uow.plans.get(plan_id)
    assert plan is not None and plan.status == State.VERIFIED


NOTE = "Diselenggarakan bersama Balai Diklat Makassar."


def digests(api: FakeBotApi, person: Person) -> list[str]:
    found = [m.text for m in api.sent_to(person.user.id) if m.text.startswith("📋 <b>Verifikasi")]
    return [text.split(": ", 1)[1].split(".")[0] for text in found]


async def item_ids(app: App, plan_id: int) -> list[int]:
    async with app.uow() as uow:
        content = await uow.plan_records.load(plan_id)
    assert content is not None
    return [item.id or 0 for item in content.items]
