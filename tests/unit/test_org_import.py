"""The admin's organisation file: each row validated, bad rows reported by number and reason."""

from __future__ import annotations

import pytest

from handlers.model import Role
from handlers.org_import import (
    REQUIRED,
    RowError,
    RowRejected,
    import_rows,
    parse_row,
    validate,
)
from handlers.ports import OrgRecord
from tests.unit.fakes import FakeDatabase, employee

HENDRA = "197002151995031001"
SRI = "198206202008012002"
ANDI = "199207142023211005"


def nip(serial: int) -> str:
    """A valid PNS NIP (born 17 Apr 1990, TMT Mar 2015, male) with its own serial."""
    return f"199004172015031{serial:03d}"


def row(who: str, /, atasan: str = "", **fields: str) -> dict[str, str]:
    """A good row for NIP ``who``; ``fields`` (even "nip") override its columns."""
    values = {
        "nip": who,
        "nama": f"Pegawai {who[-3:]}",
        "jenis_pegawai": "PNS",
        "pangkat_golongan": "III/b",
        "pendidikan": "S1 Psikologi",
        "masa_kerja": "11 tahun 8 bulan",
        "jabatan": "Analis SDM Aparatur Ahli Pertama",
        "unit_kerja": "Pusat Pengembangan Kompetensi",
        "nip_atasan": atasan,
        "kelompok_keahlian": "",
        "peran": "",
        "email": "",
        "zona_waktu": "",
        "bahasa": "",
    }
    values.update(fields)
    return values


def rejected(raw: dict[str, str]) -> tuple[str, str]:
    with pytest.raises(RowRejected) as caught:
        parse_row(raw)
    return caught.value.reason, caught.value.detail


def reasons(errors: list[RowError]) -> dict[int, str]:
    return {error.row: error.reason for error in errors}


def loaded(records: list[OrgRecord]) -> list[str]:
    return [record.nip for record in records]


# --- one row ---------------------------------------------------------------------------


def test_a_complete_row_becomes_a_record_with_defaults_filled_in() -> None:
    record = parse_row(row(" 19900417 201503 1 003 ", atasan=f" {SRI} ", nama="  Budi Santoso "))
    assert record == OrgRecord(
        nip="199004172015031003",
        nama="Budi Santoso",
        jenis_pegawai="PNS",
        pangkat_golongan="III/b",
        pendidikan="S1 Psikologi",
        masa_kerja="11 tahun 8 bulan",
        jabatan="Analis SDM Aparatur Ahli Pertama",
        unit_kerja="Pusat Pengembangan Kompetensi",
        nip_atasan=SRI,
        kelompok_keahlian=None,
        peran=frozenset({"pegawai"}),
        email=None,
        zona_waktu="WIB",
        bahasa="id",
        zona_waktu_given=False,  # the default: a Slack user's own zone may replace it
    )


def test_a_pppk_row_keeps_its_ni_pppk_and_roman_golongan() -> None:
    record = parse_row(row(ANDI, jenis_pegawai="pppk", pangkat_golongan="ix"))
    assert (record.nip, record.jenis_pegawai, record.pangkat_golongan) == (ANDI, "PPPK", "IX")


@pytest.mark.parametrize(
    ("peran", "roles"),
    [
        ("", {"pegawai"}),
        ("pegawai", {"pegawai"}),
        ("atasan", {"atasan", "pegawai"}),
        (
            "Atasan, KOORDINATOR_PEMBELAJARAN ,admin,",
            {"atasan", "koordinator_pembelajaran", "admin", "pegawai"},
        ),
    ],
)
def test_every_person_is_at_least_an_employee(peran: str, roles: set[str]) -> None:
    assert parse_row(row(nip(1), peran=peran)).peran == frozenset(roles)


@pytest.mark.parametrize("column", REQUIRED)
def test_a_blank_or_absent_required_column_is_named(column: str) -> None:
    assert rejected(row(nip(1), **{column: "   "})) == ("missing", column)
    absent = row(nip(1))
    del absent[column]
    assert rejected(absent) == ("missing", column)


def test_a_field_longer_than_200_characters_is_refused() -> None:
    assert rejected(row(nip(1), jabatan="x" * 201)) == ("too_long", "jabatan")


@pytest.mark.parametrize(
    ("fields", "reason"),
    [
        ({"jenis_pegawai": "Honorer"}, "jenis_pegawai"),
        ({"nip": "19900417201503100"}, "nip_length"),
        ({"nip": "199002302015031003"}, "nip_birth_date"),
        ({"nip": "199004172015131003"}, "nip_tmt_month"),
        ({"nip": ANDI}, "nip_tmt_month"),  # an NI PPPK on a row that says PNS
        ({"pangkat_golongan": "IX"}, "golongan"),  # a PPPK golongan for a PNS
        ({"pangkat_golongan": "Penata, III/b"}, "golongan"),
        ({"peran": "atasan, raja"}, "peran"),
        ({"zona_waktu": "GMT+7"}, "zona_waktu"),
        ({"bahasa": "fr"}, "bahasa"),
        ({"email": "budi@contoh"}, "email"),
        ({"email": "budi contoh@x.id"}, "email"),
    ],
)
def test_a_bad_value_is_refused_with_its_reason(fields: dict[str, str], reason: str) -> None:
    assert rejected(row(nip(1), **fields))[0] == reason


def test_a_pns_rank_on_a_pppk_row_is_refused() -> None:
    assert rejected(row(ANDI, jenis_pegawai="PPPK", pangkat_golongan="III/a")) == (
        "golongan",
        "III/a (PPPK)",
    )


def test_time_zone_language_and_email_are_normalised() -> None:
    record = parse_row(row(nip(1), zona_waktu="wita", bahasa="EN", email="budi@contoh.go.id"))
    assert (record.zona_waktu, record.bahasa, record.email) == ("WITA", "en", "budi@contoh.go.id")


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("5/3", "5 tahun 3 bulan"),
        ("5 tahun", "5 tahun 0 bulan"),
        ("5 tahun 3 bulan", "5 tahun 3 bulan"),
        ("5 th 3 bl", "5 tahun 3 bulan"),
        ("05 tahun 11 bulan", "5 tahun 11 bulan"),
        ("", ""),
    ],
)
def test_masa_kerja_is_stored_as_years_and_months(typed: str, stored: str) -> None:
    assert parse_row(row(nip(1), masa_kerja=typed)).masa_kerja == stored


@pytest.mark.parametrize("typed", ["5 tahun 13 bulan", "lima tahun", "5 tahun 3 minggu", "-1"])
def test_masa_kerja_that_is_not_years_and_months_is_refused(typed: str) -> None:
    assert rejected(row(nip(1), masa_kerja=typed)) == ("masa_kerja", typed)


def test_nobody_is_their_own_supervisor() -> None:
    assert rejected(row(nip(1), atasan="19900417 201503 1 001"))[0] == "atasan_self"


# --- the whole file ----------------------------------------------------------------------


def test_good_rows_load_in_file_order_and_bad_rows_are_reported_sorted_by_row() -> None:
    records, errors = validate(
        [
            (2, row(nip(1), atasan="199912312020121999")),  # supervisor nowhere: found late
            (3, row(nip(2), bahasa="fr")),  # refused while parsing: found early
            (4, row(nip(3))),
            (5, row(nip(4), atasan=nip(3))),
        ],
        known={},
    )
    assert loaded(records) == [nip(3), nip(4)]
    assert [(e.row, e.reason) for e in errors] == [(2, "atasan_unknown"), (3, "bahasa")]
    assert errors[0].detail == "199912312020121999"


def test_a_repeated_nip_keeps_the_first_row_and_refuses_the_second() -> None:
    first, second = row(nip(1), nama="Budi Santoso"), row(nip(1), nama="Budi S.")
    records, errors = validate([(2, first), (3, second)], known={})
    assert [r.nama for r in records] == ["Budi Santoso"]
    assert errors == [RowError(3, "duplicate", f"{nip(1)} 2")]


def test_a_supervisor_already_in_the_database_is_accepted() -> None:
    known = {HENDRA: None, SRI: HENDRA}
    records, errors = validate([(2, row(nip(1), atasan=SRI))], known=known)
    assert (loaded(records), errors) == ([nip(1)], [])
    assert known == {HENDRA: None, SRI: HENDRA}, "the caller's map is not changed"


def test_a_supervisor_later_in_the_file_is_accepted() -> None:
    records, errors = validate([(2, row(nip(1), atasan=nip(2))), (3, row(nip(2)))], known={})
    assert (loaded(records), errors) == ([nip(1), nip(2)], [])


def test_two_people_supervising_each_other_are_both_refused() -> None:
    records, errors = validate(
        [(2, row(nip(1), atasan=nip(2))), (3, row(nip(2), atasan=nip(1))), (4, row(nip(3)))],
        known={},
    )
    assert loaded(records) == [nip(3)]
    assert reasons(errors) == {2: "atasan_loop", 3: "atasan_loop"}


def test_a_three_person_loop_is_refused_whole_and_whoever_hangs_below_it_too() -> None:
    records, errors = validate(
        [
            (2, row(nip(1), atasan=nip(3))),
            (3, row(nip(2), atasan=nip(1))),
            (4, row(nip(3), atasan=nip(2))),
            (5, row(nip(4), atasan=nip(2))),  # reports into the loop
        ],
        known={},
    )
    assert loaded(records) == []
    assert reasons(errors) == {
        2: "atasan_loop",
        3: "atasan_loop",
        4: "atasan_loop",
        5: "atasan_rejected",
    }


def test_a_file_row_that_closes_a_loop_with_the_database_is_refused() -> None:
    # In the database Sri reports to Hendra; the file says Hendra reports to Sri.
    records, errors = validate([(2, row(HENDRA, atasan=SRI))], known={HENDRA: None, SRI: HENDRA})
    assert (loaded(records), reasons(errors)) == ([], {2: "atasan_loop"})


def test_a_refused_supervisor_takes_the_whole_chain_below_with_it() -> None:
    records, errors = validate(
        [
            (2, row(nip(1), pangkat_golongan="IX")),  # the head of the chain is refused
            (3, row(nip(2), atasan=nip(1))),
            (4, row(nip(3), atasan=nip(2))),
            (5, row(nip(4), atasan=nip(3))),
            (6, row(nip(5))),
        ],
        known={},
    )
    assert loaded(records) == [nip(5)]
    assert reasons(errors) == {
        2: "golongan",
        3: "atasan_rejected",
        4: "atasan_rejected",
        5: "atasan_rejected",
    }
    assert [e.detail for e in errors[1:]] == [nip(1), nip(2), nip(3)]


def test_a_row_under_a_supervisor_nowhere_at_all_is_refused_and_so_are_its_reports() -> None:
    records, errors = validate(
        [(2, row(nip(1), atasan=nip(9))), (3, row(nip(2), atasan=nip(1)))], known={}
    )
    assert loaded(records) == []
    assert reasons(errors) == {2: "atasan_unknown", 3: "atasan_rejected"}


def test_self_supervision_is_refused_and_reports_of_that_row_follow() -> None:
    records, errors = validate(
        [(2, row(nip(1), atasan=nip(1))), (3, row(nip(2), atasan=nip(1)))], known={}
    )
    assert loaded(records) == []
    assert reasons(errors) == {2: "atasan_self", 3: "atasan_rejected"}


async def test_an_import_loads_good_rows_under_stored_supervisors_in_one_commit() -> None:
    database = FakeDatabase(employee(1, "Sri Wahyuni", SRI, [Role.ATASAN]))
    async with database.uow() as uow:
        report = await import_rows(
            uow, [(2, row(nip(1), atasan=SRI)), (3, row(nip(2), atasan=nip(9)))]
        )
    assert (report.loaded, reasons(report.errors)) == (1, {3: "atasan_unknown"})
    assert database.commits == 1
    stored = {e.nip: e.supervisor_nip for e in database.state.employees.values()}
    assert stored == {SRI: None, nip(1): SRI}
