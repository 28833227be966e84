"""Every value a person typed reaches Formulir 2 as text: read back, no cell of the group's
or the coordinator's recap is a formula, and each holds exactly what was typed."""

from __future__ import annotations

import asyncio
import io
from dataclasses import dataclass

from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from handlers.recap.labels import Labels
from handlers.recap.levels import LevelLine
from handlers.recap.model import GroupRow
from handlers.recap.workbook import write_group, write_levels

FORMULA_LIKE = st.sampled_from(["=", "+", "-", "@", "\t=", "\r+", "=HYPERLINK(", "=1+1", "@SUM("])
ANY_TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=30)
TYPED = st.builds(lambda start, rest: start + rest, FORMULA_LIKE, ANY_TEXT)


@dataclass
class OnePage:
    rows: list[GroupRow]

    async def group_page(
        self, group: str, year: int, after: object, limit: int
    ) -> tuple[list[GroupRow], tuple[str, int] | None]:
        return ([], None) if after is not None else (self.rows, ("", 0))


@dataclass
class Storage:
    recaps: OnePage


def typed_row(text: str) -> GroupRow:
    return GroupRow(1, text, 1, ("3.1",), text, text, "teknis", "formal", "pelatihan", text, text,
                    1, 3, 1, "teknis", "tinggi")  # fmt: skip


def cells(data: bytes) -> list[object]:
    book = load_workbook(io.BytesIO(data))
    found = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"a formula: {cell.value!r}"
                found.append(cell.value)
    return found


@settings(max_examples=40, deadline=None)
@given(TYPED)
def test_the_group_recap_writes_what_was_typed_as_text(text: str) -> None:
    out = io.BytesIO()
    storage = Storage(OnePage([typed_row(text)]))
    asyncio.run(write_group(storage, "G", 2026, Labels("id", 2026), out))  # type: ignore[arg-type]
    found = cells(out.getvalue())
    assert text in found
    assert f"{text} / {text}" in found  # source / organiser


@settings(max_examples=40, deadline=None)
@given(TYPED)
def test_the_level_recap_writes_what_was_typed_as_text(text: str) -> None:
    line = LevelLine("teknis", text, "Pelatihan", "Formal", text, 1, 3, "Q1", [text], 7)
    out = io.BytesIO()
    write_levels({"teknis": [line]}, Labels("id", 2026), out)
    found = cells(out.getvalue())
    assert found.count(text) == 3 and 7 in found


def test_control_characters_a_spreadsheet_cannot_hold_are_dropped() -> None:
    out = io.BytesIO()
    storage = Storage(OnePage([typed_row("=Budi\x0b\x00 Santoso")]))
    asyncio.run(write_group(storage, "G", 2026, Labels("id", 2026), out))  # type: ignore[arg-type]
    assert "=Budi Santoso" in cells(out.getvalue())
