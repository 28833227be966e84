"""Benchmark the organisation import (``idp-bot org import``) on a 10,000-row file.

    .venv/bin/python bench/import_org.py [--rows 10000] [--keep DIR]

Writes a realistic CSV (valid PNS NIPs and NI PPPK, 20 units, a supervisor tree five
levels deep, rows shuffled so many supervisors come after their staff) into a temporary
directory, imports it into a fresh SQLite file through ``bot.admin.import_file`` (the
code the command runs), then imports it again (every row an update). With
IDP_TEST_DATABASE_URL set, does the same on a PostgreSQL database of its own, created
and dropped here. Prints rows, seconds and rows/s for each run.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import csv
import io
import os
import random
import sys
import tempfile
import time
import uuid
from collections.abc import AsyncIterator, Iterator
from datetime import date
from pathlib import Path

import asyncpg
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot import admin  # noqa: E402
from bot.app import App, bootstrap  # noqa: E402
from bot.config import Settings  # noqa: E402
from handlers.model import JenisPegawai  # noqa: E402
from handlers.nip import check_nip  # noqa: E402
from handlers.org_import import COLUMNS  # noqa: E402

TODAY = date.today()
UNITS = 20
HEADS_OF_FIELD = 4  # kepala bidang per unit
SUBCOORDINATORS = 4  # subkoordinator per bidang
ZONES = ["WIB"] * 12 + ["WITA"] * 5 + ["WIT"] * 3
PLACES = (
    "Jakarta", "Bandung", "Semarang", "Yogyakarta", "Surabaya", "Medan", "Padang", "Palembang",
    "Pekanbaru", "Jambi", "Bengkulu", "Pontianak", "Makassar", "Denpasar", "Mataram", "Manado",
    "Samarinda", "Jayapura", "Ambon", "Sorong",
)  # fmt: skip
GROUPS = (
    "Pengembangan SDM", "Teknologi Informasi", "Kebijakan Publik", "Keuangan", "Hukum",
    "Perencanaan", "Kehumasan", "Pelayanan Publik", "Pengawasan", "Statistik",
)  # fmt: skip
FIRST = (
    "Agus", "Budi", "Dewi", "Eko", "Fitri", "Hendra", "Indah", "Joko", "Kartika", "Lestari",
    "Made", "Nur", "Putri", "Rahmat", "Siti", "Teguh", "Wahyu", "Yohanes", "Maria", "Andi",
)  # fmt: skip
LAST = (
    "Santoso", "Wijaya", "Lestari", "Pratama", "Hidayat", "Kusuma", "Saputra", "Nugroho",
    "Rahmawati", "Setiawan", "Wenda", "Kafiar", "Mappaselle", "Siregar", "Nasution", "Tanjung",
)  # fmt: skip
PNS_GOLONGAN = ("II/c", "II/d", "III/a", "III/b", "III/c", "III/d", "IV/a")
PPPK_GOLONGAN = ("V", "VII", "IX", "X", "XI")


class People:
    """Unique, structurally valid NIPs (checked with handlers.nip) and realistic rows."""

    def __init__(self, rng: random.Random) -> None:
        self.rng, self.seen = rng, set[str]()

    def nip(self, jenis: str, born_after: int = 1966, born_before: int = 2001) -> str:
        while True:
            born = date(self.rng.randint(born_after, born_before), self.rng.randint(1, 12), 1)
            born = born.replace(day=self.rng.randint(1, 28))
            sex = self.rng.choice("12")
            serial = f"{self.rng.randint(1, 999):03d}"
            if jenis == "PNS":
                year = min(TODAY.year - 1, born.year + self.rng.randint(20, 34))
                month = self.rng.randint(1, 12)
                tmt = f"{year}{month:02d}"
            else:
                year = self.rng.randint(max(2019, born.year + 18), TODAY.year - 1)
                month = 1
                tmt = f"{year}21"
            nip = f"{born:%Y%m%d}{tmt}{sex}{serial}"
            if nip in self.seen:
                continue
            check_nip(nip, JenisPegawai(jenis))  # never write a row the importer would refuse
            self.seen.add(nip)
            return nip

    def row(self, *, unit: int, boss: str, jabatan: str, peran: str, senior: bool) -> dict:
        jenis = "PNS" if senior or self.rng.random() < 0.75 else "PPPK"
        nip = self.nip(jenis, 1966, 1985) if senior else self.nip(jenis)
        months = (
            (TODAY.year - int(nip[8:12])) * 12
            + TODAY.month
            - (int(nip[12:14]) if jenis == "PNS" else 1)
        )
        return {
            "nip": nip,
            "nama": f"{self.rng.choice(FIRST)} {self.rng.choice(LAST)}",
            "jenis_pegawai": jenis,
            "pangkat_golongan": (
                ("IV/b" if senior else self.rng.choice(PNS_GOLONGAN))
                if jenis == "PNS"
                else self.rng.choice(PPPK_GOLONGAN)
            ),
            "pendidikan": self.rng.choice(("S1", "S2", "D3", "SMA")) + " " + "Administrasi",
            "masa_kerja": f"{months // 12} tahun {months % 12} bulan",
            "jabatan": jabatan,
            "unit_kerja": f"Balai Pelatihan {PLACES[unit]}" if unit else "Sekretariat Utama",
            "nip_atasan": boss,
            "kelompok_keahlian": self.rng.choice(GROUPS) if not senior else "",
            "peran": peran,
            "email": f"{nip}@contoh.go.id",
            "zona_waktu": ZONES[unit],
            "bahasa": "en" if self.rng.random() < 0.1 else "id",
        }


def organisation(total: int, seed: int = 605) -> list[dict]:
    """``total`` rows: root → 20 unit heads → 4 bidang → 4 subkoordinator → staff."""
    people = People(random.Random(seed))
    root = people.row(
        unit=0, boss="", jabatan="Kepala Lembaga", peran="atasan,dewan_pengarah", senior=True
    )
    rows, leads = [root], []
    for unit in range(UNITS):
        head = people.row(
            unit=unit,
            boss=root["nip"],
            jabatan="Kepala Balai",
            peran="atasan,dewan_pengarah" if unit < 3 else "atasan",
            senior=True,
        )
        rows.append(head)
        for field in range(HEADS_OF_FIELD):
            kabid = people.row(
                unit=unit,
                boss=head["nip"],
                jabatan="Kepala Bidang",
                peran="atasan,koordinator_pembelajaran" if field == 0 else "atasan",
                senior=True,
            )
            rows.append(kabid)
            for _ in range(SUBCOORDINATORS):
                lead = people.row(
                    unit=unit,
                    boss=kabid["nip"],
                    jabatan="Subkoordinator",
                    peran="atasan,kelompok_keahlian",
                    senior=False,
                )
                rows.append(lead)
                leads.append((lead, unit))
    staff = total - len(rows)
    for index in range(staff):
        lead, unit = leads[index % len(leads)]
        rows.append(
            people.row(
                unit=unit,
                boss=lead["nip"],
                jabatan="Analis Ahli Pertama",
                peran="pegawai,admin" if index % 1000 == 0 else "pegawai",
                senior=False,
            )
        )
    rows = rows[:total]
    people.rng.shuffle(rows)
    return rows


def write(rows: list[dict], path: Path) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(COLUMNS))
        writer.writeheader()
        writer.writerows(rows)
    return path


@contextlib.asynccontextmanager
async def opened(url: str) -> AsyncIterator[App]:
    settings = Settings(_env_file=None, database_url=url, telegram_token=None)  # type: ignore[call-arg]
    app = await bootstrap(settings)
    try:
        yield app
    finally:
        await app.close()


async def timed_import(app: App, path: Path, expected: int) -> float:
    out, err = io.StringIO(), io.StringIO()
    start = time.perf_counter()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = await admin.import_file(app, path)
    seconds = time.perf_counter() - start
    if code != 0:
        raise SystemExit(f"import failed ({code}):\n{out.getvalue()[:2000]}")
    async with app.uow() as uow:
        stored = await uow.employees.count_all()
    if stored != expected:
        raise SystemExit(f"expected {expected} employees, found {stored}")
    return seconds


def report(backend: str, run: str, rows: int, seconds: float) -> None:
    print(f"{backend:<10} {run:<13} {rows:>6} rows {seconds:7.2f} s {rows / seconds:9.0f} rows/s")


async def bench(url: str, backend: str, path: Path, rows: int) -> None:
    async with opened(url) as app:
        report(backend, "first import", rows, await timed_import(app, path, rows))
        report(backend, "re-import", rows, await timed_import(app, path, rows))


@contextlib.contextmanager
def postgres_database(base_url: str) -> Iterator[str]:
    """A database of our own on the server of ``base_url``, dropped afterwards."""
    name = f"idp_bench_{uuid.uuid4().hex[:12]}"

    def dsn(database: str | None = None) -> str:
        parsed = make_url(base_url).set(drivername="postgresql")
        if database:
            parsed = parsed.set(database=database)
        return parsed.render_as_string(hide_password=False)

    async def admin_sql(sql: str) -> None:
        connection = await asyncpg.connect(dsn())
        try:
            await connection.execute(sql)
        finally:
            await connection.close()

    asyncio.run(admin_sql(f'CREATE DATABASE "{name}"'))
    try:
        yield dsn(name)
    finally:
        asyncio.run(admin_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--keep", type=Path, help="write the CSV and database here and keep them")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="idp-bench-") as scratch:
        folder = args.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        rows = organisation(args.rows)
        path = write(rows, folder / "organisasi-10000.csv")
        database = folder / "bench.db"
        for leftover in folder.glob("bench.db*"):
            leftover.unlink()
        print(f"{len(rows)} rows, {UNITS} units, file {path.stat().st_size // 1024} KiB")
        asyncio.run(bench(f"sqlite:///{database}", "SQLite", path, len(rows)))
        pg_url = os.environ.get("IDP_TEST_DATABASE_URL")
        if pg_url:
            with postgres_database(pg_url) as url:
                asyncio.run(bench(url, "PostgreSQL", path, len(rows)))


if __name__ == "__main__":
    main()
