"""A broadcast through the real python-telegram-bot ``Bot`` against a Bot API that answers
429, 502, 403 and too late: every message arrives exactly once, except where a timeout left
delivery unknown — then at most once more, and the report counts exactly those."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, time

import pytest
from sqlalchemy import select

from bot.app import App, bootstrap
from bot.sender import OutboxSender
from handlers import broadcast
from handlers.broadcast import LocalTime, Operator
from handlers.calendar import NO_QUIET_HOURS
from handlers.effects import Msg
from handlers.notify import Notify, notify
from handlers.outbox import Status
from storage.outbox import OutboxRow
from tests.channels.conftest import reset_postgres
from tests.conftest import FakeClock
from tests.delivery_support import (
    delivery_settings,
    load_people,
    run_until,
    settled,
    start_sender,
)
from tests.fake_telegram import FakeBotApi, Fault

TOO_LATE = 0.6  # the fake answers after this; the client gives up after 0.3 s
BAD_GATEWAY = Fault(502, "Bad Gateway")


@pytest.fixture
async def delivery_app(database_url: str, bot_api: FakeBotApi) -> AsyncIterator[App]:
    settings = delivery_settings(
        database_url, bot_api.url, bot_api.token, outbox_max_attempts=3, telegram_send_timeout=0.3
    )
    app = await bootstrap(settings)
    await reset_postgres(app)
    yield app
    await app.close()


@pytest.fixture
async def sender(delivery_app: App) -> AsyncIterator[OutboxSender]:
    sender = await start_sender(delivery_app)
    yield sender
    await sender.channel.close()


async def send_to_everyone(app: App, text: str, when: LocalTime | None = None) -> int:
    async with app.uow() as uow:
        created = await broadcast.create(
            uow, Operator(), "all", text, when, app.clock.now(), 2026, quiet=NO_QUIET_HOURS
        )
    return created.id


async def test_every_fault_ends_in_one_delivery_or_a_counted_reason(
    delivery_app: App, sender: OutboxSender, bot_api: FakeBotApi
) -> None:
    people = await load_people(delivery_app, 30, unbound=2)
    chats = [p.chat for p in people if p.chat is not None]
    rate_limited, flaky, blocked, late, down, late_twice = chats[:6]
    bot_api.fail_chat(rate_limited, Fault(429, "Too Many Requests: retry after 1", 1))
    bot_api.fail_chat(flaky, BAD_GATEWAY, times=2)
    bot_api.fail_chat(blocked, Fault(403, "Forbidden: bot was blocked by the user"))
    bot_api.fail_chat(late, Fault(200, "", delay=TOO_LATE, deliver=True))
    bot_api.fail_chat(down, BAD_GATEWAY, times=10)
    bot_api.fail_chat(late_twice, Fault(200, "", delay=TOO_LATE, deliver=True), times=2)

    broadcast_id = await send_to_everyone(delivery_app, "Rapat IDP <b>Senin</b> & Selasa")
    seconds = await run_until(sender, lambda: settled(delivery_app))

    text = "Rapat IDP &lt;b&gt;Senin&lt;/b&gt; &amp; Selasa"  # sent as given, escaped
    got = bot_api.deliveries()
    expected = {chat: 1 for chat in chats if chat not in (blocked, down)}
    expected |= {late: 2, late_twice: 2}
    assert {chat: got[(chat, text)] for chat in chats if got[(chat, text)]} == expected
    assert seconds >= 1.0, "the 429's retry_after was waited out"
    assert sender.stats.rate_limited == 1

    async with delivery_app.uow() as uow:
        report = await broadcast.report(uow, Operator(), broadcast_id)
    assert report.count(Status.SENT) == 25
    assert report.tally.failures == {"server: Bad Gateway": 1, "timeout": 1}
    assert report.count(Status.UNREACHABLE) == 3  # blocked + two without an account
    assert report.tally.uncertain == bot_api.duplicates() == 2, "reported = what happened"
    blocked_nip = next(p.nip for p in people if p.chat == blocked)
    unbound = {p.nip for p in people if p.chat is None}
    assert {nip for _, nip in report.unreachable_people} == unbound | {blocked_nip}


async def test_a_person_who_blocked_the_bot_is_not_tried_again(
    delivery_app: App, sender: OutboxSender, bot_api: FakeBotApi
) -> None:
    people = await load_people(delivery_app, 3)
    blocked = people[0].chat
    assert blocked is not None
    bot_api.fail_chat(blocked, Fault(403, "Forbidden: bot was blocked by the user"))
    await send_to_everyone(delivery_app, "Pertama")
    await run_until(sender, lambda: settled(delivery_app))
    calls_before = sum(1 for m, p in bot_api.calls if int(p.get("chat_id", 0)) == blocked)
    second = await send_to_everyone(delivery_app, "Kedua")
    await run_until(sender, lambda: settled(delivery_app))
    calls_after = sum(1 for m, p in bot_api.calls if int(p.get("chat_id", 0)) == blocked)
    assert calls_after == calls_before == 1
    async with delivery_app.uow() as uow:
        report = await broadcast.report(uow, Operator(), second)
    assert (report.count(Status.SENT), report.count(Status.UNREACHABLE)) == (2, 1)


async def test_paced_under_the_platforms_limits_no_429_is_ever_received(
    delivery_app: App, sender: OutboxSender, bot_api: FakeBotApi
) -> None:
    bot_api.limit(overall=200, per_chat=20)  # as configured for the sender
    people = await load_people(delivery_app, 150)
    await send_to_everyone(delivery_app, "Pengumuman")
    # one person also gets a long notification: four parts to one chat, at 20/s at most
    long_text = "\n".join(f"Baris {n:04d} " + "x" * 200 for n in range(60))
    async with delivery_app.uow() as uow:
        note = Notify(people[0].employee_id, Msg("broadcast/message", {"text": long_text}))
        await notify(uow, note, delivery_app.clock.now())
        await uow.commit()
    await run_until(sender, lambda: settled(delivery_app))
    assert bot_api.rate_limited == 0 and sender.stats.rate_limited == 0
    # A send that outlived the tests' 0.5 s timeout on a busy machine is tried again (it may
    # not have arrived): only such a send may arrive twice.
    assert bot_api.duplicates() <= sender.stats.timeouts
    parts = [m for m in bot_api.sent if m.chat_id == people[0].chat and "Baris" in m.text]
    assert len(parts) == 4 and "".join(p.text for p in parts).count("Baris") == 60


async def test_wita_gets_its_nine_oclock_message_at_one_utc(
    database_url: str, bot_api: FakeBotApi
) -> None:
    clock = FakeClock(datetime(2027, 1, 3, 12, 0, tzinfo=UTC))
    app = await bootstrap(delivery_settings(database_url, bot_api.url, bot_api.token), clock=clock)
    await reset_postgres(app)
    sender = await start_sender(app)
    try:
        people = await load_people(app, 3, zones=("WIB", "WITA", "WIT"))
        wib, wita, wit = (p.chat for p in people)
        await send_to_everyone(app, "Selamat pagi", LocalTime(date(2027, 1, 4), time(9)))
        received: dict[str, list[int]] = {}
        for hhmm in ("23:59", "00:00", "00:59", "01:00", "01:59", "02:00"):
            hour, minute = map(int, hhmm.split(":"))
            day = 3 if hour == 23 else 4
            clock.current = datetime(2027, 1, day, hour, minute, tzinfo=UTC)
            await sender.send_due()
            received[hhmm] = sorted(m.chat_id for m in bot_api.sent)
        assert received == {
            "23:59": [], "00:00": [wit], "00:59": [wit], "01:00": sorted([wit, wita]),
            "01:59": sorted([wit, wita]), "02:00": sorted([wit, wita, wib]),
        }  # fmt: skip
    finally:
        await sender.channel.close()
        await app.close()


async def test_a_message_that_cannot_be_rendered_fails_once_and_is_not_retried(
    delivery_app: App, sender: OutboxSender, bot_api: FakeBotApi
) -> None:
    [budi] = await load_people(delivery_app, 1)
    async with delivery_app.uow() as uow:
        await notify(uow, Notify(budi.employee_id, Msg("broadcast/no_such_template")),
                     delivery_app.clock.now())  # fmt: skip
        await uow.commit()
    assert await sender.send_due() == 1
    assert await sender.send_due() == 0, "failed for good, not back in the queue"
    async with delivery_app.engine.connect() as connection:
        status, reason = (
            await connection.execute(select(OutboxRow.status, OutboxRow.last_error))
        ).one()
    assert (status, reason) == ("failed", "template: TemplateNotFound")
    assert bot_api.sent == []
