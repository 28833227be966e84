"""The organisation import end to end: file → validation → database (docs/import-organisasi.md).

Everything goes through ``bot.admin.import_file`` (what ``idp-bot org import`` runs) and is
checked by reading the database back through the unit of work.
"""

from __future__ import annotations

import asyncio
import csv
import importlib.util
import re
import zipfile
from dataclasses import replace
from pathlib import Path
from types import ModuleType

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select

import messages
from bot import admin, cli
from bot.app import App
from bot.orgfile import read_rows
from handlers import org_import
from handlers.model import Employee, JenisPegawai, Role, Zone
from storage.models import EmployeeRole, ExpertiseGroup, Unit

DOCS = Path(__file__).resolve().parents[2] / "docs"
EXAMPLE_CSV = DOCS / "contoh-organisasi.csv"
EXAMPLE_XLSX = DOCS / "contoh-organisasi.xlsx"
BAD_CSV = DOCS / "contoh-organisasi-salah.csv"
HEADER = list(org_import.COLUMNS)

# contoh-organisasi.csv
BAMBANG = "197203141998031002"  # root, Pusat
RATNA = "198005222005012001"  # under Bambang
AGUS = "198507112010121003"  # under Ratna
SITI = "199102032015032004"  # under Ratna, admin
FAJAR = "199408252019031005"  # under Ratna, bahasa en
YOHANES = "197905142006041001"  # head of the Jayapura unit

# contoh-organisasi-salah.csv: row number → the Indonesian reason printed for it
BAD_ROWS = {
    4: "kolom nama wajib diisi",
    5: "kolom jabatan terlalu panjang",
    6: 'jenis_pegawai harus PNS atau PPPK (tertulis "Honorer")',
    7: "NIP harus 18 angka",
    8: "8 angka pertama NIP bukan tanggal lahir yang valid",
    9: "angka ke-15 NIP (jenis kelamin) harus 1 atau 2",
    10: "angka ke-13–14 NIP (bulan TMT CPNS) bukan bulan yang valid",
    11: "TMT pada NIP ada di masa depan",
    12: "TMT pada NIP sebelum usia 18 tahun",
    13: "pangkat/golongan tidak dikenal untuk jenis pegawai ini (Penata, III/a (PNS))",
    14: "peran tidak dikenal: supervisor",
    15: "zona_waktu harus WIB, WITA atau WIT",
    16: "bahasa harus id atau en",
    17: "email tidak valid",
    18: 'masa_kerja harus berupa tahun dan bulan, mis. "5 tahun 3 bulan"',
    19: "nip_atasan sama dengan NIP sendiri",
    20: "nip_atasan 196501011990031001 tidak ada di berkas maupun basis data",
    21: "baris atasan 198609182011012002 ditolak",
    22: "baris atasan 199309092018011002 ditolak",
    23: "hubungan atasan membentuk lingkaran (lewat 198404042009022001)",
    24: "hubungan atasan membentuk lingkaran (lewat 198211112008011003)",
    25: "NIP 198005222005012001 sudah ada di baris 3",
    30: "sel nip kehilangan angka: Excel menyimpan NIP sebagai bilangan (1.97811E+17) dan "
    "membulatkannya; format kolom nip sebagai Teks lalu ketik ulang NIP-nya",
    31: "kolom nama berisi karakter kontrol (mis. NUL, baris baru atau tab di dalam sel); hapus "
    "karakter itu dari selnya",
}
BAD_FILE_LOADED = {
    # row 2, 3, 27, 28, 29 (row 26 is empty and skipped)
    "197203141998031002": dict(pangkat_golongan="IV/c", masa_kerja="28 tahun 8 bulan"),
    "198005222005012001": dict(
        pangkat_golongan="IV/b",
        masa_kerja="21 tahun 10 bulan",
        zona_waktu=Zone.WIB,
        bahasa="id",
        roles=frozenset({Role.PEGAWAI, Role.ATASAN, Role.KOORDINATOR_PEMBELAJARAN}),
    ),
    "199811232024212013": dict(supervisor_nip="198706152012121002", zona_waktu=Zone.WITA),
    "198706152012121002": dict(pangkat_golongan="III/c", bahasa="en", supervisor_nip=RATNA),
    "199102282023211014": dict(
        pangkat_golongan="IX",
        pendidikan="",
        masa_kerja="",
        email=None,
        kelompok_keahlian=None,
        roles=frozenset({Role.PEGAWAI}),
        bahasa="id",
        zona_waktu=Zone.WIT,
    ),
}


# --- helpers -------------------------------------------------------------------------


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8-sig") as handle:
        return list(csv.DictReader(handle))


def write_csv(
    path: Path,
    rows: list[dict[str, str]],
    *,
    delimiter: str = ",",
    encoding: str = "utf-8",
    newline: str = "\n",
) -> Path:
    with path.open("w", newline="", encoding=encoding) as handle:
        writer = csv.DictWriter(
            handle, fieldnames=HEADER, delimiter=delimiter, lineterminator=newline
        )
        writer.writeheader()
        writer.writerows({key: row.get(key, "") for key in HEADER} for row in rows)
    return path


def expected_employee(row: dict[str, str]) -> Employee:
    """What a valid row of contoh-organisasi.csv must become (written out independently)."""
    roles = {Role(part.strip()) for part in row["peran"].split(",") if part.strip()}
    return Employee(
        id=0,
        nip=row["nip"],
        nama=row["nama"],
        jenis_pegawai=JenisPegawai(row["jenis_pegawai"]),
        pangkat_golongan=row["pangkat_golongan"].rsplit(",", 1)[-1].strip(),
        pendidikan=row["pendidikan"],
        masa_kerja=row["masa_kerja"],
        jabatan=row["jabatan"],
        unit_kerja=row["unit_kerja"],
        roles=frozenset(roles | {Role.PEGAWAI}),
        supervisor_nip=row["nip_atasan"] or None,
        kelompok_keahlian=row["kelompok_keahlian"] or None,
        email=row["email"] or None,
        zona_waktu=Zone(row["zona_waktu"]),
        bahasa=row["bahasa"],
    )


EXPECTED = {row["nip"]: expected_employee(row) for row in read_csv(EXAMPLE_CSV)}


async def stored(app: App) -> dict[str, Employee]:
    """The example's people as stored (ids blanked)."""
    found = {}
    async with app.uow() as uow:
        for nip in EXPECTED:
            person = await uow.employees.by_nip(nip)
            assert person is not None, nip
            found[nip] = replace(person, id=0)
    return found


async def import_ok(app: App, path: Path) -> None:
    assert await admin.import_file(app, path) == 0


def refusals(out: str) -> dict[int, str]:
    """``Baris N: reason`` lines of the import's output."""
    lines = re.findall(r"^Baris (\d+): (.*)$", out, re.M)
    return {int(number): reason for number, reason in lines}


def example_row(nip: str) -> dict[str, str]:
    return next(row for row in read_csv(EXAMPLE_CSV) if row["nip"] == nip)


def load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "make_example_xlsx", DOCS / "make_example_xlsx.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# --- the example file: CSV, XLSX and the CSV variants Excel writes ---------------------


def test_example_is_what_the_docs_promise() -> None:
    rows = read_csv(EXAMPLE_CSV)
    assert list(rows[0]) == HEADER
    assert 12 <= len(rows) <= 20
    assert {r["jenis_pegawai"] for r in rows} == {"PNS", "PPPK"}
    assert {r["zona_waktu"] for r in rows} == {"WIB", "WITA", "WIT"}
    assert len({r["unit_kerja"] for r in rows}) in (2, 3)
    used = {part for r in rows for part in r["peran"].split(",")}
    assert used == {role.value for role in Role}


@pytest.mark.parametrize("path", [EXAMPLE_CSV, EXAMPLE_XLSX], ids=["csv", "xlsx"])
async def test_example_file_loads_every_field(app: App, path: Path, capsys) -> None:
    assert await admin.import_file(app, path) == 0
    assert (
        f"Impor selesai: {len(EXPECTED)} baris dimuat, 0 baris ditolak." in capsys.readouterr().out
    )
    assert await stored(app) == EXPECTED
    async with app.uow() as uow:
        assert await uow.employees.count_all() == len(EXPECTED)


def test_csv_and_xlsx_give_the_same_records() -> None:
    from_csv = org_import.validate(read_rows(EXAMPLE_CSV), {})
    from_xlsx = org_import.validate(read_rows(EXAMPLE_XLSX), {})
    assert from_csv == from_xlsx
    assert from_csv[1] == [] and len(from_csv[0]) == len(EXPECTED)


def test_example_xlsx_is_in_step_with_the_csv_and_keeps_nips_as_text() -> None:
    sheet = load_workbook(EXAMPLE_XLSX).worksheets[0]
    cells = [["" if v is None else v for v in row] for row in sheet.iter_rows(values_only=True)]
    with EXAMPLE_CSV.open(newline="", encoding="utf-8") as handle:
        assert cells == [row for row in csv.reader(handle) if row]
    for column in ("A", "I"):  # nip, nip_atasan
        for cell in sheet[column][1:]:
            if cell.value is not None:
                assert cell.data_type == "s" and cell.number_format == "@", cell.coordinate
        assert sheet.column_dimensions[column].number_format == "@"


async def test_the_xlsx_script_output_loads(app: App, tmp_path: Path) -> None:
    target = load_script().build(EXAMPLE_CSV, tmp_path / "fresh.xlsx")
    await import_ok(app, target)
    assert await stored(app) == EXPECTED


@pytest.mark.parametrize(
    ("delimiter", "encoding", "newline"),
    [
        (";", "utf-8", "\n"),
        (",", "utf-8-sig", "\r\n"),
        (";", "utf-8-sig", "\r\n"),
        ("\t", "utf-8", "\n"),
    ],
    ids=["semicolon", "utf8-bom-crlf", "semicolon-bom-crlf", "tab"],
)
async def test_excel_csv_variants_load_the_same(
    app: App, tmp_path: Path, delimiter: str, encoding: str, newline: str
) -> None:
    path = write_csv(
        tmp_path / "excel.csv",
        read_csv(EXAMPLE_CSV),
        delimiter=delimiter,
        encoding=encoding,
        newline=newline,
    )
    if encoding == "utf-8-sig":
        assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    if delimiter == ";":
        # names and roles keep their commas unquoted, as Excel's Indonesian CSV does
        assert b"Dr. Bambang Sutrisno, M.Si.;" in path.read_bytes()
    await import_ok(app, path)
    assert await stored(app) == EXPECTED


# --- bad rows ----------------------------------------------------------------------------


async def test_every_bad_row_is_reported_and_every_good_row_loads(app: App, capsys) -> None:
    assert await admin.import_file(app, BAD_CSV) == 1
    out = capsys.readouterr().out
    assert refusals(out) == BAD_ROWS
    assert out.strip().splitlines()[-1] == (
        f"Impor selesai: {len(BAD_FILE_LOADED)} baris dimuat, {len(BAD_ROWS)} baris ditolak."
    )
    async with app.uow() as uow:
        assert await uow.employees.count_all() == len(BAD_FILE_LOADED)
        for nip, fields in BAD_FILE_LOADED.items():
            person = await uow.employees.by_nip(nip)
            assert person is not None, nip
            for name, value in fields.items():
                assert getattr(person, name) == value, (nip, name)
        # rows refused outright, or leaning on a refused/looping supervisor, wrote nothing
        for nip in ("198609182011012002", "199309092018011002", "199803152023212007",
                    "198211112008011003", "198404042009022001", "198103032006041005"):  # fmt: skip
            assert await uow.employees.by_nip(nip) is None, nip
        # the duplicate (row 25) did not overwrite row 3
        ratna = await uow.employees.by_nip(RATNA)
        assert ratna is not None and ratna.jabatan == "Kepala Bidang Pengembangan Kompetensi"


def test_bad_file_covers_every_refusal_reason() -> None:
    template = (messages.ROOT / "id" / "cli" / "import_row_error.j2").read_text(encoding="utf-8")
    reasons = set(re.findall(r'reason == "(\w+)"', template))
    _, errors = org_import.validate(read_rows(BAD_CSV), {})
    assert {error.reason for error in errors} == reasons
    assert sorted(error.row for error in errors) == sorted(BAD_ROWS)


async def test_english_operator_gets_english_reasons(app: App, capsys) -> None:
    app.settings.default_locale = "en"
    assert await admin.import_file(app, BAD_CSV) == 1
    out = capsys.readouterr().out
    assert "Row 4: column nama is required" in out
    assert "Row 21: the supervisor's row (198609182011012002) was refused" in out
    assert "Row 30: the nip cell lost digits: Excel stored the NIP as a number" in out
    assert "Row 31: column nama holds a control character" in out
    assert "Import finished: 5 rows loaded, 24 rows refused." in out


async def test_row_whose_supervisor_is_refused_is_refused_and_writes_nothing(
    app: App, tmp_path: Path, capsys
) -> None:
    boss = dict(example_row(BAMBANG), pangkat_golongan="IX")  # a PPPK golongan on a PNS
    report = dict(
        example_row(RATNA),
        nip_atasan=BAMBANG,
        unit_kerja="Unit Khusus Bawahan",
        kelompok_keahlian="Kelompok Khusus Bawahan",
        peran="atasan,admin",
    )
    grandchild = dict(example_row(AGUS), nip_atasan=RATNA, unit_kerja="Unit Khusus Bawahan")
    other = dict(example_row(YOHANES), nip_atasan="")
    path = write_csv(tmp_path / "org.csv", [boss, report, grandchild, other])

    assert await admin.import_file(app, path) == 1
    assert refusals(capsys.readouterr().out) == {
        2: "pangkat/golongan tidak dikenal untuk jenis pegawai ini (IX (PNS))",
        3: f"baris atasan {BAMBANG} ditolak",
        4: f"baris atasan {RATNA} ditolak",
    }
    async with app.uow() as uow:
        assert await uow.employees.count_all() == 1
        for nip in (BAMBANG, RATNA, AGUS):
            assert await uow.employees.by_nip(nip) is None
        assert await uow.employees.by_nip(YOHANES) is not None
        session = uow.session  # type: ignore[attr-defined]
        assert list(await session.scalars(select(Unit.name))) == ["Balai Pelatihan Jayapura"]
        assert list(await session.scalars(select(ExpertiseGroup.name))) == []
        roles = await session.scalar(select(func.count()).select_from(EmployeeRole))
        assert roles == 3  # Yohanes: pegawai, atasan, admin


async def test_refused_row_of_a_stored_supervisor_leaves_links_to_the_stored_one(
    app: App, tmp_path: Path, capsys
) -> None:
    await import_ok(app, EXAMPLE_CSV)
    ratna = dict(example_row(RATNA), email="ratna(at)contoh.go.id", jabatan="Diubah")
    newcomer = dict(
        example_row(SITI), nip="199912122024122001", nama="Pegawai Baru", nip_atasan=RATNA
    )
    path = write_csv(tmp_path / "org.csv", [ratna, newcomer])
    assert await admin.import_file(app, path) == 1
    assert refusals(capsys.readouterr().out) == {2: "email tidak valid"}
    async with app.uow() as uow:
        stored_ratna = await uow.employees.by_nip(RATNA)
        assert stored_ratna is not None and stored_ratna.jabatan == EXPECTED[RATNA].jabatan
        person = await uow.employees.by_nip("199912122024122001")
        assert person is not None and person.supervisor_nip == RATNA


# --- supervisors and roles -------------------------------------------------------------


async def test_supervisor_links_and_roles_are_stored(app: App) -> None:
    await import_ok(app, EXAMPLE_CSV)
    async with app.uow() as uow:
        assert await uow.employees.supervisor_links() == {
            nip: person.supervisor_nip for nip, person in EXPECTED.items()
        }
        for nip, person in EXPECTED.items():
            found = await uow.employees.by_nip(nip)
            assert found is not None and found.roles == person.roles, nip
        ratna = await uow.employees.by_nip(RATNA)
        assert ratna is not None and ratna.has(Role.KOORDINATOR_PEMBELAJARAN)
        reports = [p for p in EXPECTED.values() if p.supervisor_nip == RATNA]
        assert await uow.employees.count_direct_reports(ratna.id) == len(reports)
        assert await uow.employees.count_group_members("Teknologi Informasi") == 3


async def test_supervisor_may_be_an_employee_loaded_earlier(
    app: App, tmp_path: Path, capsys
) -> None:
    await import_ok(app, EXAMPLE_CSV)
    newcomer = dict(
        example_row(SITI),
        nip="199912122024122001",
        nama="Pegawai Baru",
        nip_atasan=YOHANES,
        unit_kerja="Balai Pelatihan Jayapura",
    )
    await import_ok(app, write_csv(tmp_path / "baru.csv", [newcomer]))
    async with app.uow() as uow:
        assert (await uow.employees.supervisor_links())["199912122024122001"] == YOHANES
        assert await uow.employees.count_all() == len(EXPECTED) + 1


async def test_loop_through_stored_links_is_refused(app: App, tmp_path: Path, capsys) -> None:
    await import_ok(app, EXAMPLE_CSV)
    capsys.readouterr()
    # Bambang (the root) reporting to Fajar, who reports to Ratna, who reports to Bambang
    root = dict(example_row(BAMBANG), nip_atasan=FAJAR)
    assert await admin.import_file(app, write_csv(tmp_path / "loop.csv", [root])) == 1
    assert refusals(capsys.readouterr().out) == {
        2: f"hubungan atasan membentuk lingkaran (lewat {FAJAR})"
    }
    async with app.uow() as uow:
        assert (await uow.employees.supervisor_links())[BAMBANG] is None


# --- re-import ---------------------------------------------------------------------------


async def test_reimport_is_an_idempotent_upsert_by_nip(app: App, tmp_path: Path) -> None:
    await import_ok(app, EXAMPLE_CSV)
    async with app.uow() as uow:
        ids = {nip: (await uow.employees.by_nip(nip)).id for nip in EXPECTED}  # type: ignore[union-attr]
        await uow.employees.set_locale(ids[SITI], "en")  # Siti chose English in the chat
        await uow.commit()

    await import_ok(app, EXAMPLE_CSV)
    await import_ok(app, EXAMPLE_CSV)
    after = await stored(app)
    assert after == {**EXPECTED, SITI: replace(EXPECTED[SITI], bahasa="en")}

    rows = read_csv(EXAMPLE_CSV)
    for row in rows:
        if row["nip"] == SITI:  # promoted, moved, new supervisor, no longer admin
            row.update(
                jabatan="Analis SDM Aparatur Ahli Muda",
                pangkat_golongan="Penata, III/c",
                masa_kerja="12 th 0 bl",
                unit_kerja="Balai Pelatihan Makassar",
                nip_atasan="197811302003121001",
                kelompok_keahlian="Kebijakan Publik",
                peran="pegawai",
                email="siti.r@contoh.go.id",
                zona_waktu="WITA",
                bahasa="id",
            )
        if row["nip"] == FAJAR:
            row["bahasa"] = "id"  # the file cannot override a stored person's language
    await import_ok(app, write_csv(tmp_path / "ubah.csv", rows))

    async with app.uow() as uow:
        assert await uow.employees.count_all() == len(EXPECTED)
        siti = await uow.employees.by_nip(SITI)
        fajar = await uow.employees.by_nip(FAJAR)
        links = await uow.employees.supervisor_links()
        assert {nip: (await uow.employees.by_nip(nip)).id for nip in EXPECTED} == ids  # type: ignore[union-attr]
    assert siti is not None and fajar is not None
    assert replace(siti, id=0) == replace(
        EXPECTED[SITI],
        jabatan="Analis SDM Aparatur Ahli Muda",
        pangkat_golongan="III/c",
        masa_kerja="12 tahun 0 bulan",
        unit_kerja="Balai Pelatihan Makassar",
        supervisor_nip="197811302003121001",
        kelompok_keahlian="Kebijakan Publik",
        roles=frozenset({Role.PEGAWAI}),
        email="siti.r@contoh.go.id",
        zona_waktu=Zone.WITA,
        bahasa="en",
    )
    assert fajar.bahasa == "en"
    assert links[SITI] == "197811302003121001"


async def test_emptying_nip_atasan_removes_the_link(app: App, tmp_path: Path) -> None:
    await import_ok(app, EXAMPLE_CSV)
    await import_ok(
        app, write_csv(tmp_path / "lepas.csv", [dict(example_row(SITI), nip_atasan="")])
    )
    async with app.uow() as uow:
        assert (await uow.employees.supervisor_links())[SITI] is None


async def test_people_missing_from_a_later_file_are_kept(app: App, tmp_path: Path) -> None:
    await import_ok(app, EXAMPLE_CSV)
    await import_ok(app, write_csv(tmp_path / "sebagian.csv", [example_row(BAMBANG)]))
    assert await stored(app) == EXPECTED


# --- files that cannot be read ---------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("pegawai.txt", EXAMPLE_CSV.read_text(encoding="utf-8"), "pegawai.txt bukan berkas .csv"),
        ("tanpa-nip.csv", "nama,jenis_pegawai\nBudi,PNS\n", "tidak memuat kolom nip, pangkat"),
        ("kosong.csv", "", f"tidak memuat kolom {', '.join(org_import.REQUIRED)}."),
        ("rusak.csv", '"' + "x" * 200_000, "rusak.csv bukan tabel CSV yang utuh"),
        ("kosong.xlsx", "", "kosong.xlsx bukan buku kerja Excel (.xlsx) yang utuh"),
    ],
)
async def test_unreadable_file_exits_2_and_loads_nothing(
    app: App, tmp_path: Path, capsys, name: str, content: str, problem: str
) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    assert await admin.import_file(app, path) == 2
    out = capsys.readouterr().out.strip()
    assert out.startswith("Berkas tidak bisa dibaca: ") and problem in out
    async with app.uow() as uow:
        assert await uow.employees.count_all() == 0


async def test_missing_file_exits_2(app: App, tmp_path: Path, capsys) -> None:
    assert await admin.import_file(app, tmp_path / "tidak-ada.csv") == 2
    assert capsys.readouterr().out.startswith("Berkas tidak bisa dibaca: ")


async def test_non_utf8_csv_exits_2(app: App, tmp_path: Path, capsys) -> None:
    path = tmp_path / "cp1252.csv"
    path.write_bytes("nip,nama,jenis_pegawai\n199001012015011001,José,PNS\n".encode("cp1252"))
    assert await admin.import_file(app, path) == 2
    assert capsys.readouterr().out.startswith("Berkas tidak bisa dibaca: ")


async def test_csv_without_delimiters_exits_2(app: App, tmp_path: Path, capsys) -> None:
    path = tmp_path / "catatan.csv"
    path.write_text("ini bukan tabel\nhanya catatan\n", encoding="utf-8")
    assert await admin.import_file(app, path) == 2
    assert capsys.readouterr().out.startswith("Berkas tidak bisa dibaca: catatan.csv: ")


async def test_xlsx_that_is_no_workbook_exits_2(app: App, tmp_path: Path, capsys) -> None:
    path = tmp_path / "rusak.xlsx"
    path.write_text("bukan berkas Excel", encoding="utf-8")
    assert await admin.import_file(app, path) == 2
    assert capsys.readouterr().out.strip() == (
        "Berkas tidak bisa dibaca: rusak.xlsx bukan buku kerja Excel (.xlsx) yang utuh. "
        "Buka di Excel lalu simpan ulang sebagai .xlsx."
    )
    zipped = tmp_path / "arsip.xlsx"  # a zip, but no workbook in it
    with zipfile.ZipFile(zipped, "w") as archive:
        archive.writestr("catatan.txt", "bukan lembar kerja")
    assert await admin.import_file(app, zipped) == 2
    assert "arsip.xlsx bukan buku kerja Excel" in capsys.readouterr().out


async def test_header_lacking_a_required_column_exits_2(app: App, tmp_path: Path, capsys) -> None:
    rows = [{k: v for k, v in example_row(BAMBANG).items() if k != "unit_kerja"}]
    path = tmp_path / "tanpa-unit.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=[c for c in HEADER if c != "unit_kerja"])
        writer.writeheader()
        writer.writerows(rows)
    assert await admin.import_file(app, path) == 2
    assert capsys.readouterr().out.strip() == (
        "Berkas tidak bisa dibaca: tanpa-unit.csv: baris judul (baris 1) tidak memuat kolom "
        "unit_kerja."
    )
    async with app.uow() as uow:
        assert await uow.employees.count_all() == 0


async def test_english_operator_gets_english_file_problems(
    app: App, tmp_path: Path, capsys
) -> None:
    app.settings.default_locale = "en"
    path = tmp_path / "tanpa-jabatan.csv"
    path.write_text("nip,nama,jenis_pegawai,pangkat_golongan,unit_kerja\n", encoding="utf-8")
    assert await admin.import_file(app, path) == 2
    assert await admin.import_file(app, tmp_path / "tidak-ada.xlsx") == 2
    assert capsys.readouterr().out.splitlines() == [
        "The file cannot be read: tanpa-jabatan.csv: the header row (row 1) lacks the "
        "column(s): jabatan.",
        "The file cannot be read: tidak-ada.xlsx does not exist.",
    ]


async def test_cli_output_is_plain_text(app: App, tmp_path: Path, capsys) -> None:
    row = dict(example_row(BAMBANG), jenis_pegawai="P&K")
    assert await admin.import_file(app, write_csv(tmp_path / "amp.csv", [row])) == 1
    assert refusals(capsys.readouterr().out) == {
        2: 'jenis_pegawai harus PNS atau PPPK (tertulis "P&K")'
    }


async def test_nip_stored_as_a_number_in_xlsx_is_not_loaded_under_a_wrong_nip(
    app: App, tmp_path: Path, capsys
) -> None:
    # What Excel keeps when 18 digits are typed into a General cell: 15 significant digits.
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER)
    row = example_row(BAMBANG)
    sheet.append([float("1.97203141998031E+17"), *[row[key] for key in HEADER[1:]]])
    path = tmp_path / "angka.xlsx"
    workbook.save(path)
    assert await admin.import_file(app, path) == 1
    assert refusals(capsys.readouterr().out) == {
        2: "sel nip kehilangan angka: Excel menyimpan NIP sebagai bilangan "
        "(1.97203141998031e+17) dan membulatkannya; format kolom nip sebagai Teks lalu ketik "
        "ulang NIP-nya"
    }
    async with app.uow() as uow:
        assert await uow.employees.by_nip("197203141998031008") is None
        assert await uow.employees.count_all() == 0


# --- the command itself ------------------------------------------------------------------


async def test_idp_bot_org_import_command(
    app: App, database_url: str, tmp_path: Path, monkeypatch, capsys
) -> None:
    monkeypatch.chdir(tmp_path)  # no stray .env
    monkeypatch.setenv("IDP_DATABASE_URL", database_url)
    monkeypatch.setenv("IDP_DEFAULT_LOCALE", "id")
    monkeypatch.delenv("IDP_TELEGRAM_TOKEN", raising=False)

    rc = await asyncio.to_thread(cli.main, ["org", "import", str(BAD_CSV)])
    assert rc == 1
    assert refusals(capsys.readouterr().out) == BAD_ROWS

    rc = await asyncio.to_thread(cli.main, ["org", "import", str(EXAMPLE_CSV)])
    captured = capsys.readouterr()
    assert rc == 0
    assert captured.out.strip() == f"Impor selesai: {len(EXPECTED)} baris dimuat, 0 baris ditolak."
    assert "contoh-organisasi.csv [" in captured.err and "100%" in captured.err

    rc = await asyncio.to_thread(cli.main, ["org", "import", str(tmp_path / "x.txt")])
    assert rc == 2

    async with app.uow() as uow:
        # the example's 16 people, plus the 3 good rows of the bad file not in the example
        assert await uow.employees.count_all() == len(EXPECTED) + 3
