"""Read the organisation file (CSV or XLSX) into numbered rows of column → text."""

from __future__ import annotations

import csv
import zipfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from handlers.org_import import REQUIRED

HEADER_ROW = 1
ORG_HEADER = REQUIRED
EXACT_FLOAT = 2**53  # above this a float has lost integer digits (Excel keeps 15 significant)


class OrgFileError(ValueError):
    """The file as a whole cannot be read; ``reason`` names the branch of the template
    ``cli/import_unreadable``: ``file_type``, ``columns`` (detail: the missing columns),
    ``not_csv`` (detail: the csv module's words, not shown), ``not_xlsx``, ``encoding``,
    ``not_found``, ``no_permission``, ``directory`` or ``os`` (detail: the OS's words)."""

    def __init__(self, reason: str, name: str, detail: str = "") -> None:
        super().__init__(f"{name}: {reason} {detail}".strip())
        self.reason, self.name, self.detail = reason, name, detail

    def context(self) -> dict[str, Any]:
        return {"reason": self.reason, "name": self.name, "detail": self.detail}


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
    except FileNotFoundError:
        raise OrgFileError("not_found", path.name) from None
    except PermissionError:
        raise OrgFileError("no_permission", path.name) from None
    except IsADirectoryError:
        raise OrgFileError("directory", path.name) from None
    except OSError as error:
        raise OrgFileError("os", path.name, error.strerror or type(error).__name__) from None
    except UnicodeDecodeError:
        raise OrgFileError("encoding", path.name) from None
    except csv.Error as error:
        raise OrgFileError("not_csv", path.name, str(error)) from None


def _read_csv(path: Path, required: Sequence[str]) -> Iterator[tuple[int, dict[str, str]]]:
    with path.open(newline="", encoding="utf-8-sig") as handle:
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
