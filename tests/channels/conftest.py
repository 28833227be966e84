"""Fixtures that run the real python-telegram-bot Application against the fake Bot API."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import timedelta

import pytest

from bot import admin
from bot.app import App, bootstrap
from bot.channels import telegram
from bot.config import Settings
from tests.conftest import FakeClock, open_story_cycle
from tests.fake_telegram import FakeBotApi, FakeUser, Sent


@pytest.fixture
async def bot_api() -> AsyncIterator[FakeBotApi]:
    api = await FakeBotApi().start()
    yield api
    await api.stop()


@pytest.fixture
def telegram_settings(database_url: str, bot_api: FakeBotApi) -> Settings:
    return Settings(
        _env_file=None,  # type: ignore[call-arg]
        database_url=database_url,
        telegram_token=bot_api.token,
        telegram_api_url=bot_api.url,
    )


class RunningBot:
    """``idp-bot run`` in this event loop: serve() as a task, stopped at the end."""

    def __init__(self, app: App) -> None:
        self.app = app
        self.stop = asyncio.Event()
        self.task: asyncio.Task[None] | None = None

    async def start(self) -> RunningBot:
        ready = asyncio.Event()
        self.task = asyncio.create_task(telegram.serve(self.app, self.stop, ready))
        started = asyncio.create_task(ready.wait())
        await asyncio.wait({self.task, started}, timeout=15, return_when=asyncio.FIRST_COMPLETED)
        if not ready.is_set():
            started.cancel()
            if self.task.done():
                self.task.result()  # serve() failed: raise its error here
            raise TimeoutError("the bot did not start within 15 s")
        return self

    async def close(self) -> None:
        self.stop.set()
        if self.task is not None:
            await asyncio.wait_for(self.task, 15)


@pytest.fixture
async def running_bot(
    telegram_settings: Settings, clock: FakeClock, bot_api: FakeBotApi
) -> AsyncIterator[RunningBot]:
    app = await bootstrap(telegram_settings, clock=clock)
    await reset_postgres(app)
    await open_story_cycle(app)
    bot = await RunningBot(app).start()
    yield bot
    await bot.close()
    await app.close()


async def reset_postgres(app: App) -> None:
    from sqlalchemy import text

    from storage.models import Base

    if app.engine.dialect.name == "postgresql":
        tables = ", ".join(t.name for t in Base.metadata.sorted_tables)
        async with app.engine.begin() as connection:
            await connection.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))


@dataclass
class Person:
    """A person at a Telegram client: types, presses buttons, reads what the bot answered."""

    api: FakeBotApi
    user: FakeUser

    async def say(self, text: str, expect: int = 1) -> list[Sent]:
        before = len(self.api.sent_to(self.user.id))
        await self.api.type_text(self.user, text)
        return (await self.api.wait_for(self.user.id, before + expect))[before:]

    async def press(self, label: str, expect: int = 1) -> list[Sent]:
        """Press the button labelled ``label`` on the latest message that has it."""
        for message in reversed(self.api.sent_to(self.user.id)):
            for text, payload in message.buttons:
                if text == label:
                    before = len(self.api.sent_to(self.user.id))
                    await self.api.press(self.user, payload, on=message)
                    return (await self.api.wait_for(self.user.id, before + expect))[before:]
        raise AssertionError(f"no button {label!r} in the chat")

    async def press_bare(self, label: str, expect: int = 1) -> list[Sent]:
        """Press the button whose label, without ✓/⭐ marks, is ``label`` (latest message)."""
        import re

        for message in reversed(self.api.sent_to(self.user.id)):
            for text, payload in message.buttons:
                if re.sub(r"^(?:✓ |⭐ )+", "", text) == label:
                    before = len(self.api.sent_to(self.user.id))
                    await self.api.press(self.user, payload, on=message)
                    return (await self.api.wait_for(self.user.id, before + expect))[before:]
            if message.buttons:
                break
        raise AssertionError(f"no button {label!r} on the latest keyboard")

    async def press_payload(self, payload: str, expect: int = 1) -> list[Sent]:
        """Send a button press with any payload: a stale button, or a forged one."""
        before = len(self.api.sent_to(self.user.id))
        await self.api.press(self.user, payload)
        return (await self.api.wait_for(self.user.id, before + expect))[before:]


BUDI = "199004172015031003"  # Budi Santoso in the demo organisation


async def demo_person(app: App, api: FakeBotApi, user_id: int, nip: str = BUDI) -> Person:
    """The demo organisation loaded and ``nip`` bound to Telegram user ``user_id`` by an
    invite, as a person does it (greeting read)."""
    await admin.seed_demo(app)
    person = Person(api, api.user(user_id, "Budi"))
    await person.say(f"/start {await invite_code(app, nip)}")
    return person


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def webhook_settings(database_url: str, api: FakeBotApi) -> Settings:
    """Webhook mode on a free local port, with the secret ``s3cret-Token_1``."""
    port = free_port()
    return Settings(
        _env_file=None,  # type: ignore[call-arg]
        database_url=database_url,
        telegram_token=api.token,
        telegram_api_url=api.url,
        telegram_webhook_url=f"http://127.0.0.1:{port}",
        telegram_webhook_secret="s3cret-Token_1",
        telegram_webhook_listen="127.0.0.1",
        telegram_webhook_port=port,
    )


async def invite_code(app: App, nip: str) -> str:
    invited = await admin.invite(app, everyone=False, unit=None, nip=nip, ttl=timedelta(days=14))
    assert len(invited.lines) == 1
    return invited.lines[0].code
