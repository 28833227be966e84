"""Sri, in Slack, holds the dialog kinerja's agreement on Budi's plan — agrees item 1,
changes item 2's JP through Formulir 1 C's questions (the review), rejects item 3 with a
reason written in a modal, writes the dialogue's note, sends it — and Budi, in Telegram,
confirms it. Both channels run in one process on one database."""

from __future__ import annotations

from handlers.plan.lifecycle import State
from tests.channels.conftest import RunningBot, demo_person
from tests.channels.test_dialog_agreement import ITEMS, NOTE, REASON, deliver
from tests.fake_slack import FakeSlack
from tests.fake_telegram import FakeBotApi
from tests.integration.test_dialog_agreement import sent_plan
from tests.slack.conftest import (
    RunningSlack,
    bound_person,
    deliver_slack_notices,
)

SRI, BUDI = "198206202008012002", "199004172015031003"


async def test_sri_agrees_in_slack_and_budi_confirms_in_telegram(
    both: tuple[RunningSlack, RunningBot], slack: FakeSlack, bot_api: FakeBotApi
) -> None:
    in_slack, in_telegram = both
    app = in_slack.app
    budi = await demo_person(app, bot_api, 5001)  # Telegram
    sri = await bound_person(in_slack, slack, "U0SRI", "Sri Wahyuni", SRI)  # Slack
    plan_id = await sent_plan(app, ITEMS)
    assert await deliver_slack_notices(in_slack) == 1  # her notice goes to Slack

    opened = await sri.press("🤝 Catat kesepakatan dialog", expect=2)
    assert "Masih 3 item belum diputuskan" in opened.texts[0]
    redrawn = await sri.press("Operasional")  # item 1's level: the card redrawn in place
    assert slack.calls[-1].method == "chat.update" and "✓ Operasional" in redrawn.buttons
    two = await sri.press("✅ Setujui")
    assert "Item 2" in two.last

    await sri.press("✏️ Ubah", expect=2)
    await sri.press("✏ Ubah jawaban")
    await sri.press("C. Usulan Rencana Pengembangan Kompetensi")
    await sri.press("13. Jam pelajaran (JP)")
    refused = await sri.type("900", expect=2)
    assert "500" in refused.texts[0]
    await sri.type("12")
    saved = await sri.press("Simpan kesepakatan", expect=2)
    assert "versi kesepakatan" in saved.texts[0] and "Item 3" in saved.last

    await sri.press("✖️ Tolak", expect=2)
    modals = len(slack.opened)
    await sri.write(REASON)  # the reason, in a modal
    assert len(slack.opened) == modals + 1
    board = await sri.press("Tolak item")
    assert "Semua item sudah diputuskan" in board.last
    await sri.press("📝 Catatan dialog", expect=2)
    await sri.write(NOTE)
    await sri.press("Simpan catatan")
    sent = await sri.press("📨 Kirim ke pegawai")
    assert "dikirim ke Budi Santoso" in sent.last

    before = len(bot_api.sent_to(5001))
    await deliver(app)  # Budi's proposal goes to Telegram
    [proposal] = bot_api.sent_to(5001)[before:]
    assert "Jam pelajaran (JP): 8 → 12" in proposal.text and REASON in proposal.text
    agreed, _ = await budi.press("✅ Setuju", expect=2)
    assert "sudah disepakati" in agreed.text
    assert await deliver_slack_notices(in_slack) == 2  # Sri told, with the final plan
    told = slack.messages_in(sri.user.dm)[-2]
    assert "Budi Santoso menyetujui" in told.shown

    async with app.uow() as uow:
        stored = await uow.plans.get(plan_id)
    assert stored is not None and stored.status == State.AGREED
    assert in_telegram.app is app


async def test_one_person_in_telegram_and_slack_at_once(
    both: tuple[RunningSlack, RunningBot], slack: FakeSlack, bot_api: FakeBotApi
) -> None:
    """Budi binds Telegram, then Slack with a new code: both stay bound, each answered."""
    in_slack, _ = both
    app = in_slack.app
    budi_telegram = await demo_person(app, bot_api, 5001)
    budi_slack = await bound_person(in_slack, slack, "U0BUDI", "Budi Santoso", BUDI)
    async with app.uow() as uow:
        person = await uow.employees.by_nip(BUDI)
        assert person is not None
        accounts = [await uow.accounts.of_employee(person.id, c) for c in ("telegram", "slack")]
    assert [a.external_id for a in accounts if a] == ["5001", "U0BUDI"]
    assert "199004172015031003" in (await budi_slack.type("/profil")).last
    [profile] = await budi_telegram.say("/profil")
    assert "199004172015031003" in profile.text
