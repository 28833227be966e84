"""Read the organisation file (CSV or XLSX) into numbered rows of column → text."""

from __future__ import annotations

import csv
from collections.abc import Iterator, Sequence
from pathlib import Path

from openpyxl import load_workbook

HEADER_ROW = 1
ORG_HEADER = ("nip", "nama", "jenis_pegawai")


class OrgFileError(ValueError):
    """The file as a whole cannot be read (unknown type, no header, missing columns)."""


def _key(header: object) -> str:
    return str(header or "").strip().lower().replace(" ", "_").replace("/", "_")


def read_rows(
    path: Path, required: Sequence[str] = ORG_HEADER
) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield (spreadsheet row number, row) with normalized headers; row 1 is the header,
    which must name every column in ``required`` (the same reader serves every import)."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        yield from _read_csv(path, required)
    elif suffix in (".xlsx", ".xlsm"):
        yield from _read_xlsx(path, required)
    else:
        raise OrgFileError(f"{path.name}: expected a .csv or .xlsx file")


def _read_csv(path: Path, required: Sequence[str]) -> Iterator[tuple[int, dict[str, str]]]:
    with path.open(newline="", encoding="utf-8-sig") as handle:
        sample = handle.read(4096)
        handle.seek(0)
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t") if sample else csv.excel
        reader = csv.reader(handle, dialect)
        header = [_key(h) for h in next(reader, [])]
        _check_header(header, required)
        for number, values in enumerate(reader, start=HEADER_ROW + 1):
            if any(v.strip() for v in values):
                yield number, dict(zip(header, values, strict=False))


def _read_xlsx(path: Path, required: Sequence[str]) -> Iterator[tuple[int, dict[str, str]]]:
    workbook = load_workbook(path, read_only=True, data_only=True)
    try:
        rows = workbook.worksheets[0].iter_rows(values_only=True)
        header = [_key(h) for h in next(rows, ())]
        _check_header(header, required)
        for number, values in enumerate(rows, start=HEADER_ROW + 1):
            cells = ["" if v is None else _cell(v) for v in values]
            if any(c.strip() for c in cells):
                yield number, dict(zip(header, cells, strict=False))
    finally:
        workbook.close()


def _cell(value: object) -> str:
    """Spreadsheets turn NIPs into numbers; give them back as digits."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _check_header(header: list[str], required: Sequence[str]) -> None:
    missing = [c for c in required if c not in header]
    if missing:
        raise OrgFileError(f"the header row lacks the column(s): {', '.join(missing)}")
