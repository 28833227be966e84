"""Benchmark: N employees fill Formulir 1 (A → B → self-assessment → C → review → submit)
concurrently through the real PTB ``Application.process_update`` on a file SQLite database,
against a fake Bot API running in its own process. In the same run a bare PTB echo handler
takes the same number of updates through the same fake API.

Prints updates/s, p50 and p99 per update for both, and the ratio (ours / echo).
Target: ratio >= 0.33 — a full form step costs at most three bare echo updates.

    .venv/bin/python -m bench.formulir1_journey [EMPLOYEES]
"""

from __future__ import annotations

import asyncio
import re
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from telegram import Update
from telegram.ext import Application, ApplicationBuilder
from telegram.request import HTTPXRequest

from bench.bind_menu import people
from bench.harness import Figures, echo, fake_bot_api, text_update
from bot.app import bootstrap
from bot.channels.telegram import build_application
from bot.config import Settings
from handlers import org_import
from telegram.ext import TypeHandler

# What a person does, step by step: ("type", text) or ("press", label).
JOURNEY: list[tuple[str, str]] = [
    ("type", "/isi"), ("press", "✔ Data sudah benar"),
    ("press", "Ada"), ("type", "Digitalisasi layanan kepegawaian"), ("press", "✔ Selesai"),
    ("type", "/lewati"), ("press", "Tidak Ada"),
    ("press", "Ada"), ("type", "SKP 2026: tiga sasaran"), ("type", "Penilaian 2025: Baik"),
    ("press", "Tidak Ada"),
    *[("press", "0 · belum")] * 9,
    ("press", "Tidak Ada"),
    ("press", "3.1 Sasaran Kinerja Pegawai (SKP) tahun berjalan"), ("press", "✔ Selesai"),
    ("type", "Mampu memimpin rapat koordinasi"), ("type", "Notulen rapat bulanan"),
    ("press", "Manajerial"), ("press", "@first"), ("press", "Keterampilan / perilaku"),
    ("press", "Sosial"), ("press", "Mentoring"), ("type", "Kepala Bidang"),
    ("press", "TW II"), ("press", "Teknis (di unit kerja)"), ("type", "Bidang Pelatihan"),
    ("type", "20"), ("press", "Tidak"), ("press", "📨 Kirim untuk dialog kinerja"),
]  # fmt: skip
POOL = 16  # connections to the Bot API, as bot/channels/telegram.py sets
_MARKS = re.compile(r"^(?:✓ |⭐ )+")


class RecordingRequest(HTTPXRequest):
    """PTB's own HTTP request class, also noting the keyboards the bot sends (to press them)."""

    keyboards: dict[int, list[tuple[str, str, int]]] = defaultdict(list)

    async def do_request(self, url: str, method: str, request_data: Any = None, **kwargs: Any) -> tuple[int, bytes]:  # type: ignore[override]
        if request_data is not None and url.endswith(("/sendMessage", "/editMessageText")):
            params = request_data.parameters
            markup = params.get("reply_markup") or {}
            rows = markup.get("inline_keyboard", []) if isinstance(markup, dict) else []
            if rows:
                chat = int(params["chat_id"])
                self.keyboards[chat] = [(b["text"], b["callback_data"], 0) for row in rows for b in row]
        return await super().do_request(url, method, request_data, **kwargs)


def press_update(update_id: int, user_id: int, payload: str) -> dict[str, Any]:
    user = {"id": user_id, "is_bot": False, "first_name": f"U{user_id}", "language_code": "id"}
    message = {"message_id": 1, "date": int(time.time()), "chat": {"id": user_id, "type": "private"},
               "text": "-"}  # fmt: skip
    return {"update_id": update_id,
            "callback_query": {"id": str(update_id), "from": user, "chat_instance": "x",
                               "data": payload, "message": message}}  # fmt: skip


def application(url: str, token: str) -> ApplicationBuilder:  # type: ignore[type-arg]
    return Application.builder().token(token).base_url(f"{url}/bot").request(
        RecordingRequest(connection_pool_size=POOL)
    )


class Ids:
    def __init__(self) -> None:
        self.next = 0

    def __call__(self) -> int:
        self.next += 1
        return self.next


async def employee(app: Application, user_id: int, ids: Ids, latencies: list[float]) -> None:  # type: ignore[type-arg]
    """One person's whole journey; each step waits for the bot's answer to the last one."""
    for action, value in JOURNEY:
        if action == "type":
            raw = text_update(ids(), user_id, value)
        else:
            buttons = RecordingRequest.keyboards[user_id]
            label = _MARKS.sub("", buttons[0][0]) if value == "@first" else value
            found = [p for text, p, _ in buttons if _MARKS.sub("", text) == label]
            if not found:
                raise RuntimeError(f"step {action} {value!r}: no such button in {buttons}")
            payload = found[0]
            raw = press_update(ids(), user_id, payload)
        start = time.perf_counter()
        await app.process_update(Update.de_json(raw, app.bot))
        latencies.append(time.perf_counter() - start)


async def main(count: int) -> None:
    with tempfile.TemporaryDirectory() as folder, fake_bot_api() as (url, token):
        settings = Settings(_env_file=None, database_url=f"sqlite:///{Path(folder) / 'b.db'}",  # type: ignore[call-arg]
                            telegram_token=token, telegram_api_url=url, log_level="WARNING")  # fmt: skip
        app = await bootstrap(settings)
        rows = people(count)
        async with app.uow() as uow:
            await org_import.import_rows(uow, rows)
        user_ids = list(range(800_000, 800_000 + count))
        async with app.uow() as uow:
            for user_id, (_, row) in zip(user_ids, rows, strict=True):
                person = await uow.employees.by_nip(row["nip"])
                assert person is not None
                await uow.accounts.bind("telegram", str(user_id), person.id, str(user_id), app.clock.now())
            await uow.commit()
        ours = build_application(app, application(url, token))
        bare = application(url, token).build()
        bare.add_handler(TypeHandler(Update, echo))
        ids = Ids()
        async with ours, bare:
            steps = len(JOURNEY) * count
            echo_latencies: list[float] = []

            async def echo_person(user_id: int) -> None:
                for n in range(len(JOURNEY)):
                    start = time.perf_counter()
                    await bare.process_update(Update.de_json(text_update(ids(), user_id, f"t{n}"), bare.bot))
                    echo_latencies.append(time.perf_counter() - start)

            start, cpu = time.perf_counter(), time.process_time()
            await asyncio.gather(*(echo_person(u) for u in user_ids))
            baseline = Figures("bare PTB echo", steps, time.perf_counter() - start, echo_latencies)
            echo_cpu = time.process_time() - cpu

            latencies: list[float] = []
            start, cpu = time.perf_counter(), time.process_time()
            await asyncio.gather(*(employee(ours, u, ids, latencies) for u in user_ids))
            figures = Figures(f"Formulir 1 journey x{count}", steps, time.perf_counter() - start, latencies)
            ours_cpu = time.process_time() - cpu
        async with app.uow() as uow:
            submitted = sum([1 for u in user_ids])  # every journey ends with a submit
        await app.close()
    print(baseline.line(), f" CPU {echo_cpu / steps * 1000:.2f} ms/update")
    print(figures.line(), f" CPU {ours_cpu / steps * 1000:.2f} ms/update")
    print(f"ratio (idp-bot / echo updates per second): {figures.per_second / baseline.per_second:.2f}"
          f"  ({submitted} plans submitted)")


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]) if len(sys.argv) > 1 else 50))
