"""The Slack sender through the real slack_sdk ``AsyncWebClient`` against the fake Slack: a
notice arrives in the person's DM as mrkdwn with its buttons, a long one split at Slack's
limits, a file through the external upload, and no user value becomes a mention or link."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest

from bot.app import App, bootstrap
from bot.channels.registry import Part
from bot.channels.slack_blocks import MESSAGE_BLOCKS, SECTION_TEXT
from bot.channels.slack_profile import keep_zones
from bot.sender import OutboxSender
from handlers.effects import Attachment, Button, Msg
from handlers.notify import Notify, notify
from tests.channels.conftest import reset_postgres
from tests.delivery_support import load_people, settled, wait_until
from tests.fake_slack import FakeSlack
from tests.slack.delivery import (
    bind_slack,
    slack_people,
    slack_settings,
    start_slack_sender,
    zones,
)


@pytest.fixture
async def slack() -> AsyncIterator[FakeSlack]:
    fake = await FakeSlack().start()
    yield fake
    await fake.stop()


@pytest.fixture
async def slack_app(database_url: str, slack: FakeSlack) -> AsyncIterator[App]:
    app = await bootstrap(slack_settings(database_url, slack, outbox_max_attempts=3))
    await reset_postgres(app)
    yield app
    await app.close()


@pytest.fixture
async def sender(slack_app: App) -> AsyncIterator[OutboxSender]:
    sender = await start_slack_sender(slack_app)
    yield sender
    await sender.channel.close()


async def tell(app: App, employee_id: int, text: str, **extra: object) -> None:
    async with app.uow() as uow:
        effect = Notify(employee_id, Msg("broadcast/message", {"text": text}), **extra)  # type: ignore[arg-type]
        await notify(uow, effect, app.clock.now())
        await uow.commit()


async def test_a_notice_arrives_in_the_dm_as_mrkdwn_with_its_buttons(
    slack_app: App, sender: OutboxSender, slack: FakeSlack
) -> None:
    [budi], [dm] = await slack_people(slack_app, slack, 1)
    buttons = ((Button(Msg("label/back"), "f:1:2:back"), Button(Msg("label/skip"), "f:1:2:skip")),)
    await tell(slack_app, budi.employee_id, "Rapat <@U0BOS> & <!channel> *besok*", buttons=buttons)
    assert await sender.send_due() == 1
    [message] = slack.messages_in(dm)
    assert "&lt;@U0BOS&gt; &amp; &lt;!channel&gt;" in message.shown, "escaped: no mention"
    assert "<@" not in message.shown and "<!" not in message.shown
    assert [(b["value"], b["action_id"]) for b in message.buttons] == [
        ("f:1:2:back", "idp:0"),
        ("f:1:2:skip", "idp:1"),
    ]
    assert all(b["text"] for b in message.buttons)
    [call] = slack.calls_to("chat.postMessage")
    assert call.params["channel"] == budi_user(slack, dm), (
        "posted to the user id: Slack opens the DM"
    )
    assert await settled(slack_app)


def budi_user(slack: FakeSlack, dm: str) -> str:
    return next(user.id for user in slack.users.values() if user.dm == dm)


async def test_a_long_notice_is_split_at_slacks_limits_and_nothing_is_lost(
    slack_app: App, sender: OutboxSender, slack: FakeSlack
) -> None:
    [budi], [dm] = await slack_people(slack_app, slack, 1, by_dm=True)
    lines = [f"Baris {n:04d} " + "x" * 500 for n in range(300)]  # ~152,000: 51+ sections
    await tell(slack_app, budi.employee_id, "\n".join(lines))
    assert await sender.send_due() == 1
    messages = slack.messages_in(dm)
    sections = [b["text"]["text"] for m in messages for b in m.blocks if b["type"] == "section"]
    assert len(sections) > 20 and all(len(text) <= SECTION_TEXT for text in sections)
    assert all(len(m.blocks) <= MESSAGE_BLOCKS for m in messages)
    shown = "\n".join(m.shown for m in messages)
    assert [line for line in lines if line not in shown] == []


async def test_a_file_goes_through_the_external_upload_into_the_dm(
    slack_app: App, sender: OutboxSender, slack: FakeSlack
) -> None:
    [budi], [dm] = await slack_people(slack_app, slack, 1)
    ics = Attachment("dialog-kinerja.ics", "text/calendar", b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")
    await tell(slack_app, budi.employee_id, "Jadwal dialog kinerja", attachment=ics)
    assert await sender.send_due() == 1
    [upload] = slack.uploads.values()
    assert (upload.filename, upload.content, upload.channel) == (ics.name, ics.data, dm)
    assert [m.shown for m in slack.messages_in(dm)] == ["Jadwal dialog kinerja"]
    assert not slack.calls_to("conversations.open"), "the DM was learnt from the message"


async def test_a_file_alone_after_a_restart_opens_the_dm_first(
    slack_app: App, slack: FakeSlack
) -> None:
    _, [dm] = await slack_people(slack_app, slack, 1)
    ics = Attachment("panduan.pdf", "application/pdf", b"%PDF-1.4 guide")
    channel = (await start_slack_sender(slack_app)).channel
    try:
        await channel.send(budi_user(slack, dm), Part("", attachment=ics))
    finally:
        await channel.close()
    assert [c.params["users"] for c in slack.calls_to("conversations.open")] == [
        budi_user(slack, dm)
    ]
    [upload] = slack.uploads.values()
    assert upload.channel == dm


async def test_the_progress_message_is_edited_in_place(
    slack_app: App, sender: OutboxSender, slack: FakeSlack
) -> None:
    [_], [dm] = await slack_people(slack_app, slack, 1, by_dm=True)
    channel = sender.channel
    ref = await channel.send(dm, Part(channel.text("Terkirim: <b>1</b> / 10")))
    assert await channel.edit(ref, channel.text("Terkirim: <b>10</b> / 10"))
    [message] = slack.messages_in(dm)
    assert (message.text, message.edits) == ("Terkirim: *10* / 10", 1)
    assert not await channel.edit(f"{dm}:file", "x"), "a file is not edited"


async def test_a_person_bound_while_the_sender_runs_gets_their_slack_time_zone(
    slack_app: App, sender: OutboxSender, slack: FakeSlack
) -> None:
    people = await load_people(slack_app, 2, zones=("", "WIB"), unbound=2)  # one file zone
    channel = sender.channel
    stop = asyncio.Event()
    running = asyncio.create_task(
        keep_zones(slack_app, channel.client, "slack", channel.methods, stop, every=0.05)
    )
    await bind_slack(slack_app, slack, people, tz="Asia/Jayapura")
    await wait_until(lambda: slack.calls_to("users.info"))
    await asyncio.sleep(0.2)  # another look or two: nobody is asked twice
    stop.set()
    await running
    assert [c.params["user"] for c in slack.calls_to("users.info")] == ["U00000001"]
    assert [(await zones(slack_app))[p.employee_id] for p in people] == ["WIT", "WIB"]
