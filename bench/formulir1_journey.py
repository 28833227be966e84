"""Benchmark: N employees fill Formulir 1 (A → B → self-assessment → C → review → submit)
concurrently through the real PTB ``Application.process_update`` on a file SQLite database,
against a fake Bot API running in its own process. In the same run a bare PTB echo handler
takes the same updates — texts where the journey types, button presses where it presses
(answered, as Telegram requires, and echoed) — from as many people at once, through the same
fake API.

Prints updates/s, p50 and p99 per update and CPU per update for both, and the ratio (ours /
echo). Target: ratio >= 0.33 — a full form step costs at most three bare echo updates.

A second set of as many employees then makes the same journey through the durable intake
(each update recorded, queued in its person's lane, handled, forgotten — what `idp-bot run`
does), and the ratio intake / direct shows what keeping every update costs.

    .venv/bin/python -m bench.formulir1_journey [EMPLOYEES]
"""

from __future__ import annotations

import asyncio
import itertools
import json
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from typing import Any

from sqlalchemy import func, select
from telegram import Update
from telegram.ext import Application, TypeHandler

from bench.bind_menu import people
from bench.harness import Figures, bench_settings, echo, fake_bot_api, text_update
from bench.recording import RecordingRequest
from bot.app import App, bootstrap
from bot.channels.telegram import build_application
from bot.channels.telegram_intake import received, restored
from bot.intake import Intake
from handlers import org_import
from storage.intake import Recorded
from storage.models import PlanRow
from tests.conftest import FakeClock, open_story_cycle

# What a person does, step by step: ("type", text) or ("press", button label).
JOURNEY: list[tuple[str, str]] = [
    ("type", "/isi"), ("press", "✔ Data sudah benar"),
    ("press", "Ada"), ("type", "Digitalisasi layanan kepegawaian"), ("press", "✔ Selesai"),
    ("type", "/lewati"), ("press", "Tidak Ada"),
    ("press", "Ada"), ("type", "SKP 2026: tiga sasaran"), ("type", "Penilaian 2025: Baik"),
    ("press", "Tidak Ada"), ("press", "Ya, nilai diri sekarang"),
    *[("press", "0 · belum")] * 9,
    ("press", "Tidak Ada"),
    ("press", "3.1"), ("press", "✔ Selesai"),
    ("type", "Mampu memimpin rapat koordinasi"), ("type", "Notulen rapat bulanan"),
    ("press", "Manajerial"), ("press", "@first"), ("press", "Keterampilan / perilaku"),
    ("press", "Sosial"), ("press", "Mentoring"), ("type", "Kepala Bidang"),
    ("press", "TW II"), ("press", "Teknis (di unit kerja)"), ("type", "Bidang Pelatihan"),
    ("type", "20"), ("press", "Tidak"), ("press", "📨 Kirim untuk dialog kinerja"),
]  # fmt: skip
FIRST_USER = 800_000
UPDATE_IDS = itertools.count(1)  # never twice in one run: a repeated update id is a no-op


def echo_step(update_id: int, user_id: int, index: int) -> dict[str, Any]:
    """The same kinds of update as the journey (a text where it types, a press where it
    presses), for the echo baseline."""
    action, value = JOURNEY[index]
    if action == "type":
        return text_update(update_id, user_id, value)
    return press_update(update_id, user_id, f"echo:{index}")


def press_update(update_id: int, user_id: int, payload: str) -> dict[str, Any]:
    user = {"id": user_id, "is_bot": False, "first_name": f"U{user_id}", "language_code": "id"}
    chat = {"id": user_id, "type": "private"}
    message = {"message_id": 1, "date": int(time.time()), "chat": chat, "text": "-"}
    callback = {"id": str(update_id), "from": user, "chat_instance": "x", "data": payload,
                "message": message}  # fmt: skip
    return {"update_id": update_id, "callback_query": callback}


Process = Callable[[dict[str, Any]], Awaitable[None]]


async def run_people(
    name: str,
    process: Process,
    count: int,
    step: Callable[[int, int, int], dict[str, Any]],
    first: int = FIRST_USER,
) -> tuple[Figures, float]:
    """Everyone at once; each person's next update waits for the bot's answer to the last."""
    latencies: list[float] = []

    async def person(user_id: int) -> None:
        for index in range(len(JOURNEY)):
            raw = step(next(UPDATE_IDS), user_id, index)
            start = time.perf_counter()
            await process(raw)
            latencies.append(time.perf_counter() - start)

    started, cpu = time.perf_counter(), time.process_time()
    await asyncio.gather(*(person(first + n) for n in range(count)))
    figures = Figures(name, count * len(JOURNEY), time.perf_counter() - started, latencies)
    return figures, (time.process_time() - cpu) / figures.updates


async def load_people(app: App, count: int) -> None:
    rows = people(count)
    async with app.uow() as uow:
        await org_import.import_rows(uow, rows)
    async with app.uow() as uow:
        for n, (_, row) in enumerate(rows):
            person = await uow.employees.by_nip(row["nip"])
            assert person is not None
            chat = str(FIRST_USER + n)
            await uow.accounts.bind("telegram", chat, person.id, chat, app.clock.now())
        await uow.commit()


def direct(application: Application) -> Process:  # type: ignore[type-arg]
    async def process(raw: dict[str, Any]) -> None:
        await application.process_update(Update.de_json(raw, application.bot))

    return process


def through_intake(app: App, application: Application) -> Process:  # type: ignore[type-arg]
    """Record the update, as the polling loop and the webhook do; wait until it is handled."""
    handled: dict[str, asyncio.Future[None]] = {}

    async def handle(row: Recorded) -> None:
        await application.process_update(restored(row, application.bot))
        handled.pop(row.key).set_result(None)

    intake = Intake(app, handle)

    async def process(raw: dict[str, Any]) -> None:
        update = Update.de_json(raw, application.bot)
        done = handled[str(update.update_id)] = asyncio.get_running_loop().create_future()
        await intake.record([received(update, json.dumps(raw))])
        await done

    return process


async def main(count: int) -> None:
    with tempfile.TemporaryDirectory() as folder, fake_bot_api() as (url, token):
        app = await bootstrap(bench_settings(folder, url, token), clock=FakeClock())
        await open_story_cycle(app)  # the tests' clock and cycle: the journey's dates fit it
        await load_people(app, 2 * count)
        recording = RecordingRequest()
        ours = build_application(app, Application.builder().request(recording))
        bare = Application.builder().token(token).base_url(f"{url}/bot")
        bare_app = bare.request(RecordingRequest()).build()
        bare_app.add_handler(TypeHandler(Update, echo))

        def journey_step(update_id: int, user_id: int, index: int) -> dict[str, Any]:
            action, value = JOURNEY[index]
            if action == "type":
                return text_update(update_id, user_id, value)
            return press_update(update_id, user_id, recording.payload(user_id, value))

        async with ours, bare_app:
            echo_app = direct(bare_app)
            baseline, echo_cpu = await run_people("bare PTB echo", echo_app, count, echo_step)
            texts_only, texts_cpu = await run_people(
                "bare PTB echo, texts only", echo_app, count,
                lambda update_id, user_id, n: text_update(update_id, user_id, f"t{n}"),
            )  # fmt: skip
            figures, ours_cpu = await run_people(
                f"Formulir 1 journey x{count}", direct(ours), count, journey_step
            )
            kept, kept_cpu = await run_people(
                f"Formulir 1 journey x{count}, durable intake", through_intake(app, ours),
                count, journey_step, first=FIRST_USER + count,
            )  # fmt: skip
        async with app.engine.connect() as connection:
            submitted = await connection.scalar(
                select(func.count()).where(PlanRow.status == "submitted")
            )
        await app.close()
    lines = ((baseline, echo_cpu), (texts_only, texts_cpu), (figures, ours_cpu), (kept, kept_cpu))
    for line, cpu in lines:
        print(f"{line.line()}  CPU {cpu * 1000:.2f} ms/update")
    ratio = figures.per_second / baseline.per_second
    print(f"ratio (idp-bot / echo of the same updates, per second): {ratio:.2f}"
          f"  ({submitted} plans submitted)")  # fmt: skip
    print(f"ratio (idp-bot / echo of texts only, per second): "
          f"{figures.per_second / texts_only.per_second:.2f}")  # fmt: skip
    print(f"ratio (through the durable intake / direct, per second): "
          f"{kept.per_second / figures.per_second:.2f}")  # fmt: skip


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]) if len(sys.argv) > 1 else 50))
