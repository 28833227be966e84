"""Every benchmark still runs: each at a tiny size, as `make bench` runs it at full size (a
benchmark that no longer runs says nothing about speed). Figures are not checked here — they
are the benchmarks' to print (bench/)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]
TINY = {
    "bind_menu": ["20"],
    "formulir1_journey": ["2"],
    "import_org": ["--rows", "200"],
    "broadcast": ["50"],
    "slack_broadcast": ["50"],
    "verify_recap": ["--employees", "400", "--small", "200"],
}


def test_every_benchmark_of_make_bench_is_smoke_tested() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert {line.split("bench.")[1].strip() for line in makefile.splitlines()
            if "-m bench." in line} == set(TINY)  # fmt: skip


@pytest.mark.parametrize("name", sorted(TINY))
def test_the_benchmark_runs_and_prints_its_figures(name: str) -> None:
    environment = {k: v for k, v in os.environ.items()
                   if k not in ("IDP_TEST_DATABASE_URL", "IDP_BENCH_DATABASE_URL")}  # fmt: skip
    done = subprocess.run([sys.executable, "-m", f"bench.{name}", *TINY[name]], cwd=ROOT,
                          env=environment, capture_output=True, text=True, timeout=300)  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    assert any(char.isdigit() for char in done.stdout), done.stdout  # its figures
