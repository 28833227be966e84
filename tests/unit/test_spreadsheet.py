"""Files the product writes for spreadsheets never carry a formula from user data: a name typed
as ``=HYPERLINK(…)`` in the organisation file stays text in invites.csv and in the XLSX."""

from __future__ import annotations

import csv
import importlib.util
from datetime import UTC, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from bot.admin import InviteLine
from bot.cli import write_invites
from bot.spreadsheet import csv_cell
from handlers import identity

DOCS = Path(__file__).parents[2] / "docs"
ATTACKS = ['=HYPERLINK("http://evil","klik")', "+62 811", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]


@pytest.mark.parametrize("text", ATTACKS)
def test_a_text_that_starts_like_a_formula_is_quoted(text: str) -> None:
    assert csv_cell(text) == f"'{text}"


@pytest.mark.parametrize("value", ["Budi Santoso", "198206202008012002", "", -5, 3.5, None])
def test_plain_text_and_numbers_are_left_alone(value: object) -> None:
    assert csv_cell(value) == value


def test_invites_csv_quotes_a_name_that_starts_like_a_formula(tmp_path: Path) -> None:
    line = InviteLine(
        "199004172015031003", '=HYPERLINK("http://evil","x")', "A" * 32,
        "https://t.me/idp_bot?start=" + "A" * 32, datetime(2026, 12, 1, tzinfo=UTC),
    )  # fmt: skip
    path = tmp_path / "invites.csv"
    write_invites(path, [line])
    with path.open(newline="", encoding="utf-8") as handle:
        [_, row] = list(csv.reader(handle))
    assert row[0] == "199004172015031003"
    assert row[1] == '\'=HYPERLINK("http://evil","x")'
    assert row[2] == "A" * 32


def test_an_invite_code_never_starts_with_a_minus(monkeypatch: pytest.MonkeyPatch) -> None:
    drawn = iter(["-" + "a" * 31, "-" + "b" * 31, "c" * 32])
    monkeypatch.setattr(identity.secrets, "token_urlsafe", lambda _: next(drawn))
    assert identity.new_code() == "c" * 32


def test_the_example_xlsx_keeps_a_formula_like_name_as_text(tmp_path: Path) -> None:
    script_path = DOCS / "make_example_xlsx.py"
    spec = importlib.util.spec_from_file_location("make_example_xlsx", script_path)
    assert spec and spec.loader
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    source = tmp_path / "org.csv"
    source.write_text("nip,nama\n199004172015031003,=1+1\n", encoding="utf-8")
    target = script.build(source, tmp_path / "org.xlsx")
    cell = load_workbook(target).active.cell(2, 2)
    assert (cell.value, cell.data_type, cell.quotePrefix) == ("=1+1", "s", True)
