"""Read the organisation file (CSV or XLSX) into numbered rows of column → text."""

from __future__ import annotations

import csv
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from bot.textfile import FileProblem, os_problem, text_encoding
from handlers.org_import import REQUIRED

HEADER_ROW = 1
ORG_HEADER = REQUIRED
EXACT_FLOAT = 2**53  # above this a float has lost integer digits (Excel keeps 15 significant)


class OrgFileError(FileProblem):
    """The file as a whole cannot be read; ``reason`` names the branch of the template
    ``cli/import_unreadable``: ``file_type``, ``columns`` (detail: the missing columns),
    ``not_csv`` (detail: the csv module's words, not shown), ``not_xlsx``, or one of
    :class:`bot.textfile.FileProblem`'s (missing, a folder, no permission, not text)."""


@dataclass(frozen=True)
class Table:
    """A file's rows, and the encoding a CSV was read in (None for a workbook)."""

    rows: list[tuple[int, dict[str, str]]]
    encoding: str | None


def load(path: Path, required: Sequence[str] = ORG_HEADER) -> Table:
    """Every row of the file at once (see :func:`read_rows`)."""
    rows = list(read_rows(path, required))
    return Table(rows, text_encoding(path) if path.suffix.lower() == ".csv" else None)


def _key(header: object) -> str:
    return str(header or "").strip().lower().replace(" ", "_").replace("/", "_")


def read_rows(
    path: Path, required: Sequence[str] = ORG_HEADER
) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield (spreadsheet row number, row) with normalized headers; row 1 is the header,
    which must name every column in ``required`` (the same reader serves every import).

    Whatever keeps the file as a whole from being read raises :class:`OrgFileError`."""
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx", ".xlsm"):
        raise OrgFileError("file_type", path.name)
    try:
        if suffix == ".csv":
            yield from _read_csv(path, required)
        else:
            yield from _read_xlsx(path, required)
    except FileProblem as problem:
        raise OrgFileError(problem.reason, problem.name, problem.detail) from None
    except OSError as error:
        cause = os_problem(error, path)
        raise OrgFileError(cause.reason, cause.name, cause.detail) from None
    except csv.Error as error:
        raise OrgFileError("not_csv", path.name, str(error)) from None


def _read_csv(path: Path, required: Sequence[str]) -> Iterator[tuple[int, dict[str, str]]]:
    with path.open(newline="", encoding=text_encoding(path)) as handle:
        sample = handle.read(4096)
        handle.seek(0)
        try:
            dialect: Any = csv.Sniffer().sniff(sample, delimiters=",;\t")
        except csv.Error:  # one column, or no table at all: the header check says which
            dialect = csv.excel
        reader = csv.reader(handle, dialect)
        header = [_key(h) for h in next(reader, [])]
        _check_header(path, header, required)
        for number, values in enumerate(reader, start=HEADER_ROW + 1):
            if any(v.strip() for v in values):
                yield number, dict(zip(header, values, strict=False))


def _read_xlsx(path: Path, required: Sequence[str]) -> Iterator[tuple[int, dict[str, str]]]:
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError):
        raise OrgFileError("not_xlsx", path.name) from None
    try:
        rows = workbook.worksheets[0].iter_rows(values_only=True)
        header = [_key(h) for h in next(rows, ())]
        _check_header(path, header, required)
        for number, values in enumerate(rows, start=HEADER_ROW + 1):
            cells = ["" if v is None else _cell(v) for v in values]
            if any(c.strip() for c in cells):
                yield number, dict(zip(header, cells, strict=False))
    finally:
        workbook.close()


def _cell(value: object) -> str:
    """Spreadsheets turn NIPs into numbers; give them back as digits while the number holds
    every digit. A larger one was rounded: it stays a float's text (``1.97203141998031e+17``)
    for the import to refuse, never a wrong but valid-looking NIP."""
    if isinstance(value, float) and value.is_integer() and abs(value) < EXACT_FLOAT:
        return str(int(value))
    return str(value)


def _check_header(path: Path, header: list[str], required: Sequence[str]) -> None:
    missing = [c for c in required if c not in header]
    if missing:
        raise OrgFileError("columns", path.name, ", ".join(missing))
