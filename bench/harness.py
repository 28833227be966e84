"""What the Telegram benchmarks share: a fake Bot API in its own process, PTB updates made
from plain dicts, a bare echo Application as the baseline, and the figures to print."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from telegram import Update
from telegram.ext import Application, ContextTypes, TypeHandler

from bot.config import Settings


def fake_bot_api(*limits: float) -> AbstractContextManager[tuple[str, str]]:
    """Run tests/fake_telegram.py in a separate process; yield (base URL, token).

    ``limits``: messages per second overall and per chat that it enforces (429 beyond).
    """
    return fake_server("tests.fake_telegram", 0, *limits)


@contextmanager
def fake_server(module: str, *arguments: float) -> Iterator[tuple[str, str]]:
    """Run a fake platform's module in a process of its own, which prints its URL and token
    on its first line; yield (URL, token)."""
    command = [sys.executable, "-m", module, *map(str, arguments)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        url, token = process.stdout.readline().split()
        yield url, token
    finally:
        process.terminate()
        process.wait(10)


def application(url: str, token: str) -> Application:  # type: ignore[type-arg]
    return Application.builder().token(token).base_url(f"{url}/bot").build()


async def echo(update: Update, _: ContextTypes.DEFAULT_TYPE) -> None:
    """The baseline: a bare PTB handler that answers each text with itself, and a pressed
    button as Telegram requires (answer the press) plus its data echoed back."""
    if update.message and update.message.text:
        await update.message.reply_text(update.message.text)
    elif update.callback_query is not None and update.effective_chat is not None:
        await update.callback_query.answer()
        await update.get_bot().send_message(
            update.effective_chat.id, update.callback_query.data or ""
        )


def echo_application(url: str, token: str) -> Application:  # type: ignore[type-arg]
    app = application(url, token)
    app.add_handler(TypeHandler(Update, echo))
    return app


def text_update(update_id: int, user_id: int, text: str) -> dict[str, Any]:
    user = {"id": user_id, "is_bot": False, "first_name": f"U{user_id}", "language_code": "id"}
    return {
        "update_id": update_id,
        "message": {
            "message_id": update_id,
            "date": int(time.time()),
            "chat": {"id": user_id, "type": "private"},
            "from": user,
            "text": text,
        },
    }


@dataclass
class Figures:
    name: str
    updates: int
    seconds: float
    latencies: list[float]

    @property
    def per_second(self) -> float:
        return self.updates / self.seconds

    def line(self) -> str:
        cuts = statistics.quantiles(self.latencies, n=100)
        return (
            f"{self.name:<28} {self.updates:>6} updates  {self.per_second:8.1f} updates/s  "
            f"p50 {cuts[49] * 1000:6.2f} ms  p99 {cuts[98] * 1000:6.2f} ms"
        )


async def measure(
    name: str,
    app: Application,  # type: ignore[type-arg]
    batches: Sequence[Sequence[dict[str, Any]]],
    run_batch: Callable[
        [Callable[[dict[str, Any]], Awaitable[None]], Sequence[dict[str, Any]]], Awaitable[None]
    ],
) -> Figures:
    """Feed every batch of raw updates through ``app.process_update``; time each update."""
    latencies: list[float] = []

    async def one(raw: dict[str, Any]) -> None:
        start = time.perf_counter()
        await app.process_update(Update.de_json(raw, app.bot))
        latencies.append(time.perf_counter() - start)

    count = sum(len(batch) for batch in batches)
    start = time.perf_counter()
    for batch in batches:
        await run_batch(one, batch)
    return Figures(name, count, time.perf_counter() - start, latencies)


async def sequential(
    one: Callable[[dict[str, Any]], Awaitable[None]], batch: Sequence[dict[str, Any]]
) -> None:
    for raw in batch:
        await one(raw)


def bench_settings(folder: str, url: str, token: str, **overrides: Any) -> Settings:
    """A file SQLite database in ``folder``, the fake Bot API, quiet logs."""
    return Settings(
        _env_file=None,  # type: ignore[call-arg]
        database_url=f"sqlite:///{Path(folder) / 'bench.db'}",
        telegram_token=token,
        telegram_api_url=url,
        log_level="WARNING",
        **overrides,
    )


def delivery_report(
    title: str, limit: float, recipients: int, queued: float, seconds: float,
    client_429s: int, stats: dict[str, Any], cpu: float, fake: str,
) -> None:  # fmt: skip
    """Print a broadcast benchmark's figures: the rate the fake server saw against ``limit``
    (messages per second overall), 429s, lost and duplicated messages, and the sender's CPU
    seconds (``cpu``) per message; ``fake``: what the fake platform is called."""
    delivered = stats["messages"]
    window = (stats["last_at"] - stats["first_at"]) if delivered > 1 else float("nan")
    achieved = (delivered - 1) / window
    print(title)
    print(f"queued in one transaction:      {queued:8.2f} s")
    print(f"sent in:                        {seconds:8.2f} s (end to end)")
    print(f"achieved at the server:         {achieved:8.1f} msg/s")
    print(f"ratio to the limit:             {achieved / limit:8.3f}   (target >= 0.95)")
    print(f"end-to-end ratio:               {recipients / seconds / limit:8.3f}")
    print(f"429s received:                  {client_429s:8d}   (server answered "
          f"{stats['rate_limited']}; target 0)")  # fmt: skip
    print(f"lost:                           {recipients - stats['distinct']:8d}   (target 0)")
    print(f"duplicates:                     {stats['duplicates']:8d}   (target 0)")
    print(f"sender CPU per message:         {cpu / recipients * 1000:8.2f} ms "
          f"(this process; the fake {fake} runs in its own)")  # fmt: skip
