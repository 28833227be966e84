"""Fixtures that run the real Bolt app (bot.channels.slack) against the fake Slack."""

from __future__ import annotations

import asyncio
import html
import json
import re
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import pytest

from bot import admin
from bot.app import App, bootstrap
from bot.channels.slack import EVENTS_PATH, SlackChannel, serve
from bot.config import Settings
from tests.channels.conftest import (
    RunningBot,
    bot_api,
    free_port,
    invite_code,
    reset_postgres,
)
from tests.conftest import FakeClock, open_story_cycle
from tests.fake_slack import Call, FakeSlack, Posted, SlackUser
from tests.fake_telegram import FakeBotApi
from tests.scenarios.drivers import Screen, bare

WRITE_LABEL = "✍ Tulis jawaban"
__all__ = ["bot_api"]  # the fake Bot API fixture, for stories that cross into Telegram


@pytest.fixture
async def slack() -> AsyncIterator[FakeSlack]:
    fake = await FakeSlack().start()
    yield fake
    await fake.stop()


def slack_settings(database_url: str, fake: FakeSlack, *, socket: bool = False,
                   **extra: Any) -> Settings:  # fmt: skip
    """HTTP Events on a free local port (or Socket Mode), the Web API at the fake."""
    return Settings(
        _env_file=None,  # type: ignore[call-arg]
        database_url=database_url,
        slack_bot_token=fake.bot_token,
        slack_signing_secret=fake.signing_secret,
        slack_app_token=fake.app_token if socket else None,
        slack_api_url=fake.url,
        slack_listen="127.0.0.1",
        slack_port=free_port(),
        **extra,
    )


class RunningSlack:
    """The Slack channel of ``idp-bot run`` in this event loop, stopped at the end."""

    def __init__(self, app: App) -> None:
        self.app = app
        self.stop = asyncio.Event()
        self.channel = SlackChannel(app)
        self.task: asyncio.Task[None] | None = None

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.app.settings.slack_port}{EVENTS_PATH}"

    async def start(self) -> RunningSlack:
        ready = asyncio.Event()
        self.task = asyncio.create_task(serve(self.app, self.stop, ready, channel=self.channel))
        started = asyncio.create_task(ready.wait())
        await asyncio.wait({self.task, started}, timeout=15, return_when=asyncio.FIRST_COMPLETED)
        if not ready.is_set():
            started.cancel()
            if self.task.done():
                self.task.result()
            raise TimeoutError("the Slack channel did not start within 15 s")
        return self

    async def idle(self) -> None:
        await self.channel.intake.idle()

    async def close(self) -> None:
        self.stop.set()
        if self.task is not None:
            await asyncio.wait_for(self.task, 15)


async def running_slack(settings: Settings, clock: FakeClock) -> RunningSlack:
    app = await bootstrap(settings, clock=clock)
    await reset_postgres(app)
    await open_story_cycle(app)
    await admin.seed_demo(app)
    return await RunningSlack(app).start()


def mrkdwn_plain(text: str) -> str:
    """What a person reads of a mrkdwn text: marks dropped, entities as characters."""
    return html.unescape(re.sub(r"(?<![\w*_`])[*_`]+|[*_`]+(?![\w*_`])", "", text))


@dataclass
class SlackPerson:
    """A person in their DM with the bot: types (a message, or a slash command), presses
    buttons, writes in modals; each action returns what the bot posted or updated."""

    slack: FakeSlack
    bot: RunningSlack
    user: SlackUser
    screen: Screen = field(default_factory=lambda: Screen([], []))

    async def _after(self, start: int, expect: int | None) -> Screen:
        await self.bot.idle()
        shown = [c for c in self.slack.calls[start:] if _in_dm(c, self.user.dm)]
        texts = [mrkdwn_plain(_shown(c)) for c in shown]
        buttons = [b["text"]["text"] for b in _buttons(shown[-1])] if shown else []
        self.screen = Screen(texts, buttons)
        if expect is not None:
            assert len(texts) == expect, f"wanted {expect} messages, got {texts}"
        return self.screen

    async def deliver(self, body: dict[str, Any]) -> int:
        status, _ = await self.slack.deliver(self.bot.endpoint, body)
        return status

    async def type(self, text: str, expect: int | None = 1) -> Screen:
        """A slash command when it starts with "/", else a message; a long answer the bot
        offered a modal for is written in the modal."""
        start = len(self.slack.calls)
        latest = self.latest_with_buttons()
        if text.startswith("/"):
            name, _, rest = text.partition(" ")
            assert await self.deliver(self.command(name, rest)) == 200
        elif latest is not None and fits_the_box(latest, text):
            return await self.write(text, expect)
        else:
            assert await self.deliver(self.slack.message(self.user, text)) == 200
        return await self._after(start, expect)

    async def write(self, text: str, expect: int | None = 1) -> Screen:
        """Press "write the answer", type ``text`` in the modal, submit it."""
        latest = self.latest_with_buttons()
        assert latest is not None
        [writer] = [b for b in latest.buttons if b["text"] == WRITE_LABEL]
        opened = len(self.slack.opened)
        assert await self.deliver(self.slack.block_actions(self.user, writer, latest)) == 200
        assert len(self.slack.opened) == opened + 1, "no modal opened"
        start = len(self.slack.calls)
        submission = self.slack.view_submission(self.user, self.slack.opened[-1], {"answer": text})
        status, answer = await self.slack.deliver(self.bot.endpoint, submission)
        assert status == 200
        if answer:  # the modal stays open, showing what is wrong
            refused = json.loads(answer)
            assert refused["response_action"] == "errors"
            self.screen = Screen(list(refused["errors"].values()), self.screen.buttons)
            return self.screen
        return await self._after(start, expect)

    async def press(self, label: str, expect: int | None = 1) -> Screen:
        """Press the button labelled ``label`` (marks aside) on the latest message with it."""
        for message in reversed(self.slack.messages_in(self.user.dm)):
            for found in message.buttons:
                if bare(found["text"]) == label:
                    start = len(self.slack.calls)
                    body = self.slack.block_actions(self.user, found, message)
                    assert await self.deliver(body) == 200
                    return await self._after(start, expect)
        raise AssertionError(f"no button {label!r} in the DM")

    def latest_with_buttons(self) -> Posted | None:
        return next((m for m in reversed(self.slack.messages_in(self.user.dm)) if m.buttons),
                    None)  # fmt: skip

    def command(self, name: str, text: str) -> dict[str, Any]:
        return {"type": "slash_command", "command": name, "text": text,
                "user_id": self.user.id, "user_name": self.user.name,
                "channel_id": self.user.dm, "team_id": "T0IDP",
                "trigger_id": f"{len(self.slack.calls)}.{id(text)}.{name}",
                "token": "legacy", "api_app_id": "A0IDP"}  # fmt: skip


def fits_the_box(message: Posted, text: str) -> bool:
    """The message offers a modal for a long answer (a one-line one is typed in the DM) and
    ``text`` fits it (Slack's client sends no longer text: that is typed in the DM too)."""
    found = [b for b in message.buttons if b["text"] == WRITE_LABEL]
    value = found[0]["value"] if found else ""
    return value.startswith("L") and 0 < len(text) <= int(value[3:8])


def _in_dm(call: Call, dm: str) -> bool:
    return call.method in ("chat.postMessage", "chat.update") and call.params.get("channel") == dm


def _shown(call: Call) -> str:
    sections = [b["text"]["text"] for b in _blocks(call) if b.get("type") == "section"]
    return "\n".join(sections) if sections else str(call.params.get("text", ""))


def _blocks(call: Call) -> list[dict[str, Any]]:
    found = call.params.get("blocks") or []
    return json.loads(found) if isinstance(found, str) else list(found)


def _buttons(call: Call) -> list[dict[str, Any]]:
    return [e for b in _blocks(call) if b.get("type") == "actions" for e in b["elements"]]


async def bound_person(bot: RunningSlack, slack: FakeSlack, user_id: str, name: str,
                       nip: str) -> SlackPerson:  # fmt: skip
    """``nip`` bound to a new Slack user by sending the invite code in the DM."""
    person = SlackPerson(slack, bot, slack.add_user(user_id, name))
    screen = await person.type(await invite_code(bot.app, nip))
    assert name.split()[0] in screen.last, screen.texts
    return person


async def deliver_slack_notices(bot: RunningSlack) -> int:
    """Send the outbox rows queued for Slack as replies to their DM and settle them as sent:
    a stand-in for the Slack sender (the outbox's ChannelSender, built beside this channel)
    so that a notice's buttons reach the fake like any message the bot posts."""
    from datetime import timedelta

    from bot.channels.slack_replies import send_reply
    from handlers.effects import Msg, Reply
    from handlers.outbox import Settlement, Status

    app = bot.app
    async with app.uow() as uow:
        items = await uow.outbox.claim("slack", "test", app.clock.now(), timedelta(minutes=1), 100)
        await uow.commit()
    for item in items:
        assert item.address is not None
        reply = Reply(Msg(item.template, item.context), item.locale, item.buttons)
        await send_reply(bot.channel.client, item.address, reply)
    async with app.uow() as uow:
        done = Settlement(Status.SENT, 1, 0, 1, sent_at=app.clock.now())
        await uow.outbox.settle("test", [(item.id, done) for item in items])
        await uow.commit()
    return len(items)


@pytest.fixture
async def both(
    database_url: str, slack: FakeSlack, bot_api: FakeBotApi, clock: FakeClock
) -> AsyncIterator[tuple[RunningSlack, RunningBot]]:
    settings = slack_settings(database_url, slack, telegram_token=bot_api.token,
                              telegram_api_url=bot_api.url)  # fmt: skip
    app = await bootstrap(settings, clock=clock)
    await reset_postgres(app)
    await open_story_cycle(app)
    in_slack = await RunningSlack(app).start()
    in_telegram = await RunningBot(app).start()
    yield in_slack, in_telegram
    await in_telegram.close()
    await in_slack.close()
    await app.close()
