"""The dialog kinerja's agreement through Telegram (real python-telegram-bot against the fake
Bot API, the outbox delivered by the real sender): Sri opens it from her notice, agrees item
1 at another execution level, changes item 2's JP through Formulir 1 C's questions, rejects
item 3 with a reason and adds a fourth; Budi reads what changed and confirms; both have the
final plan and the audit log tells it all."""

from __future__ import annotations

from dataclasses import replace

from bot.app import App
from handlers.plan.lifecycle import State
from handlers.plan.model import Item, Stage
from tests.channels.conftest import Person, RunningBot, demo_person, invite_code
from tests.delivery_support import run_until, settled, start_sender
from tests.fake_telegram import FakeBotApi, Sent
from tests.integration.test_dialog_agreement import sent_plan
from tests.integration.test_plan_records import VERSION

BUDI, SRI = "199004172015031003", "198206202008012002"
PROPOSED = replace(VERSION, relevance=("1.1", "3.1"))
ITEMS = tuple(
    Item(n, {Stage.PROPOSED: replace(PROPOSED, jp=jp)}) for n, jp in ((1, 16), (2, 8), (3, 4))
)


async def deliver(app: App) -> None:
    sender = await start_sender(app)
    try:
        await run_until(sender, lambda: settled(app))
    finally:
        await sender.channel.close()


async def test_agree_change_reject_add_then_the_employee_confirms(
    running_bot: RunningBot, bot_api: FakeBotApi
) -> None:
    app = running_bot.app
    budi = await demo_person(app, bot_api, 5001)
    sri = Person(bot_api, bot_api.user(5002, "Sri"))
    await sri.say(f"/start {await invite_code(app, SRI)}")
    plan_id = await sent_plan(app, ITEMS)
    await deliver(app)
    opened = await sri.press("🤝 Catat kesepakatan dialog", expect=2)
    assert "Masih 3 item belum diputuskan" in opened[0].text
    [redrawn] = await sri.press("Operasional")  # item 1's execution level: the card redrawn
    assert redrawn.method == "editMessageText" and "✓ Operasional" in labels(redrawn)
    [two] = await sri.press("✅ Setujui")
    assert "<b>Item 2</b>" in two.text

    await sri.press("✏️ Ubah", expect=2)  # item 2's questions, pre-filled: their review
    await sri.press("✏ Ubah jawaban")
    await sri.press_bare("C. Usulan Rencana Pengembangan Kompetensi")
    await sri.press("13. Jam pelajaran (JP)")
    refused = await sri.say("900", expect=2)  # Formulir 1's validator holds here too
    assert "500" in refused[0].text
    await sri.say("12")
    saved = await sri.press("Simpan kesepakatan", expect=2)
    assert "versi kesepakatan" in saved[0].text and "<b>Item 3</b>" in saved[1].text

    await sri.press("✖️ Tolak", expect=2)
    await sri.say(REASON)
    [board] = await sri.press("Tolak item")
    assert "Semua item sudah diputuskan" in board.text

    await sri.press("➕ Tambah item", expect=2)
    for answer in ADDED:
        await (press_token(sri, answer[1:]) if answer.startswith("@") else sri.say(answer))
    added = await sri.press("Simpan kesepakatan", expect=2)
    assert "4. Penulisan SOP — ➕ ditambahkan dalam dialog" in added[1].text

    await sri.press("📝 Catatan dialog", expect=2)
    await sri.say(NOTE)
    await sri.press("Simpan catatan")
    [sent] = await sri.press("📨 Kirim ke pegawai")
    assert "dikirim ke Budi Santoso" in sent.text

    before = len(bot_api.sent_to(5001))
    await deliver(app)
    [proposal] = bot_api.sent_to(5001)[before:]
    text = proposal.text
    assert "Usulan level pelaksanaan: Teknis (di unit kerja) → Operasional (lintas unit)" in text
    assert "Jam pelajaran (JP): 8 → 12" in text
    assert "<b>Item 3</b> (Komunikasi): ✖️ ditolak" in text and REASON in text
    assert "<b>Item 4</b> (Penulisan SOP): ➕ ditambahkan dalam dialog" in text
    assert NOTE in text
    assert labels(proposal) == ["✅ Setuju", "💬 Diskusikan lagi"]
    refused = await sri.press_payload(f"agr:confirm:{plan_id}")  # Budi's alone to confirm
    assert "Hanya pegawai pemilik rencana" in refused[0].text

    agreed, final = await budi.press("✅ Setuju", expect=2)
    assert "sudah disepakati" in agreed.text
    assert "item 4" in final.text and "item 3" not in final.text
    before = len(bot_api.sent_to(5002))
    await deliver(app)
    told, plan = bot_api.sent_to(5002)[before:]
    assert "Budi Santoso menyetujui" in told.text and plan.text == final.text

    async with app.uow() as uow:
        stored = await uow.plans.get(plan_id)
        events = await uow.plan_records.events(plan_id)
    assert stored is not None and stored.status == State.AGREED
    assert [e.event for e in events] == [
        "submit",
        "open_dialogue",
        *["decide_item"] * 5,
        "propose_agreement",
        "confirm",
    ]
    assert events[-2].changes["C.2.jp"] == [8, 12] and events[-2].note == NOTE


REASON = "Sudah diikuti tahun lalu; belum mendesak."
NOTE = "Kesenjangan komunikasi dibahas; Budi termotivasi memimpin rapat."
ADDED = ["@t0", "@done", "Menyusun SOP layanan digital", "SOP terbit dan dipakai unit", "@c2",
         "Penulisan SOP", "@c1", "@c2", "@c0", "Mentor unit", "TW III", "@c0",
         "Bagian Organisasi", "6"]  # fmt: skip


def labels(message: Sent) -> list[str]:
    return [label for label, _ in message.buttons]


async def press_token(person: Person, token: str) -> list[Sent]:
    """Press the form's button ``token`` (``f:<session>:<question>:<token>``) on the latest
    keyboard: a choice by its place, whatever its label."""
    for message in reversed(person.api.sent_to(person.user.id)):
        for _, payload in message.buttons:
            if payload.startswith("f:") and payload.endswith(f":{token}"):
                before = len(person.api.sent_to(person.user.id))
                await person.api.press(person.user, payload, on=message)
                return (await person.api.wait_for(person.user.id, before + 1))[before:]
        if message.buttons:
            break
    raise AssertionError(f"no button {token!r} on the latest keyboard")
