"""Benchmark: the bind-and-menu path through the real PTB ``Application.process_update``.

N people each open their invite (``/start <code>``), ask for the menu (``/bantuan``) and
their profile (``/profil``), on a file SQLite database, against a fake Bot API running in
its own process. In the same run, a bare PTB echo handler takes the same number of updates
through the same fake API. Prints both and the ratio (ours / echo; 1.0 = as fast as echo).

    make bench            # or: .venv/bin/python -m bench.bind_menu [N]
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from datetime import timedelta

from bench.harness import (
    Figures,
    bench_settings,
    echo_application,
    fake_bot_api,
    measure,
    sequential,
    text_update,
)
from bot import admin
from bot.app import bootstrap
from bot.channels.telegram import build_application
from handlers import org_import
from handlers.model import JenisPegawai
from handlers.nip import check_nip


def nip_for(index: int) -> str:
    """A structurally valid PNS NIP, different for every index below 1,000,000."""
    year, month, day = 1970 + index % 30, 1 + index % 12, 1 + index % 28
    birth = f"{year}{month:02d}{day:02d}"
    nip = f"{birth}{year + 25}01{1 + index % 2}{index % 1000:03d}"
    return check_nip(nip, JenisPegawai.PNS)


def people(count: int) -> list[tuple[int, dict[str, str]]]:
    rows, seen = [], set()
    for index in range(count * 2):
        nip = nip_for(index)
        if nip in seen:
            continue
        seen.add(nip)
        rows.append((len(rows) + 2, {
            "nip": nip, "nama": f"Pegawai {index}", "jenis_pegawai": "PNS",
            "pangkat_golongan": "III/a", "jabatan": "Analis", "unit_kerja": f"Unit {index % 10}",
        }))  # fmt: skip
        if len(rows) == count:
            return rows
    raise RuntimeError("not enough distinct NIPs")


async def main(count: int) -> None:
    with tempfile.TemporaryDirectory() as folder, fake_bot_api() as (url, token):
        app = await bootstrap(bench_settings(folder, url, token))
        async with app.uow() as uow:
            await org_import.import_rows(uow, people(count))
        invited = await admin.invite(app, everyone=True, unit=None, nip=None, ttl=timedelta(days=1))
        invites = invited.lines
        user_ids = {line.nip: 900_000 + n for n, line in enumerate(invites)}
        texts = [(f"/start {i.code}", i.nip) for i in invites] + [
            (cmd, i.nip) for cmd in ("/bantuan", "/profil") for i in invites
        ]
        updates = [text_update(n + 1, user_ids[nip], text) for n, (text, nip) in enumerate(texts)]

        echo = echo_application(url, token)
        ours = build_application(app)
        async with echo, ours:
            await measure("warm-up", echo, [updates[:20]], sequential)
            baseline = await measure("bare PTB echo", echo, [updates], sequential)
            figures = await measure("bind + menu (idp-bot)", ours, [updates], sequential)
        await app.close()
    report(baseline, figures)


def report(baseline: Figures, figures: Figures) -> None:
    print(baseline.line())
    print(figures.line())
    print(
        f"ratio (idp-bot / echo updates per second): {figures.per_second / baseline.per_second:.2f}"
    )


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]) if len(sys.argv) > 1 else 300))
