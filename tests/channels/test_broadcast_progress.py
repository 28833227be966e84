"""Hendra, the learning coordinator, broadcasts to the 40 people of Pusat Data from his own
Telegram account: one message shows the progress, edited in place, and the delivery report
follows — its figures are what the Bot API really received."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable

import pytest

from bot import admin
from bot.app import App, bootstrap
from bot.progress import BroadcastProgress, Screen
from handlers import broadcast
from handlers.calendar import NO_QUIET_HOURS
from tests.channels.conftest import reset_postgres
from tests.delivery_support import (
    delivery_settings,
    load_people,
    settled,
    start_sender,
    wait_until,
)
from tests.fake_telegram import FakeBotApi, Fault

HENDRA = "197002151995031001"
HENDRA_CHAT = 4242


@pytest.fixture
async def app(database_url: str, bot_api: FakeBotApi) -> AsyncIterator[App]:
    settings = delivery_settings(
        database_url, bot_api.url, bot_api.token, telegram_rate_global=40,
        telegram_rate_per_chat=20, outbox_max_attempts=2,
    )  # fmt: skip
    app = await bootstrap(settings)
    await reset_postgres(app)
    yield app
    await app.close()


async def test_the_coordinator_watches_one_message_count_up_then_reads_the_report(
    app: App, bot_api: FakeBotApi
) -> None:
    assert await admin.seed_demo(app)
    async with app.uow() as uow:
        hendra = await uow.employees.by_nip(HENDRA)
        assert hendra is not None
        await uow.accounts.bind("telegram", str(HENDRA_CHAT), hendra.id, str(HENDRA_CHAT),
                                app.clock.now())  # fmt: skip
        await uow.commit()
    people = await load_people(app, 40)
    blocked, down, late = (p.chat for p in people[:3])
    assert blocked is not None and down is not None and late is not None
    bot_api.fail_chat(blocked, Fault(403, "Forbidden: bot was blocked by the user"))
    bot_api.fail_chat(down, Fault(502, "Bad Gateway"), times=5)
    bot_api.fail_chat(late, Fault(200, "", delay=1.0, deliver=True))
    async with app.uow() as uow:
        created = await broadcast.create(
            uow,
            hendra,
            "unit:Pusat Data",
            "Pelatihan dimulai Senin",
            None,
            app.clock.now(),
            2026,
            quiet=NO_QUIET_HOURS,
        )

    sender = await start_sender(app)
    progress = BroadcastProgress(app, [Screen(sender.channel, sender.pacer)], sender.wake)
    stop = asyncio.Event()
    tasks = [asyncio.create_task(sender.run(stop)), asyncio.create_task(progress.run(stop, 0.3))]
    try:
        await bot_api.wait_for(HENDRA_CHAT, 1, timeout=20)
        await wait_until(lambda: settled(app), report_arrived(bot_api))
    finally:
        stop.set()
        await asyncio.gather(*tasks)
        await sender.channel.close()

    shown = bot_api.sent_to(HENDRA_CHAT)
    first, *edits, report = shown
    assert first.method == "sendMessage" and first.text.startswith("<b>Siaran #1</b>")
    assert len(edits) >= 2 and {e.method for e in edits} == {"editMessageText"}
    assert {e.message_id for e in edits} == {first.message_id}, "edited in place"
    counts = [int(e.text.split("Terkirim: ")[1].split(" /")[0]) for e in edits]
    assert counts == sorted(counts), "the count only goes up"
    final = edits[-1].text.splitlines()
    assert final[:5] == ["<b>Siaran #1</b> — selesai", "Terkirim: 38 / 40", "Gagal: 1",
                         "Tidak dapat dihubungi: 1", "Tidak pasti: 1"]  # fmt: skip
    assert {line.replace(" / 40", "") for line in final[1:]} <= set(report.text.splitlines()), (
        "the progress says what the report says, in the same words"
    )

    delivered = {chat for chat, text in bot_api.deliveries() if text == "Pelatihan dimulai Senin"}
    assert len(delivered) == 38 and bot_api.duplicates() == 1
    assert report.method == "sendMessage"
    assert "Terkirim: 38" in report.text and "Gagal: 1" in report.text
    assert "galat server Telegram (Bad Gateway): 1" in report.text
    assert "Tidak dapat dihubungi: 1" in report.text
    blocked_nip = next(p.nip for p in people if p.chat == blocked)
    assert f"<code>{blocked_nip}</code>" in report.text
    assert "  • waktu habis: Telegram tidak menjawab tepat waktu, mungkin terkirim dua kali: 1" in (
        report.text
    )
    async with app.uow() as uow:
        assert (await uow.broadcasts.get(created.id)).status == "done"  # type: ignore[union-attr]


def report_arrived(api: FakeBotApi) -> Callable[[], bool]:
    return lambda: any("Laporan siaran" in m.text for m in api.sent_to(HENDRA_CHAT))
