"""What the delivery tests and the broadcast benchmark share: an organisation of N people
with bound Telegram accounts (chat id = address), settings for a fast fake Bot API, and a
sender run until a condition holds."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, insert, select

from bot.app import App
from bot.channels.telegram_sender import TelegramPlugin
from bot.config import Settings
from bot.sender import OutboxSender, pacer_for
from handlers import org_import
from handlers.model import JenisPegawai
from handlers.nip import check_nip
from storage.models import AccountRow, EmployeeRow
from storage.outbox import OutboxRow

FIRST_CHAT = 500_000


def nip_for(index: int) -> str:
    """A structurally valid PNS NIP, different for every index below 1,000,000."""
    year, month, day = 1970 + index % 30, 1 + index % 12, 1 + index % 28
    birth = f"{year}{month:02d}{day:02d}"
    return check_nip(f"{birth}{year + 25}01{1 + index % 2}{index % 1000:03d}", JenisPegawai.PNS)


@dataclass(frozen=True)
class Recipient:
    employee_id: int
    nip: str
    chat: int | None  # None: no bound Telegram account


def org_rows(
    count: int, *, zones: Sequence[str] = ("WIB",), unit: str = "Pusat Data", peran: str = ""
) -> list[tuple[int, dict[str, str]]]:
    rows: list[tuple[int, dict[str, str]]] = []
    seen: set[str] = set()
    index = 0
    while len(rows) < count:
        nip = nip_for(index)
        if nip not in seen:
            seen.add(nip)
            rows.append((len(rows) + 2, {
                "nip": nip, "nama": f"Pegawai {len(rows):05d}", "jenis_pegawai": "PNS",
                "pangkat_golongan": "III/a", "jabatan": "Analis", "unit_kerja": unit,
                "zona_waktu": zones[len(rows) % len(zones)], "peran": peran,
            }))  # fmt: skip
        index += 1
    return rows


async def load_people(
    app: App,
    count: int,
    *,
    zones: Sequence[str] = ("WIB",),
    unbound: int = 0,
    peran: str = "",
) -> list[Recipient]:
    """Import ``count`` people; bind all but the last ``unbound`` to chats FIRST_CHAT + i."""
    rows = org_rows(count, zones=zones, peran=peran)
    async with app.uow() as uow:
        report = await org_import.import_rows(uow, rows)
        assert not report.errors, report.errors
    nips = [row["nip"] for _, row in rows]
    now = datetime.now(UTC)
    async with app.engine.begin() as connection:
        ids = dict((await connection.execute(select(EmployeeRow.nip, EmployeeRow.id))).all())
        accounts: list[dict[str, Any]] = [
            {"channel": "telegram", "external_id": str(FIRST_CHAT + i),
             "employee_id": ids[nip], "address": str(FIRST_CHAT + i), "bound_at": now}
            for i, nip in enumerate(nips[: count - unbound])
        ]  # fmt: skip
        if accounts:
            await connection.execute(insert(AccountRow), accounts)
    return [
        Recipient(ids[nip], nip, FIRST_CHAT + i if i < count - unbound else None)
        for i, nip in enumerate(nips)
    ]


def delivery_settings(database_url: str, api_url: str, token: str, **overrides: Any) -> Settings:
    """Fast settings for tests: scaled-up rates, short backoff and timeouts."""
    values: dict[str, Any] = {
        "database_url": database_url,
        "telegram_token": token,
        "telegram_api_url": api_url,
        "telegram_rate_global": 200.0,
        "telegram_rate_per_chat": 20.0,
        "telegram_send_timeout": 0.5,
        "outbox_retry_base_seconds": 0.05,
        "outbox_lease_seconds": 30.0,
        "log_level": "WARNING",
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


async def start_sender(app: App, worker: str | None = None) -> OutboxSender:
    channel = await TelegramPlugin().open(app)
    return OutboxSender(app, channel, pacer_for(channel), worker)


async def settled(app: App) -> bool:
    """Every outbox row has a final status (nothing pending or being sent)."""
    async with app.engine.connect() as connection:
        open_rows = await connection.scalar(
            select(func.count()).where(OutboxRow.status.in_(["pending", "sending"]))
        )
    return not open_rows


async def run_until(
    sender: OutboxSender, done: Callable[[], Awaitable[bool]], timeout: float = 20.0
) -> float:
    """Run ``sender`` until ``await done()``; return the seconds it took."""
    stop = asyncio.Event()
    task = asyncio.create_task(sender.run(stop))
    start = time.monotonic()
    try:
        while not await done():
            if time.monotonic() - start > timeout:
                raise AssertionError("delivery did not finish in time")
            if task.done():
                task.result()
            await asyncio.sleep(0.1)
        return time.monotonic() - start
    finally:
        stop.set()
        await task


async def wait_until(*conditions: Callable[[], object], timeout: float = 20.0) -> None:
    """Poll until every condition (sync, or async returning a bool) holds."""
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        results = [condition() for condition in conditions]
        values = [await r if asyncio.iscoroutine(r) else r for r in results]
        if all(values):
            return
        assert asyncio.get_running_loop().time() < deadline, "timed out"
        await asyncio.sleep(0.05)
