"""Two `idp-bot web` processes and a `worker` (real processes) on one PostgreSQL database,
the web processes behind a load balancer that hands each update to the next receiver in turn:
Budi fills and sends his whole Formulir 1 while four colleagues answer at the same time, each
of them firing pairs of answers back to back, one to each process. Nothing is lost: every
answer is stored, at the question it answered (in order), Budi has one plan, sent, no update
is left unhandled, and the worker delivers his supervisor's notice once."""

from __future__ import annotations

import asyncio
import itertools
import json
import os
import signal
import sys
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from aiohttp import ClientError, ClientSession
from sqlalchemy import func, select, text

from bot import admin
from bot.app import App, bootstrap
from bot.config import Settings
from storage.intake import IncomingRow
from storage.models import EmployeeRow, FormAnswerRow, FormSessionRow, PlanItemRow, PlanRow
from storage.outbox import OutboxRow
from tests.channels.conftest import Person, free_port, invite_code, reset_postgres
from tests.conftest import open_story_cycle
from tests.fake_telegram import FakeBotApi, FakeUser, Sent
from tests.scenarios.drivers import TelegramDriver
from tests.scenarios.test_formulir1_journey import (
    BUDI,
    SRI,
    fill_a_and_b,
    fill_item,
    publish_priorities,
    rate_and_plan,
)

ROOT = Path(__file__).resolve().parents[2]
BUDI_CHAT = 5001
SECRET = "two-receivers-Secret_1"
OTHERS = {  # chat ids of Andi, Rahmat, Hendra and Sri (Dewi's bahasa is English)
    "199207142023211005": 5002, "198801012012011006": 5003, "197002151995031001": 5004,
    SRI: 5005,
}  # fmt: skip


NOTICE_BUTTONS = ("cr:", "plan:", "dlg:", "agr:")


def is_notice(message: Sent) -> bool:
    rows = (message.reply_markup or {}).get("inline_keyboard", [])
    payloads = [button.get("callback_data", "") for row in rows for button in row]
    return any(payload.startswith(NOTICE_BUTTONS) for payload in payloads)


class LoadBalancer:
    """Telegram's side, with the webhook behind a load balancer: each update goes to the
    next receiver in turn, and is delivered (200: recorded) before the next is sent."""

    def __init__(self, api: FakeBotApi, urls: list[str]) -> None:
        self.api, self.urls = api, itertools.cycle(urls)

    async def type_text(self, user: FakeUser, text: str) -> dict[str, Any]:
        return await self._deliver(self.api.message_update(user, text))

    async def press(self, user: FakeUser, payload: str, on: Sent | None = None) -> dict[str, Any]:
        return await self._deliver(self.api.press_update(user, payload, on))

    async def _deliver(self, update: dict[str, Any]) -> dict[str, Any]:
        assert await self.api.post_to_webhook(next(self.urls), update, SECRET) == 200
        return update

    def sent_to(self, chat_id: int) -> list[Sent]:
        """What ``chat_id`` was answered, without the worker's notices (Budi's change
        request to the admin, his plan to his supervisor: the ones with decision buttons),
        which arrive whenever the worker sends them."""
        return [m for m in self.api.sent_to(chat_id) if not is_notice(m)]

    async def wait_for(self, chat_id: int, count: int, timeout: float = 20.0) -> list[Sent]:
        deadline = time.monotonic() + timeout
        while len(self.sent_to(chat_id)) < count:
            assert time.monotonic() < deadline, f"chat {chat_id}: fewer than {count} answers"
            await asyncio.sleep(0.05)
        return self.sent_to(chat_id)


def web_environment(database_url: str, api: FakeBotApi, port: int) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("IDP_")}
    return env | {
        "IDP_DATABASE_URL": database_url,
        "IDP_TELEGRAM_TOKEN": api.token,
        "IDP_TELEGRAM_API_URL": api.url,
        "IDP_TELEGRAM_WEBHOOK_URL": f"http://127.0.0.1:{port}",
        "IDP_TELEGRAM_WEBHOOK_SECRET": SECRET,
        "IDP_TELEGRAM_WEBHOOK_LISTEN": "127.0.0.1",
        "IDP_TELEGRAM_WEBHOOK_PORT": str(port),
        "IDP_LOG_LEVEL": "WARNING",
    }


async def start(
    command: str, database_url: str, api: FakeBotApi, port: int
) -> asyncio.subprocess.Process:
    """``idp-bot <command>`` in a process of its own (a web one receiving on ``port``), on the
    story's clock."""
    return await asyncio.create_subprocess_exec(
        sys.executable, "-m", "tests.channels.story_clock", command,
        env=web_environment(database_url, api, port), cwd=ROOT,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip


async def healthy(port: int, process: asyncio.subprocess.Process, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert process.returncode is None, "the web process exited at start"
        try:
            async with (
                ClientSession() as session,
                session.get(f"http://127.0.0.1:{port}/healthz") as answer,
            ):
                if answer.status == 200:
                    return
        except ClientError:
            pass
        await asyncio.sleep(0.2)
    raise AssertionError(f"web process on port {port} not up within {timeout} s")


@pytest.fixture
async def app(database_url: str, bot_api: FakeBotApi) -> AsyncIterator[App]:
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        database_url=database_url,
        telegram_token=bot_api.token,
        telegram_api_url=bot_api.url,
    )
    app = await bootstrap(settings)
    if app.engine.dialect.name != "postgresql":
        await app.close()
        pytest.skip("several web processes need PostgreSQL")
    await reset_postgres(app)
    await admin.seed_demo(app)
    # The story is set in the 2026 cycle, on the story's clock (29 November 2026): only that
    # cycle is open (the demo opens next year's in Q4).
    async with app.engine.begin() as connection:
        await connection.execute(text("DELETE FROM cycles"))
    await open_story_cycle(app)
    await publish_priorities(app)
    yield app
    await app.close()


@pytest.fixture
async def receivers(
    app: App, database_url: str, bot_api: FakeBotApi
) -> AsyncIterator[LoadBalancer]:
    ports = [free_port(), free_port()]
    processes = [await start("web", database_url, bot_api, port) for port in ports]
    processes.append(await start("worker", database_url, bot_api, free_port()))
    try:
        for port, process in zip(ports, processes, strict=False):
            await healthy(port, process)
        yield LoadBalancer(bot_api, [f"http://127.0.0.1:{port}/telegram" for port in ports])
    finally:
        for process in processes:
            if process.returncode is None:
                process.send_signal(signal.SIGTERM)
        for process in processes:
            try:
                _, err = await asyncio.wait_for(process.communicate(), 30)
            except TimeoutError:
                process.kill()
                _, err = await process.communicate()
            errors = [line for line in err.decode().splitlines() if "ERROR" in line]
            assert errors == [], errors  # no update failed in any process


async def budi_sends_his_plan(balancer: LoadBalancer, app: App) -> None:
    budi = TelegramDriver(Person(balancer, FakeUser(BUDI_CHAT, "Budi", "id")))  # type: ignore[arg-type]
    await budi.type(f"/start {await invite_code(app, BUDI)}")
    await fill_a_and_b(budi)
    await rate_and_plan(budi)
    await fill_item(budi, "16")
    screen = await budi.press("Tidak")  # no further item
    assert "Ringkasan Formulir 1" in screen.last
    screen = await budi.press("📨 Kirim untuk dialog kinerja")
    assert "terkirim" in screen.last and "Sri Wahyuni" in screen.last


def answers_of(nip: str) -> tuple[str, ...]:
    """What a colleague types for 3.1, 3.2, 4.1's year and 4.1's result."""
    return (f"SKP 2026 {nip}: tiga sasaran", f"Penilaian kinerja 2025 {nip}: Baik", "2024",
            f"Kompetensi {nip} belum memenuhi standar")  # fmt: skip


async def answers_two_at_once(balancer: LoadBalancer, app: App, nip: str, chat: int) -> None:
    """Up to basis 3, then its two answers fired back to back (one to each process), and
    basis 4's two likewise."""
    person = TelegramDriver(Person(balancer, FakeUser(chat, "Andi", "id")))  # type: ignore[arg-type]
    await person.type(f"/start {await invite_code(app, nip)}")
    await person.type("/isi", expect=2)
    await person.press("✔ Data sudah benar")
    await person.press("Tidak Ada")  # basis 1 (the priorities are Budi's part of the story)
    await person.press("Tidak Ada")  # basis 2
    screen = await person.press("Ada")  # basis 3
    assert "3.1" in screen.last
    user = FakeUser(chat, "Andi", "id")
    for answers, key in ((answers_of(nip)[:2], "3.2"), (answers_of(nip)[2:], "4.1")):
        before = len(balancer.sent_to(chat))
        for answer in answers:
            await balancer.type_text(user, answer)
        replies = await balancer.wait_for(chat, before + 2)
        assert key in replies[before].text  # the first answer was taken first
        if key == "3.2":
            assert "Dasar 4" in replies[before + 1].text
            await person.press("Ada")  # basis 4: its year and result next


async def stored_answers(app: App, nip: str) -> dict[str, Any]:
    async with app.engine.connect() as connection:
        rows = await connection.execute(
            select(FormAnswerRow.key, FormAnswerRow.value)
            .join(FormSessionRow, FormSessionRow.id == FormAnswerRow.session_id)
            .join(EmployeeRow, EmployeeRow.id == FormSessionRow.employee_id)
            .where(EmployeeRow.nip == nip)
        )
        return {key: json.loads(value) for key, value in rows}


async def count(app: App, query: Any) -> int:
    async with app.engine.connect() as connection:
        return int(await connection.scalar(query) or 0)


async def test_two_web_processes_lose_nothing_and_keep_each_persons_order(
    app: App, receivers: LoadBalancer
) -> None:
    await asyncio.gather(
        budi_sends_his_plan(receivers, app),
        *(answers_two_at_once(receivers, app, nip, chat) for nip, chat in OTHERS.items()),
    )

    budi = await stored_answers(app, BUDI)
    assert budi["B.3.1"] == "SKP 2026: tiga sasaran terkait analisis jabatan"
    assert budi["B.3.2"] == "Penilaian kinerja 2025: Baik"
    assert (budi["C.1.tujuan"], budi["C.1.jp"]) == (
        "Mampu memimpin rapat koordinasi dengan jelas",
        16,
    )
    for nip in OTHERS:
        theirs = await stored_answers(app, nip)
        stored = (theirs["B.3.1"], theirs["B.3.2"], str(theirs["B.4.1.tahun"]),
                  theirs["B.4.1.hasil"])  # fmt: skip
        assert stored == answers_of(nip)  # each at its question

    budi_id = select(EmployeeRow.id).where(EmployeeRow.nip == BUDI).scalar_subquery()
    plans = select(func.count()).select_from(PlanRow).where(PlanRow.employee_id == budi_id)
    assert await count(app, plans) == 1
    sent = plans.where(PlanRow.status == "submitted")
    assert await count(app, sent) == 1
    items = (
        select(func.count())
        .select_from(PlanItemRow)
        .join(PlanRow)
        .where(PlanRow.employee_id == budi_id)
    )
    assert await count(app, items) == 1
    sri_id = select(EmployeeRow.id).where(EmployeeRow.nip == SRI).scalar_subquery()
    notices = (
        select(func.count())
        .select_from(OutboxRow)
        .where(OutboxRow.employee_id == sri_id, OutboxRow.template == "form1/supervisor_notice")
    )
    assert await count(app, notices) == 1  # Sri is told once
    delivered = notices.where(OutboxRow.status == "sent")
    for _ in range(150):  # up to 30 s for the worker's next round
        if await count(app, delivered):
            break
        await asyncio.sleep(0.2)
    assert await count(app, delivered) == 1  # by the worker
    told = [m for m in receivers.api.sent_to(OTHERS[SRI]) if is_notice(m)]
    assert len(told) == 1
    assert await count(app, select(func.count()).select_from(IncomingRow)) == 0
