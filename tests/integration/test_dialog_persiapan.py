"""Persiapan on the real storage (SQLite and PostgreSQL): the operator and the coordinator
set the dialogue window — a unit's own, then everyone's — and each person concerned is told
with their own time zone; the guide goes to everyone as a file stored once; an employee may
not set anything."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from sqlalchemy import select

from bot import admin, cli, dialog_cli
from bot.app import App
from handlers.dialog.persiapan import default_guide
from handlers.effects import Incoming
from storage.outbox import OutboxRow
from tests.unit.fakes import opened_cycle

HENDRA, BUDI = "197002151995031001", "199004172015031003"
BALAI = "Balai Diklat Makassar"


async def run(app: App, *argv: str) -> int:
    return await dialog_cli.dispatch(app, cli.parser().parse_args(["dialog", *argv]))


async def planning_2027(app: App) -> None:
    """The demo organisation; 2027 opened, so in late November it is the cycle planned."""
    assert await admin.seed_demo(app)
    async with app.uow() as uow:
        await uow.cycles.open(opened_cycle(2027))
        await uow.commit()


async def notices(app: App, template: str) -> list[Any]:
    o = OutboxRow
    async with app.uow() as uow:
        found = await uow.session.execute(  # type: ignore[attr-defined]
            select(o.employee_id, o.context, o.attachment_id).where(o.template == template)
            .order_by(o.id))  # fmt: skip
        return list(found)


async def test_a_units_window_then_everyones_each_told_in_their_zone(
    app: App, capsys: pytest.CaptureFixture[str]
) -> None:
    await planning_2027(app)
    assert await run(app, "window", "--from", "2027-02-08", "--to", "2027-03-12",
                     "--unit", BALAI) == 0  # fmt: skip
    assert "1 orang diberi tahu" in capsys.readouterr().out
    [rahmat] = await notices(app, "dialog/window/notice")
    assert '"zone":"WITA"' in rahmat.context and BALAI in rahmat.context

    assert await run(app, "window", "--from", "2027-02-01", "--to", "2027-03-31") == 0
    told = await notices(app, "dialog/window/notice")
    assert len(told) == 1 + 6  # the unit's one, then everyone in the organisation
    assert sum('"zone":"WITA"' in n.context for n in told) == 2
    async with app.uow() as uow:
        [cycle] = [c for c in await uow.cycles.all() if c.year == 2027]
        own = await uow.dialog.window(2027, BALAI)
    assert (cycle.dialogue_from, cycle.dialogue_to) == (date(2027, 2, 1), date(2027, 3, 31))
    assert own is not None and (own.starts, own.ends) == (date(2027, 2, 8), date(2027, 3, 12))

    assert await run(app, "window", "--from", "2027-03-01", "--to", "2027-02-01") == 2
    assert "sebelum tanggal akhir" in capsys.readouterr().out
    assert await run(app, "window", "--from", "2027-02-01", "--to", "2027-03-01",
                     "--unit", "Tidak Ada") == 2  # fmt: skip
    assert "tidak ada di data organisasi" in capsys.readouterr().out


async def test_the_guide_goes_to_everyone_as_one_stored_file(
    app: App, capsys: pytest.CaptureFixture[str]
) -> None:
    await planning_2027(app)
    assert await run(app, "guide") == 0
    rows = await notices(app, "dialog/guide/notice")
    assert len(rows) == 6 and len({r.attachment_id for r in rows}) == 1
    async with app.uow() as uow:
        items = await uow.outbox.claim(
            "console", "w", app.clock.now(), timedelta(minutes=1), 10, unbound=True
        )
        await uow.commit()
    assert {i.attachment.data for i in items if i.attachment} == {default_guide("id").data}
    assert await run(app, "guide", "/nonexistent/panduan.pdf") == 2


async def test_the_coordinator_sets_a_window_in_chat_an_employee_may_not(app: App) -> None:
    await planning_2027(app)
    assert await admin.bind_console(app, HENDRA) and await admin.bind_console(app, BUDI)
    said = Incoming("console", HENDRA, text=f"/dialog jendela 08-02-2027 12-03-2027 {BALAI}")
    [done] = await app.conversation.handle(said)
    assert done.text.template == "dialog/window/set" and done.text.context["told"] == 1
    [overview] = await app.conversation.handle(Incoming("console", HENDRA, text="/dialog"))
    assert overview.text.context["units"] == [
        {"unit": BALAI, "starts": date(2027, 2, 8), "ends": date(2027, 3, 12)}
    ]
    [bad] = await app.conversation.handle(Incoming("console", HENDRA, text="/dialog jendela 8"))
    assert bad.text.context["reason"] == "format"
    [refused] = await app.conversation.handle(
        Incoming("console", BUDI, text="/dialog jendela 08-02-2027 12-03-2027")
    )
    assert refused.text.context["reason"] == "not_allowed"
    [published] = await app.conversation.handle(Incoming("console", HENDRA,
                                                         text="/dialog panduan"))  # fmt: skip
    assert published.text.context == {"name": "panduan-dialog-kinerja.md", "told": 6, "unit": None}
