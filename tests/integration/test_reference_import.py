"""Reference data end to end: ``idp-bot priorities import`` and ``idp-bot competencies
import`` (docs/import-prioritas-dan-kompetensi.md) → database → what the form reads.

The agency is docs/contoh-organisasi.csv; everything goes through ``bot.reference_admin`` (what
the commands run) or ``bot.cli.main`` and is read back through the unit of work.
"""

from __future__ import annotations

import asyncio
import csv
from pathlib import Path

import pytest
from openpyxl import Workbook

from bot import admin, cli, reference_admin
from bot.app import App
from handlers.ports import JobRequirement, Priority
from handlers.reference.self_assessment import competencies_for

DOCS = Path(__file__).resolve().parents[2] / "docs"
ORG_CSV = DOCS / "contoh-organisasi.csv"
PRIORITIES_CSV = DOCS / "contoh-prioritas.csv"
COMPETENCIES_CSV = DOCS / "contoh-kompetensi.csv"
PUSAT = "Pusat Pengembangan Kompetensi ASN"
JAYAPURA = "Balai Pelatihan Jayapura"
SITI = "199102032015032004"  # Analis SDM Aparatur Ahli Pertama, Pusat
PRIORITY_HEADER = ["tahun", "unit_kerja", "kompetensi", "keterangan"]
COMPETENCY_HEADER = ["jabatan", "kompetensi", "jenis", "level"]


@pytest.fixture
async def agency(app: App, capsys: pytest.CaptureFixture[str]) -> App:
    """The app with the example organisation loaded (its units exist)."""
    assert await admin.import_file(app, ORG_CSV) == 0
    capsys.readouterr()
    return app


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def lines(out: str) -> list[str]:
    return [line for line in out.strip().splitlines() if line]


async def stored_priorities(app: App, year: int, unit: str | None) -> list[Priority]:
    async with app.uow() as uow:
        return await uow.reference.priorities(year, unit)


async def stored_requirements(app: App, jabatan: str) -> list[JobRequirement]:
    async with app.uow() as uow:
        return await uow.reference.requirements(jabatan)


# --- priorities ----------------------------------------------------------------------------


async def test_the_example_priorities_load_and_each_unit_sees_the_agencys_and_its_own(
    agency: App, capsys: pytest.CaptureFixture[str]
) -> None:
    assert await reference_admin.import_priorities(agency, PRIORITIES_CSV) == 0
    assert lines(capsys.readouterr().out) == ["Impor selesai: 8 baris dimuat, 0 baris ditolak."]

    pusat = await stored_priorities(agency, 2026, PUSAT)
    assert [(p.unit_kerja, p.kompetensi, p.competency_key) for p in pusat] == [
        (None, "Pelayanan Publik", "pelayanan_publik"),
        (None, "Mengelola Perubahan", "mengelola_perubahan"),
        (None, "Analisis Data Pembelajaran", None),
        (PUSAT, "Perancangan Kurikulum Pelatihan Berbasis Kompetensi", None),
        (PUSAT, "Kerja Sama", "kerja_sama"),
    ]
    assert (
        pusat[1].keterangan == "Transformasi digital layanan pelatihan (HCDP 2025–2029, sasaran 2)"
    )
    jayapura = await stored_priorities(agency, 2026, JAYAPURA)
    assert [p.competency_key for p in jayapura if p.unit_kerja] == ["perekat_bangsa", None]
    assert len(await stored_priorities(agency, 2026, None)) == 3
    assert await stored_priorities(agency, 2027, PUSAT) == []


async def test_reimporting_priorities_updates_in_place_and_adds_new_rows(
    agency: App, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert await reference_admin.import_priorities(agency, PRIORITIES_CSV) == 0
    changed = write_csv(tmp_path / "ubah.csv", PRIORITY_HEADER, [
        ["2026", "", "pelayanan  publik", "Diperbarui"],
        ["2026", "pusat pengembangan kompetensi asn", "Komunikasi", ""],
    ])  # fmt: skip
    assert await reference_admin.import_priorities(agency, changed) == 0
    pusat = await stored_priorities(agency, 2026, PUSAT)
    assert len(pusat) == 6
    assert (pusat[0].kompetensi, pusat[0].keterangan) == ("pelayanan publik", "Diperbarui")
    assert (pusat[-1].unit_kerja, pusat[-1].competency_key) == (PUSAT, "komunikasi")


async def test_bad_priority_rows_are_reported_and_the_good_ones_load(
    agency: App, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_csv(tmp_path / "prioritas.csv", PRIORITY_HEADER, [
        ["2026", "", "Integritas", "baik"],
        ["", "", "Komunikasi", ""],
        ["2026", "Biro Entah", "Komunikasi", ""],
        ["tahun depan", "", "Komunikasi", ""],
        ["2026", "", "INTEGRITAS", "sama dengan baris 2"],
        ["2026", JAYAPURA, "Integritas", "unit lain: bukan duplikat"],
        ["2026", "", "R&D <Data>", ""],
    ])  # fmt: skip
    assert await reference_admin.import_priorities(agency, path) == 1
    assert lines(capsys.readouterr().out) == [
        "Baris 3: kolom tahun wajib diisi",
        'Baris 4: unit_kerja "Biro Entah" tidak dikenal; kosongkan untuk seluruh instansi atau '
        "tulis nama unit seperti pada impor organisasi",
        'Baris 5: tahun harus berupa tahun empat angka, mis. 2026 (tertulis "tahun depan")',
        "Baris 6: sama dengan baris 2",
        "Impor selesai: 3 baris dimuat, 4 baris ditolak.",
    ]
    jayapura = await stored_priorities(agency, 2026, JAYAPURA)
    assert [p.kompetensi for p in jayapura] == ["Integritas", "R&D <Data>", "Integritas"]


async def test_priorities_from_an_excel_file(
    agency: App, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Tahun", "Unit Kerja", "Kompetensi", "Keterangan"])
    sheet.append([2026, None, "Perekat Bangsa", None])
    sheet.append([2026.0, JAYAPURA, "Bahasa Daerah Papua", "Untuk layanan lapangan"])
    book.save(tmp_path / "prioritas.xlsx")
    assert await reference_admin.import_priorities(agency, tmp_path / "prioritas.xlsx") == 0
    found = await stored_priorities(agency, 2026, JAYAPURA)
    assert [(p.unit_kerja, p.kompetensi, p.keterangan) for p in found] == [
        (None, "Perekat Bangsa", ""),
        (JAYAPURA, "Bahasa Daerah Papua", "Untuk layanan lapangan"),
    ]


async def test_replace_drops_the_files_years_and_keeps_other_years(
    agency: App, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert await reference_admin.import_priorities(agency, PRIORITIES_CSV) == 0
    last_year = write_csv(tmp_path / "2025.csv", PRIORITY_HEADER, [["2025", "", "Integritas", ""]])
    assert await reference_admin.import_priorities(agency, last_year) == 0
    new = write_csv(tmp_path / "baru.csv", PRIORITY_HEADER, [["2026", "", "Komunikasi", ""]])
    assert await reference_admin.import_priorities(agency, new, replace=True) == 0
    assert [p.kompetensi for p in await stored_priorities(agency, 2026, PUSAT)] == ["Komunikasi"]
    assert [p.kompetensi for p in await stored_priorities(agency, 2025, PUSAT)] == ["Integritas"]


async def test_replace_with_a_refused_row_changes_nothing(
    agency: App, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert await reference_admin.import_priorities(agency, PRIORITIES_CSV) == 0
    capsys.readouterr()
    path = write_csv(tmp_path / "salah.csv", PRIORITY_HEADER, [
        ["2026", "", "Komunikasi", ""],
        ["2026", "Biro Entah", "Integritas", ""],
    ])  # fmt: skip
    assert await reference_admin.import_priorities(agency, path, replace=True) == 1
    out = lines(capsys.readouterr().out)
    assert out[-2:] == [
        "Impor selesai: 0 baris dimuat, 1 baris ditolak.",
        "Tidak ada yang diubah: dengan --replace, berkas harus tanpa baris yang ditolak. "
        "Perbaiki baris di atas lalu impor lagi.",
    ]
    assert len(await stored_priorities(agency, 2026, PUSAT)) == 5


# --- competencies --------------------------------------------------------------------------


async def test_the_example_competencies_feed_sitis_self_assessment(
    agency: App, capsys: pytest.CaptureFixture[str]
) -> None:
    assert await reference_admin.import_competencies(agency, COMPETENCIES_CSV) == 0
    assert lines(capsys.readouterr().out) == ["Impor selesai: 12 baris dimuat, 0 baris ditolak."]
    async with agency.uow() as uow:
        siti = await uow.employees.by_nip(SITI)
        assert siti is not None
        listed = await competencies_for(uow, siti)
    levels = {item.key: item.level for item in listed}
    assert levels == {
        "integritas": 2, "kerja_sama": 2, "komunikasi": 3, "orientasi_hasil": 2,
        "pelayanan_publik": 2, "pengembangan_diri": 2, "mengelola_perubahan": 2,
        "pengambilan_keputusan": 2, "perekat_bangsa": 2,
        "analisis_jabatan": 2, "pengembangan_kompetensi_pegawai": 3,
        "perencanaan_kebutuhan_pegawai": 2,
    }  # fmt: skip
    assert [item.technical_name for item in listed[9:]] == [
        "Analisis Jabatan", "Pengembangan Kompetensi Pegawai", "Perencanaan Kebutuhan Pegawai",
    ]  # fmt: skip


async def test_requirements_are_found_whatever_the_case_and_spacing_of_the_jabatan(
    agency: App, capsys: pytest.CaptureFixture[str]
) -> None:
    assert await reference_admin.import_competencies(agency, COMPETENCIES_CSV) == 0
    found = await stored_requirements(agency, "  widyaiswara AHLI muda ")
    assert [(r.jenis, r.kompetensi, r.level) for r in found] == [
        ("teknis", "Desain Pembelajaran", 3),
        ("teknis", "Fasilitasi Pembelajaran", 3),
        ("manajerial", "komunikasi", 4),
        ("manajerial", "pengembangan_diri", 4),
    ]
    assert await stored_requirements(agency, "Analis Kebijakan Ahli Muda") == []


async def test_reimport_updates_a_level_and_replace_forgets_what_the_file_omits(
    agency: App, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert await reference_admin.import_competencies(agency, COMPETENCIES_CSV) == 0
    update = write_csv(tmp_path / "ubah.csv", COMPETENCY_HEADER, [
        ["Widyaiswara Ahli Muda", "komunikasi", "Manajerial", "5"],
    ])  # fmt: skip
    assert await reference_admin.import_competencies(agency, update) == 0
    levels = {
        r.kompetensi: r.level for r in await stored_requirements(agency, "Widyaiswara Ahli Muda")
    }
    assert levels["komunikasi"] == 5 and len(levels) == 4

    assert await reference_admin.import_competencies(agency, update, replace=True) == 0
    only = await stored_requirements(agency, "Widyaiswara Ahli Muda")
    assert [(r.kompetensi, r.level) for r in only] == [("komunikasi", 5)]
    assert len(await stored_requirements(agency, "Pranata Komputer Ahli Pertama")) == 2


async def test_bad_competency_rows_are_reported_and_the_good_ones_load(
    agency: App, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_csv(tmp_path / "kompetensi.csv", COMPETENCY_HEADER, [
        ["Analis Kebijakan Ahli Muda", "Analisis Kebijakan", "teknis", "3"],
        ["Analis Kebijakan Ahli Muda", "Kepemimpinan", "manajerial", "3"],
        ["Analis Kebijakan Ahli Muda", "Perekat Bangsa", "manajerial", "3"],
        ["Analis Kebijakan Ahli Muda", "Integritas", "teknis", "3"],
        ["Analis Kebijakan Ahli Muda", "Komunikasi", "manajerial", "7"],
        ["Analis Kebijakan Ahli Muda", "Komunikasi", "umum", "3"],
        ["", "Komunikasi", "manajerial", "3"],
        ["analis kebijakan ahli muda", "analisis kebijakan", "teknis", "2"],
    ])  # fmt: skip
    assert await reference_admin.import_competencies(agency, path) == 1
    assert lines(capsys.readouterr().out) == [
        'Baris 3: "Kepemimpinan" bukan kompetensi manajerial atau sosio-kultural PermenPANRB '
        "38/2017; kompetensi lain ditulis dengan jenis teknis",
        "Baris 4: kompetensi ini berjenis sosio_kultural; perbaiki kolom jenis",
        "Baris 5: kompetensi ini berjenis manajerial; perbaiki kolom jenis",
        'Baris 6: level harus angka 1 sampai 5 (tertulis "7")',
        'Baris 7: jenis harus manajerial, sosio_kultural atau teknis (tertulis "umum")',
        "Baris 8: kolom jabatan wajib diisi",
        "Baris 9: sama dengan baris 2",
        "Impor selesai: 1 baris dimuat, 7 baris ditolak.",
    ]
    found = await stored_requirements(agency, "Analis Kebijakan Ahli Muda")
    assert found == [
        JobRequirement("Analis Kebijakan Ahli Muda", "teknis", "Analisis Kebijakan", 3)
    ]


# --- files that cannot be read ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("prioritas.txt", "tahun,unit_kerja,kompetensi\n", "bukan berkas .csv atau .xlsx"),
        ("kosong.csv", "", "tidak memuat kolom tahun, unit_kerja, kompetensi."),
        (
            "tanpa-unit.csv",
            "tahun,kompetensi\n2026,Integritas\n",
            "tidak memuat kolom unit_kerja.",
        ),
        ("catatan.csv", "ini bukan tabel\nhanya catatan\n", ""),
        ("rusak.xlsx", "bukan berkas Excel", ""),
    ],
)
async def test_an_unreadable_priorities_file_exits_2_and_loads_nothing(
    agency: App, tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, content: str,
    problem: str,
) -> None:  # fmt: skip
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    assert await reference_admin.import_priorities(agency, path) == 2
    out = capsys.readouterr().out.strip()
    assert out.startswith("Berkas tidak bisa dibaca: ") and problem in out
    assert await stored_priorities(agency, 2026, None) == []


async def test_a_competencies_file_needs_all_four_columns(
    agency: App, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_csv(tmp_path / "k.csv", ["jabatan", "kompetensi", "level"], [["A", "B", "1"]])
    assert await reference_admin.import_competencies(agency, path) == 2
    assert "tidak memuat kolom jenis." in capsys.readouterr().out
    assert await reference_admin.import_competencies(agency, tmp_path / "tidak-ada.csv") == 2


# --- the commands themselves ---------------------------------------------------------------


async def test_idp_bot_priorities_and_competencies_import_commands(
    agency: App, database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    monkeypatch.chdir(tmp_path)  # no stray .env
    monkeypatch.setenv("IDP_DATABASE_URL", database_url)
    monkeypatch.setenv("IDP_DEFAULT_LOCALE", "en")
    monkeypatch.delenv("IDP_TELEGRAM_TOKEN", raising=False)

    rc = await asyncio.to_thread(cli.main, ["priorities", "import", str(PRIORITIES_CSV)])
    assert rc == 0
    assert lines(capsys.readouterr().out) == ["Import finished: 8 rows loaded, 0 rows refused."]

    rc = await asyncio.to_thread(cli.main, ["competencies", "import", str(COMPETENCIES_CSV)])
    assert rc == 0
    assert lines(capsys.readouterr().out) == ["Import finished: 12 rows loaded, 0 rows refused."]

    bad = write_csv(tmp_path / "bad.csv", COMPETENCY_HEADER, [["X", "Integritas", "teknis", "1"]])
    rc = await asyncio.to_thread(cli.main, ["competencies", "import", "--replace", str(bad)])
    assert rc == 1
    assert lines(capsys.readouterr().out) == [
        "Row 2: this competency is manajerial; correct the jenis column",
        "Import finished: 0 rows loaded, 1 rows refused.",
        "Nothing was changed: with --replace, the file must have no refused rows. "
        "Correct the rows above and import again.",
    ]
    assert len(await stored_priorities(agency, 2026, PUSAT)) == 5
    assert len(await stored_requirements(agency, "Widyaiswara Ahli Muda")) == 4
