"""Benchmark: a broadcast to N Slack users (default 5,000) through the real outbox and the Slack
sender (slack_sdk's AsyncWebClient), against the fake Slack in its own process enforcing
Slack's limits scaled to keep the run short — ``chat.postMessage`` at 100 messages/s over
the workspace and 1/s per channel (short bursts of 3), every other method at its tier. The
sender is configured with the same limits (IDP_SLACK_RATE_GLOBAL, IDP_SLACK_RATE_PER_CHANNEL).

Prints the achieved rate as a ratio of the overall limit (target ≥ 0.95), the 429s received
(target 0), and messages lost and duplicated (target 0 and 0), counted by the fake server.

    make bench            # or: .venv/bin/python -m bench.slack_broadcast [N] [--database-url URL]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import tempfile
import time
import urllib.request
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select

from bench.harness import delivery_report, fake_server
from bot.app import bootstrap
from bot.sender import OutboxSender
from handlers import broadcast
from handlers.calendar import NO_QUIET_HOURS
from storage.models import AccountRow, EmployeeRow
from tests.delivery_support import load_people, run_until, settled
from tests.slack.delivery import slack_settings, start_slack_sender

RATE_GLOBAL = 100.0  # chat.postMessage a second over the workspace, scaled for a short run
RATE_PER_CHANNEL = 1.0  # Slack's: one message a second per channel


def fake_slack_process() -> AbstractContextManager[tuple[str, str]]:
    """Run bench/slack_server.py in a process of its own; yield (Web API URL, bot token)."""
    return fake_server("bench.slack_server", RATE_GLOBAL, RATE_PER_CHANNEL)


def server_stats(url: str, token: str) -> dict[str, Any]:
    request = urllib.request.Request(
        f"{url}bench.stats", headers={"Authorization": f"Bearer {token}"}
    )
    with urllib.request.urlopen(request, timeout=10) as answer:
        return dict(json.load(answer))


async def bind_everyone(app: Any, count: int) -> None:
    """Everyone on Slack, addressed by their DM channel (what Slack's events carry)."""
    async with app.engine.begin() as connection:
        ids = list(await connection.scalars(select(EmployeeRow.id).order_by(EmployeeRow.id)))
        now = datetime.now(UTC)
        rows = [{"channel": "slack", "external_id": f"U{i:08d}", "employee_id": employee_id,
                 "address": f"D{i:08d}", "bound_at": now}
                for i, employee_id in enumerate(ids[:count])]  # fmt: skip
        await connection.execute(insert(AccountRow), rows)


async def all_sent(sender: OutboxSender, count: int) -> bool:
    return sender.stats.sent >= count


async def main(count: int, database_url: str | None) -> None:
    with tempfile.TemporaryDirectory() as folder, fake_slack_process() as (url, token):
        settings = slack_settings(
            database_url or f"sqlite:///{Path(folder) / 'bench.db'}", None,
            slack_bot_token=token, slack_api_url=url, slack_rate_global=RATE_GLOBAL,
            slack_rate_per_channel=RATE_PER_CHANNEL, slack_send_timeout=10.0, slack_connections=32,
        )  # fmt: skip
        app = await bootstrap(settings)
        await load_people(app, count, unbound=count)
        await bind_everyone(app, count)
        started = time.perf_counter()
        async with app.uow() as uow:
            created = await broadcast.create(
                uow, broadcast.Operator(), "all", "Pengumuman: rapat koordinasi IDP Senin 09:00.",
                None, app.clock.now(), 2026, quiet=NO_QUIET_HOURS,
            )  # fmt: skip
        queued = time.perf_counter() - started
        sender = await start_slack_sender(app)
        cpu = time.process_time()
        seconds = await run_until(sender, lambda: all_sent(sender, created.recipients),
                                  timeout=count / RATE_GLOBAL * 2 + 60)  # fmt: skip
        assert await settled(app)
        cpu = time.process_time() - cpu
        await sender.channel.close()
        await app.close()
        stats = server_stats(url, token)
    delivery_report(
        f"Slack broadcast to {created.recipients} users, limit {RATE_GLOBAL:.0f} msg/s overall "
        f"and {RATE_PER_CHANNEL:.0f}/s per channel (chat.postMessage)",
        RATE_GLOBAL,
        created.recipients,
        queued,
        seconds,
        sender.stats.rate_limited,
        stats,
        cpu,
        "Slack",
    )


if __name__ == "__main__":
    arguments = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    arguments.add_argument("count", nargs="?", type=int, default=5_000)
    arguments.add_argument("--database-url", help="default: a temporary SQLite file")
    options = arguments.parse_args()
    asyncio.run(main(options.count, options.database_url))
