"""The agreement in the terminal demo: Sri (``idp-bot chat --as`` her NIP) finds the notice
of Budi's plan in her mailbox, opens the agreement from it and decides every item with the
numbered choices; Budi, at his terminal, reads what changed in /rencana and confirms; his
/rencana then shows the plan as agreed."""

from __future__ import annotations

from bot import admin
from bot.app import App
from handlers.plan.lifecycle import State
from tests.channels.test_dialog_agreement import BUDI, ITEMS, SRI
from tests.integration.test_dialog_agreement import sent_plan
from tests.integration.test_terminal_mail import Terminal


async def test_the_supervisor_agrees_and_the_employee_confirms_in_the_terminal(app: App) -> None:
    await admin.seed_demo(app)
    plan_id = await sent_plan(app, ITEMS)
    lines = ["🤝 Catat kesepakatan dialog", "Operasional", "✅ Setujui", "✅ Setujui", "✖️ Tolak",
             "Sudah diikuti tahun lalu.", "Tolak item", "📨 Kirim ke pegawai"]  # fmt: skip
    sri = await Terminal(app, SRI, lines).run()
    assert "Dialog kinerja: rencana 2026 Budi Santoso" in sri
    assert "Kesepakatan dikirim ke Budi Santoso" in sri
    budi = await Terminal(app, BUDI, ["/rencana", "✅ Setuju"]).run()
    assert "Usulan level pelaksanaan: Teknis (di unit kerja) → Operasional (lintas unit)" in budi
    assert "Rencana 2026 Anda sudah disepakati" in budi
    async with app.uow() as uow:
        plan = await uow.plans.get(plan_id)
    assert plan is not None and plan.status == State.AGREED
    agreed = await Terminal(app, BUDI, ["/rencana"]).run()
    shown = agreed.rsplit("> ", 2)[-2]
    assert "· item 1" in shown and "· item 3" not in shown, "the rejected item is out"
