"""The steering board's priorities and the jabatan competency file: each row validated, bad
rows reported by number and reason, good rows upserted; ``replace`` refuses to half-load."""

from __future__ import annotations

from typing import cast

import pytest

from handlers.org_import import RowError, RowRejected
from handlers.ports import JobRequirement, Priority, UnitOfWork
from handlers.reference.imports import (
    import_priorities,
    import_requirements,
    parse_priority,
    parse_requirement,
)
from tests.unit.fake_reference import FakeReference, ReferenceOnlyUnitOfWork

PUSAT = "Pusat Pengembangan Kompetensi ASN"
UNITS = {"pusat pengembangan kompetensi asn": PUSAT}


def priority_row(**cells: str) -> dict[str, str]:
    return {"tahun": "2026", "unit_kerja": "", "kompetensi": "Kerja Sama", "keterangan": ""} | cells


def requirement_row(**cells: str) -> dict[str, str]:
    base = {"jabatan": "Widyaiswara Ahli Muda", "kompetensi": "Komunikasi", "jenis": "manajerial"}
    return base | {"level": "4"} | cells


def refused(parse: object, raw: dict[str, str]) -> tuple[str, str]:
    with pytest.raises(RowRejected) as caught:
        parse(raw)  # type: ignore[operator]
    return caught.value.reason, caught.value.detail


# --- priorities ----------------------------------------------------------------------------


def test_an_agency_wide_national_priority_keeps_what_was_written_and_its_key() -> None:
    parsed = parse_priority(priority_row(kompetensi="Kerjasama", keterangan="HCDP"), UNITS)
    assert parsed == Priority(2026, None, "Kerjasama", "kerja_sama", "HCDP")


def test_a_units_technical_priority_names_the_stored_unit() -> None:
    raw = priority_row(tahun="2026.0", unit_kerja=" pusat  pengembangan kompetensi ASN ",
                       kompetensi="Analisis  Data Pembelajaran")  # fmt: skip
    assert parse_priority(raw, UNITS) == Priority(
        2026, PUSAT, "Analisis Data Pembelajaran", None, ""
    )


@pytest.mark.parametrize(
    ("cells", "reason", "detail"),
    [
        ({"tahun": ""}, "missing", "tahun"),
        ({"kompetensi": " "}, "missing", "kompetensi"),
        ({"tahun": "26"}, "tahun", "26"),
        ({"tahun": "dua ribu"}, "tahun", "dua ribu"),
        ({"unit_kerja": "Biro Entah"}, "unit_unknown", "Biro Entah"),
        ({"kompetensi": "K" * 201}, "too_long", "kompetensi"),
        ({"keterangan": "k" * 1001}, "too_long", "keterangan"),
    ],
)
def test_a_bad_priority_row_is_refused_with_its_reason(
    cells: dict[str, str], reason: str, detail: str
) -> None:
    assert refused(lambda raw: parse_priority(raw, UNITS), priority_row(**cells)) == (
        reason,
        detail,
    )


async def test_priorities_load_the_good_rows_and_report_the_bad_and_the_repeated() -> None:
    reference = FakeReference([PUSAT])
    uow = ReferenceOnlyUnitOfWork(reference)
    rows = [
        (2, priority_row()),
        (3, priority_row(tahun="20266")),
        (4, priority_row(kompetensi="kerja  sama")),  # the same as row 2
        (5, priority_row(unit_kerja=PUSAT)),  # the same competency for a unit is another row
    ]
    report = await import_priorities(cast(UnitOfWork, uow), rows)
    assert report.loaded == 2 and uow.commits == 1
    assert report.errors == [RowError(3, "tahun", "20266"), RowError(4, "duplicate", "2")]
    assert [p.unit_kerja for p in await reference.priorities(2026, PUSAT)] == [None, PUSAT]
    assert [p.unit_kerja for p in await reference.priorities(2026, None)] == [None]


async def test_replacing_priorities_with_a_refused_row_changes_nothing() -> None:
    reference = FakeReference([PUSAT])
    reference.stored_priorities = [Priority(2026, None, "Integritas", "integritas", "")]
    uow = ReferenceOnlyUnitOfWork(reference)
    rows = [(2, priority_row()), (3, priority_row(unit_kerja="Biro Entah"))]
    report = await import_priorities(cast(UnitOfWork, uow), rows, replace=True)
    assert (report.loaded, uow.commits) == (0, 0)
    assert report.errors == [RowError(3, "unit_unknown", "Biro Entah")]
    assert [p.kompetensi for p in reference.stored_priorities] == ["Integritas"]


async def test_replacing_priorities_drops_the_years_in_the_file_only() -> None:
    reference = FakeReference()
    reference.stored_priorities = [
        Priority(2025, None, "Integritas", "integritas", ""),
        Priority(2026, None, "Komunikasi", "komunikasi", ""),
    ]
    uow = ReferenceOnlyUnitOfWork(reference)
    report = await import_priorities(cast(UnitOfWork, uow), [(2, priority_row())], replace=True)
    assert report.loaded == 1 and report.errors == []
    assert [(p.year, p.kompetensi) for p in reference.stored_priorities] == [
        (2025, "Integritas"),
        (2026, "Kerja Sama"),
    ]


# --- requirements --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        ({}, ("manajerial", "komunikasi", 4)),
        ({"kompetensi": "Perekat Bangsa", "jenis": "Sosio-Kultural", "level": "Level 3"},
         ("sosio_kultural", "perekat_bangsa", 3)),
        ({"kompetensi": "Desain  Pembelajaran", "jenis": "TEKNIS", "level": "3.0"},
         ("teknis", "Desain Pembelajaran", 3)),
        ({"jenis": "sosial kultural", "kompetensi": "perekat_bangsa"},
         ("sosio_kultural", "perekat_bangsa", 4)),
    ],
)  # fmt: skip
def test_a_good_requirement_row(cells: dict[str, str], expected: tuple[str, str, int]) -> None:
    parsed = parse_requirement(requirement_row(**cells))
    assert parsed == JobRequirement("Widyaiswara Ahli Muda", *expected)


@pytest.mark.parametrize(
    ("cells", "reason", "detail"),
    [
        ({"jabatan": ""}, "missing", "jabatan"),
        ({"level": ""}, "missing", "level"),
        ({"jenis": "umum"}, "jenis", "umum"),
        ({"level": "6"}, "level", "6"),
        ({"level": "0"}, "level", "0"),
        ({"level": "tinggi"}, "level", "tinggi"),
        ({"kompetensi": "Kepemimpinan"}, "kompetensi_unknown", "Kepemimpinan"),
        ({"kompetensi": "Perekat Bangsa"}, "kompetensi_jenis", "sosio_kultural"),
        ({"kompetensi": "Integritas", "jenis": "sosio_kultural"}, "kompetensi_jenis", "manajerial"),
        ({"kompetensi": "Kerja Sama", "jenis": "teknis"}, "kompetensi_jenis", "manajerial"),
        ({"jabatan": "J" * 201}, "too_long", "jabatan"),
    ],
)
def test_a_bad_requirement_row_is_refused_with_its_reason(
    cells: dict[str, str], reason: str, detail: str
) -> None:
    assert refused(parse_requirement, requirement_row(**cells)) == (reason, detail)


async def test_requirements_report_a_row_that_repeats_an_earlier_one() -> None:
    reference = FakeReference()
    uow = ReferenceOnlyUnitOfWork(reference)
    rows = [
        (2, requirement_row()),
        (3, requirement_row(jabatan="widyaiswara ahli muda", level="3")),
        (4, requirement_row(kompetensi="Desain Pembelajaran", jenis="teknis")),
    ]
    report = await import_requirements(cast(UnitOfWork, uow), rows)
    assert report.loaded == 2 and report.errors == [RowError(3, "duplicate", "2")]
    assert len(await reference.requirements("WIDYAISWARA AHLI MUDA")) == 2
