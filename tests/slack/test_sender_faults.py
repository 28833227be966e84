"""A broadcast through the Slack sender against a fake Slack that answers 429 with Retry-After,
``account_inactive`` / ``user_not_found`` / ``channel_not_found`` / ``is_archived``, 5xx,
other errors and too late, and a worker restarted mid-broadcast: every message arrives
exactly once, or its row says why not."""

from __future__ import annotations

import asyncio
import os
import signal
from collections.abc import AsyncIterator

import pytest
from sqlalchemy import select

from bot.app import App, bootstrap
from bot.sender import OutboxSender
from handlers import broadcast
from handlers.broadcast import Operator
from handlers.calendar import NO_QUIET_HOURS
from handlers.outbox import Status
from storage.outbox import OutboxRow, UnreachableRow
from tests.channels.conftest import reset_postgres
from tests.channels.test_delivery_restart import rows_by_status, spawn, wait_for
from tests.delivery_support import run_until, settled
from tests.fake_slack import FakeSlack
from tests.fake_slack_limits import Fault
from tests.slack.delivery import slack_people, slack_settings, start_slack_sender

TEXT = "Pengumuman: rapat koordinasi IDP Senin"
TOO_LATE = 0.6  # the fake answers after this; the client gives up after 0.3 s


@pytest.fixture
async def slack() -> AsyncIterator[FakeSlack]:
    fake = await FakeSlack().start()
    yield fake
    await fake.stop()


@pytest.fixture
async def slack_app(database_url: str, slack: FakeSlack) -> AsyncIterator[App]:
    settings = slack_settings(database_url, slack, outbox_max_attempts=3, slack_send_timeout=0.3)
    app = await bootstrap(settings)
    await reset_postgres(app)
    yield app
    await app.close()


@pytest.fixture
async def sender(slack_app: App) -> AsyncIterator[OutboxSender]:
    sender = await start_slack_sender(slack_app)
    yield sender
    await sender.channel.close()


async def send_to_everyone(app: App, text: str = TEXT) -> int:
    async with app.uow() as uow:
        created = await broadcast.create(
            uow, Operator(), "all", text, None, app.clock.now(), 2026, quiet=NO_QUIET_HOURS
        )
    return created.id


def received(slack: FakeSlack, dm: str) -> int:
    return sum(1 for message in slack.messages_in(dm) if message.shown == TEXT)


async def test_every_fault_ends_in_one_delivery_or_a_counted_reason(
    slack_app: App, sender: OutboxSender, slack: FakeSlack
) -> None:
    people, dms = await slack_people(slack_app, slack, 20)
    (limited, flaky, inactive, not_found, no_channel, archived, down, refused, odd,
     late) = dms[:10]  # fmt: skip
    faults = slack.limits
    faults.fail(limited, Fault("ratelimited", retry_after=1))
    faults.fail(flaky, Fault(status=503), times=2)
    faults.fail(inactive, Fault("account_inactive"))
    faults.fail(not_found, Fault("user_not_found"))
    faults.fail(no_channel, Fault("channel_not_found"))
    faults.fail(archived, Fault("is_archived"))
    faults.fail(down, Fault(status=500), times=10)
    faults.fail(refused, Fault("invalid_blocks"))
    faults.fail(odd, Fault("fatal_error"), times=10)
    faults.fail(late, Fault(delay=TOO_LATE))

    broadcast_id = await send_to_everyone(slack_app)
    seconds = await run_until(sender, lambda: settled(slack_app))

    await slack.wait_for(late, 2)  # the late answer's message lands after its timeout
    gone = {inactive, not_found, no_channel, archived}
    never = gone | {down, refused, odd}
    assert {dm: received(slack, dm) for dm in dms if dm not in never} == {
        dm: (2 if dm == late else 1) for dm in dms if dm not in never
    }, "a late answer's message arrived, and once more after the timeout (counted)"
    assert all(received(slack, dm) == 0 for dm in never)
    assert seconds >= 1.0, "the 429's Retry-After was waited out"
    assert sender.stats.rate_limited == 1

    async with slack_app.uow() as uow:
        report = await broadcast.report(uow, Operator(), broadcast_id)
    assert report.count(Status.SENT) == 13
    assert report.count(Status.UNREACHABLE) == 4
    assert report.tally.failures == {
        "server: 500": 1,
        "rejected: invalid_blocks": 1,
        "slack: fatal_error": 1,
    }
    assert report.tally.uncertain == 1
    async with slack_app.engine.connect() as connection:
        reasons = set(await connection.scalars(select(UnreachableRow.reason)))
    assert reasons == {"account_inactive", "user_not_found", "channel_not_found", "is_archived"}
    dm_of = dict(zip((p.employee_id for p in people), dms, strict=True))
    assert {dm_of[nip_id] for nip_id in await unreachable_ids(slack_app)} == gone

    calls_before = len(slack.calls_to("chat.postMessage"))
    await send_to_everyone(slack_app, "Kedua")
    await run_until(sender, lambda: settled(slack_app))
    targets = [c.params["channel"] for c in slack.calls_to("chat.postMessage")[calls_before:]]
    user_of = {user.dm: user.id for user in slack.users.values()}
    assert not {user_of[dm] for dm in gone} & set(targets), "the unreachable are not tried again"


async def unreachable_ids(app: App) -> set[int]:
    async with app.engine.connect() as connection:
        return set(await connection.scalars(select(UnreachableRow.employee_id)))


async def test_paced_under_slacks_limits_no_429_is_ever_received(
    slack_app: App, sender: OutboxSender, slack: FakeSlack
) -> None:
    slack.limits.limit(per_channel=20, overall=200, burst=1)  # as configured for the sender
    _, dms = await slack_people(slack_app, slack, 120)
    await send_to_everyone(slack_app)
    await run_until(sender, lambda: settled(slack_app))
    assert slack.limits.refused == 0 and sender.stats.rate_limited == 0
    assert all(received(slack, dm) == 1 for dm in dms[1:]) or sender.stats.timeouts


async def test_a_restarted_worker_loses_nothing_and_duplicates_nothing(
    slack_app: App, slack: FakeSlack
) -> None:
    slack.limits.limit(per_channel=1, overall=40)
    _, dms = await slack_people(slack_app, slack, 60)
    await send_to_everyone(slack_app)
    first = await start_slack_sender(slack_app, "first", rate=20)
    stop = asyncio.Event()
    running = asyncio.create_task(first.run(stop))
    await wait_for(lambda: some_sent(slack, 15))
    stop.set()
    await running  # a stop lets the deliveries under way finish and record
    await first.channel.close()
    at_stop = await rows_by_status(slack_app)
    assert at_stop.get("pending") and at_stop.get("sent") and not at_stop.get("sending")

    second = await start_slack_sender(slack_app, "second")
    await second.recover()
    await run_until(second, lambda: settled(slack_app))
    await second.channel.close()
    assert [received(slack, dm) for dm in dms] == [1] * len(dms)
    async with slack_app.engine.connect() as connection:
        assert set(await connection.scalars(select(OutboxRow.status))) == {"sent"}


async def some_sent(slack: FakeSlack, count: int) -> bool:
    return len(slack.calls_to("chat.postMessage")) >= count


async def test_a_killed_worker_process_loses_nothing_and_repeats_nothing_confirmed(
    slack_app: App, slack: FakeSlack
) -> None:
    """``idp-bot worker`` sending on Slack, killed (SIGKILL) mid-broadcast and started again."""
    slack.limits.limit(per_channel=1, overall=50)
    people, dms = await slack_people(slack_app, slack, 80)
    dm_of = dict(zip((p.employee_id for p in people), dms, strict=True))
    created = await send_to_everyone(slack_app)
    settings = slack_app.settings
    env = worker_environment(settings.database_url, slack)

    first = await spawn("-m", "bot.cli", "worker", env=env)
    await wait_for(lambda: some_sent(slack, 25))
    first.kill()
    await first.wait()
    at_kill = await rows_by_status(slack_app)
    confirmed, under_way = at_kill.get("sent", set()), at_kill.get("sending", set())
    assert confirmed and at_kill.get("pending")

    second = await spawn("-m", "bot.cli", "worker", env=env)
    await wait_for(lambda: settled(slack_app), timeout=60)
    second.send_signal(signal.SIGTERM)
    assert await second.wait() == 0

    assert all(received(slack, dm_of[e]) == 1 for e in confirmed), "nothing confirmed repeated"
    assert all(received(slack, dm) >= 1 for dm in dms), "nobody lost"
    duplicated = {e for e, dm in dm_of.items() if received(slack, dm) > 1}
    assert duplicated <= under_way, "only what was under way at the kill"
    async with slack_app.uow() as uow:
        report = await broadcast.report(uow, Operator(), created)
    assert report.count(Status.SENT) == 80
    assert report.tally.uncertain == len(under_way) >= len(duplicated)


def worker_environment(database_url: str, slack: FakeSlack) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("IDP_")}
    return env | {
        "IDP_DATABASE_URL": database_url,
        "IDP_SLACK_BOT_TOKEN": slack.bot_token,
        "IDP_SLACK_API_URL": slack.url,
        "IDP_SLACK_SIGNING_SECRET": slack.signing_secret,
        "IDP_SLACK_RATE_GLOBAL": "50",
        "IDP_SLACK_RATE_PER_CHANNEL": "1",
        "IDP_SLACK_SEND_TIMEOUT": "5",
        "IDP_LOG_LEVEL": "WARNING",
    }
