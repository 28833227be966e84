"""Benchmark Formulir 2 at scale: 100,000 employees with 4 verified items each.

    .venv/bin/python -m bench.verify_recap [--employees 100000] [--small 10000]

Builds the organisation in a file SQLite database (and, with IDP_BENCH_DATABASE_URL or
IDP_TEST_DATABASE_URL, in a PostgreSQL database of its own, created and dropped here),
written in bulk through tests/verified_plans.py — the rows the tests use — with executemany
on SQLite and COPY on PostgreSQL. Then, in the same run:

- the coordinator's recap per level through the product's code path (the storage's query,
  the programmes, the folding into lines: ``/rekap level``) against a raw SQL ``GROUP BY`` of
  the same rows; target: at most 1.5× the raw query (best of three each);
- the group recap's XLSX export (400,000 rows in one group at 100,000 employees) in a
  subprocess per size, its peak RSS (``resource.getrusage`` maxrss) at ``--small`` and at
  ``--employees``; target: it grows by less than 50 MB.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy.ext.asyncio import AsyncConnection  # noqa: E402

from bench.import_org import opened, postgres_database  # noqa: E402
from bot.app import App  # noqa: E402
from handlers.recap.labels import Labels  # noqa: E402
from handlers.recap.levels import fold  # noqa: E402
from handlers.recap.workbook import write_group  # noqa: E402
from storage.recaps import raw_level_counts  # noqa: E402
from tests import verified_plans as vp  # noqa: E402

YEAR = vp.YEAR
GROUP = "Kelompok Keahlian Besar"
UNITS = 50
CHUNK = 5_000  # employees written per batch
RATIO_TARGET, RSS_TARGET_MB = 1.5, 50


def organisation(employees: int) -> vp.Organisation:
    people = [vp.Person(vp.nip(n), f"Pegawai {n:06d}", f"Unit {n % UNITS:02d}", GROUP)
              for n in range(employees)]  # fmt: skip
    return vp.Organisation(people)


async def copy(connection: AsyncConnection, rows: dict[str, list[dict[str, Any]]]) -> None:
    """Rows table by table with PostgreSQL's COPY (asyncpg), in the order their keys need."""
    raw = (await connection.get_raw_connection()).driver_connection
    assert raw is not None
    for name in vp.ORDER:
        found = rows.get(name)
        if found:
            columns = list(found[0])
            records = [tuple(r[c] for c in columns) for r in found]
            await raw.copy_records_to_table(name, records=records, columns=columns)


async def build(app: App, employees: int) -> float:
    """Write the organisation in bulk; seconds taken."""
    org = organisation(employees)
    postgres = app.engine.dialect.name == "postgresql"
    write = copy if postgres else vp.insert
    start = time.perf_counter()
    async with app.engine.begin() as connection:
        await write(connection, vp.organisation_rows(org))
        batch: list[dict[str, list[dict[str, Any]]]] = []
        for rows in vp.plan_rows(org):
            batch.append(rows)
            if len(batch) == CHUNK:
                await write(connection, vp.merged(iter(batch)))
                batch = []
        if batch:
            await write(connection, vp.merged(iter(batch)))
        await vp.resync_sequences(connection)
    if postgres:
        async with app.engine.connect() as connection:
            await connection.exec_driver_sql("ANALYZE")
    return time.perf_counter() - start


async def best(run: Callable[[], Awaitable[int]], times: int = 3) -> tuple[float, int]:
    """The fastest of ``times`` runs, and what the run counted."""
    found, count = float("inf"), 0
    for _ in range(times):
        start = time.perf_counter()
        count = await run()
        found = min(found, time.perf_counter() - start)
    return found, count


async def product_recap(app: App) -> int:
    """What /rekap level does before the XLSX: the counts, the programmes, the lines."""
    async with app.uow() as uow:
        counts = await uow.recaps.level_counts(YEAR)
        programmes = {p.id: p for p in await uow.programmes.all(YEAR)}
    lines = fold(counts, programmes, Labels("id", YEAR))
    return sum(line.employees for found in lines.values() for line in found)


async def raw_recap(app: App) -> int:
    """The same rows grouped by plain SQL text, straight on a connection."""
    sql = str(raw_level_counts(YEAR).compile(app.engine, compile_kwargs={"literal_binds": True}))
    if app.inline_engine is not None:
        with app.inline_engine.connect() as connection:
            rows = connection.exec_driver_sql(sql).fetchall()
    else:
        async with app.engine.connect() as connection:
            rows = (await connection.exec_driver_sql(sql)).fetchall()
    return sum(row[-1] for row in rows)


async def timings(url: str, backend: str, employees: int) -> None:
    async with opened(url) as app:
        seconds = await build(app, employees)
        print(f"{backend:<10} built {employees} employees × 4 verified items in {seconds:.1f} s")
        raw, raw_total = await best(lambda: raw_recap(app))
        ours, our_total = await best(lambda: product_recap(app))
        if raw_total != our_total:
            raise SystemExit(
                f"the recap counts {our_total} participants, the raw query {raw_total}"
            )
        ratio = ours / raw
        verdict = "ok" if ratio <= RATIO_TARGET else "OVER TARGET"
        print(
            f"{backend:<10} per-level recap {ours * 1000:8.1f} ms · raw GROUP BY "
            f"{raw * 1000:8.1f} ms · ratio {ratio:.2f}× (target ≤ {RATIO_TARGET}×) {verdict}"
        )


async def export(url: str, out: str) -> None:
    """The group's XLSX, as /rekap and ``idp-bot recap group`` write it."""
    async with opened(url) as app, app.uow() as uow:
        count = await write_group(uow, GROUP, YEAR, Labels("id", YEAR), out)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    print(f"{count} {peak}")


def measured_export(url: str, out: Path) -> tuple[int, float, float]:
    """Rows, seconds and peak RSS (MiB) of an export in a fresh process."""
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "bench.verify_recap", "--export", url, str(out)],
                          cwd=ROOT, capture_output=True, text=True, check=True)  # fmt: skip
    count, peak = done.stdout.split()[-2:]
    return int(count), time.perf_counter() - start, int(peak) / 1024


def rss(folder: Path, sizes: tuple[int, int]) -> None:
    peaks = []
    for size in sizes:
        database = folder / f"rss-{size}.db"
        url = f"sqlite:///{database}"

        async def built(url: str = url, size: int = size) -> None:
            async with opened(url) as app:
                await build(app, size)

        asyncio.run(built())
        rows, seconds, peak = measured_export(url, folder / f"recap-{size}.xlsx")
        peaks.append(peak)
        print(f"SQLite     XLSX export {size:>6} employees: {rows} rows in {seconds:5.1f} s, "
              f"peak RSS {peak:6.1f} MiB")  # fmt: skip
    growth = peaks[1] - peaks[0]
    verdict = "ok" if growth < RSS_TARGET_MB else "OVER TARGET"
    print(
        f"SQLite     RSS growth {sizes[0]} → {sizes[1]} employees: {growth:+.1f} MiB "
        f"(target < {RSS_TARGET_MB} MiB) {verdict}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--employees", type=int, default=100_000)
    parser.add_argument("--small", type=int, default=10_000)
    parser.add_argument("--export", nargs=2, metavar=("URL", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.export:
        asyncio.run(export(*args.export))
        return
    with tempfile.TemporaryDirectory(prefix="idp-bench-recap-") as scratch:
        folder = Path(scratch)
        asyncio.run(timings(f"sqlite:///{folder / 'recap.db'}", "SQLite", args.employees))
        pg_url = os.environ.get("IDP_BENCH_DATABASE_URL") or os.environ.get("IDP_TEST_DATABASE_URL")
        if pg_url:
            with postgres_database(pg_url) as url:
                asyncio.run(timings(url, "PostgreSQL", args.employees))
        rss(folder, (args.small, args.employees))


if __name__ == "__main__":
    main()
