"""Spreadsheet cells that hold text as text: never read back as a formula.

A spreadsheet program takes a cell starting with ``=``, ``+``, ``-`` or ``@`` (or a tab or a
carriage return before one) for a formula: a name typed as ``=HYPERLINK(…)`` would run when
a coordinator opens the recap (formula injection). Every text is written as a string cell
(openpyxl would make a text starting with ``=`` a formula), with Excel's "quote prefix" mark
when it starts like one; numbers the product counts stay numbers.
"""

from __future__ import annotations

from typing import Any

from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def printable(text: str) -> str:
    """``text`` without the control characters XML 1.0 cannot hold (a spreadsheet's cells
    are XML; openpyxl refuses them): dropped rather than failing the whole file. (docxtpl
    drops them from a DOCX itself.)"""
    return str(ILLEGAL_CHARACTERS_RE.sub("", text))


def starts_like_formula(value: object) -> bool:
    """True for a text a spreadsheet would take for a formula."""
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def cell(sheet: Any, value: str | int | None) -> Any:
    """A write-only cell of ``sheet``: a number as a number, anything else as text."""
    if value is None or isinstance(value, int):
        return WriteOnlyCell(sheet, value=value)
    found = WriteOnlyCell(sheet, value=value)
    found.data_type = "s"
    if starts_like_formula(value):
        found.quotePrefix = True
    return found


def row(sheet: Any, values: list[str | int | None]) -> list[Any]:
    """A row for ``sheet.append``: a text that starts like a formula as a text cell of its
    own, anything else as the value (openpyxl stores a plain text as text: cheaper). Control
    characters a spreadsheet cannot hold (XML 1.0) are dropped rather than failing the file."""
    found: list[Any] = []
    for value in values:
        if isinstance(value, str):
            value = printable(value)
        found.append(cell(sheet, value) if starts_like_formula(value) else value)
    return found
