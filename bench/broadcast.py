"""Benchmark: a broadcast to N recipients (default 10,000) through the outbox sender, against
the fake Bot API in its own process enforcing Telegram's limits scaled up tenfold —
300 messages/s overall and 1 message/s per chat (Telegram: 30/s and 1/s). The sender is
configured with the same limits.

Prints the achieved rate as a ratio of the overall limit (target ≥ 0.95), the 429s received
(target 0), and messages lost and duplicated (target 0 and 0), counted by the fake server.

    make bench            # or: .venv/bin/python -m bench.broadcast [N] [--database-url URL]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

from bench.harness import delivery_report, fake_bot_api
from bot.app import bootstrap
from bot.sender import OutboxSender
from handlers import broadcast
from handlers.calendar import NO_QUIET_HOURS
from tests.delivery_support import delivery_settings, load_people, run_until, settled, start_sender

RATE_GLOBAL = 300.0  # Telegram's ~30/s, scaled up tenfold to keep the run short
RATE_PER_CHAT = 1.0


async def all_sent(sender: OutboxSender, count: int) -> bool:
    """Cheap to ask (no query that would load the process being measured)."""
    return sender.stats.sent >= count


def server_stats(url: str) -> dict[str, Any]:
    with urllib.request.urlopen(f"{url}/_fake/stats", timeout=10) as answer:
        return dict(json.load(answer))


async def main(count: int, database_url: str | None) -> None:
    with (
        tempfile.TemporaryDirectory() as folder,
        fake_bot_api(RATE_GLOBAL, RATE_PER_CHAT) as (
            url,
            token,
        ),
    ):
        settings = delivery_settings(
            database_url or f"sqlite:///{Path(folder) / 'bench.db'}", url, token,
            telegram_rate_global=RATE_GLOBAL, telegram_rate_per_chat=RATE_PER_CHAT,
            telegram_send_timeout=10.0,
        )  # fmt: skip
        app = await bootstrap(settings)
        await load_people(app, count)
        started = time.perf_counter()
        async with app.uow() as uow:
            created = await broadcast.create(
                uow, broadcast.Operator(), "all", "Pengumuman: rapat koordinasi IDP Senin 09:00.",
                None, app.clock.now(), 2026, quiet=NO_QUIET_HOURS,
            )  # fmt: skip
        queued = time.perf_counter() - started
        sender = await start_sender(app)
        cpu = time.process_time()
        seconds = await run_until(sender, lambda: all_sent(sender, created.recipients),
                                  timeout=count / 100 + 120)  # fmt: skip
        assert await settled(app)
        cpu = time.process_time() - cpu
        await sender.channel.close()
        await app.close()
        stats = server_stats(url)
    delivery_report(
        f"broadcast to {created.recipients} recipients, limit {RATE_GLOBAL:.0f} msg/s overall "
        f"and {RATE_PER_CHAT:.0f}/s per chat (Telegram's 30/s scaled up tenfold)",
        RATE_GLOBAL,
        created.recipients,
        queued,
        seconds,
        sender.stats.rate_limited,
        stats,
        cpu,
        "Bot API",
    )


if __name__ == "__main__":
    arguments = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    arguments.add_argument("count", nargs="?", type=int, default=10_000)
    arguments.add_argument("--database-url", help="default: a temporary SQLite file")
    options = arguments.parse_args()
    asyncio.run(main(options.count, options.database_url))
