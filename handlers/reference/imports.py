"""Admin imports of reference data: the steering board's priority competencies and the
competencies each jabatan requires.

Like the organisation import: every bad row is reported with its row number and reason, the
good rows load (an upsert), and the whole file is one transaction. With ``replace``, the file
is the whole truth for the years (priorities) or jabatan (requirements) it names: what was
stored for them before is removed — and then a single refused row means nothing is written,
so that nothing is lost by a typo.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from typing import TypeVar

from handlers.org_import import ImportReport, RowError, RowRejected, reject_control_characters
from handlers.ports import JobRequirement, Priority, UnitOfWork
from handlers.reference.competencies import CompetencyType, find_national, normalize_name

PRIORITY_COLUMNS = ("tahun", "unit_kerja", "kompetensi", "keterangan")
REQUIREMENT_COLUMNS = ("jabatan", "kompetensi", "jenis", "level")
MAX_FIELD = 200
MAX_NOTE = 1000
# Also stored compared-form (normalize_name: "&" → "dan", "ß" → "ss", ligatures spelt out),
# which can be longer than the cell: that form must fit MAX_FIELD too (the *_norm columns).
COMPARED = ("jabatan", "kompetensi")
YEARS = range(2000, 2101)
_LEVEL = re.compile(r"^(?:level\s*)?([1-5])(?:\.0+)?$", re.IGNORECASE)
_JENIS = {
    "manajerial": CompetencyType.MANAJERIAL,
    "managerial": CompetencyType.MANAJERIAL,
    "sosio kultural": CompetencyType.SOSIO_KULTURAL,
    "sosial kultural": CompetencyType.SOSIO_KULTURAL,
    "socio cultural": CompetencyType.SOSIO_KULTURAL,
    "teknis": CompetencyType.TEKNIS,
    "technical": CompetencyType.TEKNIS,
}
Record = TypeVar("Record")


def _cells(
    raw: Mapping[str, str], columns: tuple[str, ...], required: tuple[str, ...]
) -> dict[str, str]:
    row = {key: " ".join((raw.get(key) or "").split()) for key in columns}
    reject_control_characters(row)  # line breaks and tabs were made spaces above
    for key in required:
        if not row[key]:
            raise RowRejected("missing", key)
    for key, value in row.items():
        if len(value) > (MAX_NOTE if key == "keterangan" else MAX_FIELD):
            raise RowRejected("too_long", key)
        if key in COMPARED and len(normalize_name(value)) > MAX_FIELD:
            raise RowRejected("too_long_compared", key)
    return row


def parse_priority(raw: Mapping[str, str], units: Mapping[str, str]) -> Priority:
    """One row of the priorities file; ``units`` maps normalized unit names to stored ones."""
    row = _cells(raw, PRIORITY_COLUMNS, ("tahun", "kompetensi"))
    year = row["tahun"].removesuffix(".0")
    if not year.isdigit() or int(year) not in YEARS:
        raise RowRejected("tahun", row["tahun"])
    unit = None
    if row["unit_kerja"]:
        unit = units.get(normalize_name(row["unit_kerja"]))
        if unit is None:
            raise RowRejected("unit_unknown", row["unit_kerja"])
    competency = find_national(row["kompetensi"])
    key = competency.key if competency else None
    return Priority(int(year), unit, row["kompetensi"], key, row["keterangan"])


def parse_requirement(raw: Mapping[str, str]) -> JobRequirement:
    """One row of the job competencies file."""
    row = _cells(raw, REQUIREMENT_COLUMNS, REQUIREMENT_COLUMNS)
    jenis = _JENIS.get(normalize_name(row["jenis"]))
    if jenis is None:
        raise RowRejected("jenis", row["jenis"])
    level = _LEVEL.match(row["level"])
    if level is None:
        raise RowRejected("level", row["level"])
    competency = find_national(row["kompetensi"])
    if jenis is CompetencyType.TEKNIS:
        if competency is not None:
            raise RowRejected("kompetensi_jenis", competency.classification.value)
        kompetensi = row["kompetensi"]
    elif competency is None:
        raise RowRejected("kompetensi_unknown", row["kompetensi"])
    elif competency.classification is not jenis:
        raise RowRejected("kompetensi_jenis", competency.classification.value)
    else:
        kompetensi = competency.key
    return JobRequirement(row["jabatan"], jenis.value, kompetensi, int(level.group(1)))


def priority_identity(record: Priority) -> tuple[object, ...]:
    competency = record.competency_key or normalize_name(record.kompetensi)
    return (record.year, record.unit_kerja, competency)


def requirement_identity(record: JobRequirement) -> tuple[object, ...]:
    return (normalize_name(record.jabatan), record.jenis, normalize_name(record.kompetensi))


def validate(
    rows: Iterable[tuple[int, Mapping[str, str]]],
    parse: Callable[[Mapping[str, str]], Record],
    identity: Callable[[Record], tuple[object, ...]],
) -> tuple[list[Record], list[RowError]]:
    """Parse every row; a row saying the same thing as an earlier one is a duplicate."""
    good: list[Record] = []
    errors: list[RowError] = []
    first_row: dict[tuple[object, ...], int] = {}
    for number, raw in rows:
        try:
            record = parse(raw)
        except RowRejected as problem:
            errors.append(RowError(number, problem.reason, problem.detail))
            continue
        seen = first_row.setdefault(identity(record), number)
        if seen != number:
            errors.append(RowError(number, "duplicate", str(seen)))
            continue
        good.append(record)
    return good, errors


async def import_priorities(
    uow: UnitOfWork, rows: Iterable[tuple[int, Mapping[str, str]]], *, replace: bool = False
) -> ImportReport:
    """Validate and upsert the steering board's priority competencies; report each bad row."""
    units = {normalize_name(name): name for name in await uow.reference.unit_names()}
    records, errors = validate(rows, lambda raw: parse_priority(raw, units), priority_identity)
    if replace and errors:
        return ImportReport(loaded=0, errors=errors)
    loaded = await uow.reference.save_priorities(records, replace_years=replace)
    await uow.commit()
    return ImportReport(loaded=loaded, errors=errors)


async def import_requirements(
    uow: UnitOfWork, rows: Iterable[tuple[int, Mapping[str, str]]], *, replace: bool = False
) -> ImportReport:
    """Validate and upsert jabatan level overrides and technical competencies."""
    records, errors = validate(rows, parse_requirement, requirement_identity)
    if replace and errors:
        return ImportReport(loaded=0, errors=errors)
    loaded = await uow.reference.save_requirements(records, replace_jabatan=replace)
    await uow.commit()
    return ImportReport(loaded=loaded, errors=errors)
