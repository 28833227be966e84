"""One independent sender in a process of its own (its own engine, its own worker id), for
the test that runs two of them on one PostgreSQL outbox: it drains until nothing is left.

    python -m tests.channels.sender_process WORKER_ID    (settings from IDP_* variables)
"""

from __future__ import annotations

import asyncio
import sys

from bot.app import bootstrap
from bot.config import load_settings
from tests.delivery_support import run_until, settled, start_sender


async def main(worker: str) -> None:
    app = await bootstrap(load_settings())
    sender = await start_sender(app, worker)
    try:
        await run_until(sender, lambda: settled(app), timeout=60)
    finally:
        await sender.channel.close()
        await app.close()
    print(f"{worker} sent {sender.stats.sent}", flush=True)


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1]))
