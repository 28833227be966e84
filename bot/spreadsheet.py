"""Cells the product writes to CSV and XLSX files, never read back as formulas.

A spreadsheet program treats a cell that starts with ``=``, ``+``, ``-`` or ``@`` (or a tab or
carriage return in front of one) as a formula: a name typed as ``=HYPERLINK(…)`` in the
organisation file would run when an operator opens ``invites.csv`` (CSV/formula injection).
Every CSV and XLSX writer in the product goes through this module:

- CSV has no types: such a text gets a leading ``'``, which the spreadsheet shows as text.
- XLSX has types: the cell is written as a text cell (with Excel's "quote prefix" mark), so
  its value stays exactly what was given and reads back unchanged.

Only text is touched. Numbers the product writes as numbers (ints, floats, dates) are not
user input and a negative one stays a number; a *text* that looks like a negative number
(``"-5"``) is text from outside and is neutralised like any other.
"""

from __future__ import annotations

from collections.abc import Sequence

from openpyxl.cell.cell import Cell

from handlers.documents.cells import FORMULA_STARTS, starts_like_formula

__all__ = ["FORMULA_STARTS", "csv_cell", "csv_row", "starts_like_formula", "xlsx_text"]


def csv_cell(value: object) -> object:
    """``value`` as a CSV cell: a text that starts like a formula gets a leading ``'``."""
    return f"'{value}" if starts_like_formula(value) else value


def csv_row(values: Sequence[object]) -> list[object]:
    return [csv_cell(value) for value in values]


def xlsx_text(cell: Cell, value: str | None) -> None:
    """Put ``value`` in ``cell`` as text, never as a formula (openpyxl makes any string that
    starts with ``=`` a formula unless told otherwise)."""
    cell.value = value or None
    if value:
        cell.data_type = "s"
        if starts_like_formula(value):
            cell.quotePrefix = True
