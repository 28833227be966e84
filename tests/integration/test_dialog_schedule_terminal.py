"""The terminal demo, where notices for others are printed without their buttons: Sri types
/jadwal, finds Budi's plan waiting, schedules it; Budi types /jadwal, sees the offer on his
own clock and accepts it; the .ics file is written to a folder and its path printed."""

from __future__ import annotations

import asyncio
import io
from datetime import date
from pathlib import Path

from bot import admin
from bot.app import App
from bot.channels.console import ConsoleChannel
from handlers.dialog.model import Window
from handlers.plan.lifecycle import Actor, Event, State
from handlers.plan.transitions import fire

BUDI, SRI = "199004172015031003", "198206202008012002"


async def terminal(app: App, nip: str) -> tuple[ConsoleChannel, io.StringIO]:
    assert await admin.bind_console(app, nip) is not None
    out = io.StringIO()

    async def nothing() -> str | None:
        return None

    return ConsoleChannel(app.conversation, nip, nothing, out), out


async def test_the_supervisor_and_the_employee_schedule_from_the_terminal(app: App) -> None:
    assert await admin.seed_demo(app)
    now = app.clock.now()
    async with app.uow() as uow:
        budi = await uow.employees.by_nip(BUDI)
        assert budi is not None
        await uow.dialog.set_window(2026, Window(date(2026, 12, 1), date(2026, 12, 18),
                                                 budi.unit_kerja), "tester", now)  # fmt: skip
        plan = await uow.plans.create(budi.id, 2026, now)
        await fire(uow, plan, Event.SUBMIT, frozenset({Actor.EMPLOYEE}), now, employee_id=budi.id)
        await uow.commit()
    sri, sri_out = await terminal(app, SRI)
    await sri.send("/jadwal")
    assert "Budi Santoso: belum dijadwalkan" in sri_out.getvalue()
    await sri.send(sri.key_for("📅 Jadwalkan: Budi Santoso"))
    await sri.send("02-12-2026 09:00")
    await sri.send(sri.key_for("Kirim usulan"))
    assert "Usulan terkirim ke Budi Santoso" in sri_out.getvalue()

    budi_terminal, budi_out = await terminal(app, BUDI)
    await budi_terminal.send("/jadwal")
    assert "Rencana Anda: diusulkan 2 Desember 2026 pukul 09:00 WIB" in budi_out.getvalue()
    await budi_terminal.send(budi_terminal.key_for("✅ Terima"))
    shown = budi_out.getvalue()
    assert "disepakati dengan Sri Wahyuni" in shown
    [saved] = [line for line in shown.splitlines() if line.startswith("📎 Berkas tersimpan: ")]
    ics = await asyncio.to_thread(Path(saved.removeprefix("📎 Berkas tersimpan: ")).read_text)
    assert "BEGIN:VCALENDAR" in ics and "DTSTART:20261202T020000Z" in ics
    async with app.uow() as uow:
        assert (await uow.plans.get(plan.id)).status == State.SCHEDULED  # type: ignore[union-attr]
