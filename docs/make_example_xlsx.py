"""Build docs/contoh-organisasi.xlsx from docs/contoh-organisasi.csv.

    .venv/bin/python docs/make_example_xlsx.py [SOURCE.csv [TARGET.xlsx]]

Every cell is written as text with the "@" (Text) number format, so Excel keeps the 18
digits of a NIP instead of turning it into 1,97203E+17. The first sheet holds the data
(the importer reads only that one); a second sheet, "Petunjuk", lists the columns.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from bot.spreadsheet import xlsx_text

HERE = Path(__file__).parent
SOURCE = HERE / "contoh-organisasi.csv"
TARGET = HERE / "contoh-organisasi.xlsx"
TEXT = "@"
LAST_ROW = 5000  # drop-down lists reach this far, for operators who extend the sheet

CHOICES = {"jenis_pegawai": "PNS,PPPK", "zona_waktu": "WIB,WITA,WIT", "bahasa": "id,en"}

GUIDE = (
    ("Kolom", "Wajib", "Isi"),
    ("nip", "ya", "18 angka, disimpan sebagai teks (NIP PNS atau NI PPPK)"),
    ("nama", "ya", "nama lengkap dengan gelar"),
    ("jenis_pegawai", "ya", "PNS atau PPPK"),
    ("pangkat_golongan", "ya", "PNS: I/a … IV/e atau 'Penata Muda, III/a'; PPPK: I … XVII"),
    ("pendidikan", "tidak", "mis. S1 Psikologi"),
    ("masa_kerja", "tidak", "'5 tahun 3 bulan', '5 th 3 bl' atau '5/3'"),
    ("jabatan", "ya", "jabatan saat ini"),
    ("unit_kerja", "ya", "nama unit kerja, ditulis sama persis untuk satu unit"),
    ("nip_atasan", "tidak", "NIP atasan langsung (di berkas ini atau sudah dimuat)"),
    ("kelompok_keahlian", "tidak", "nama Kelompok Keahlian"),
    ("peran", "tidak", "pegawai, atasan, kelompok_keahlian, koordinator_kelompok_keahlian, "
     "koordinator_pembelajaran, "
     "dewan_pengarah, admin (pisahkan dengan koma)"),
    ("email", "tidak", "alamat email dinas"),
    ("zona_waktu", "tidak", "WIB (bawaan), WITA atau WIT"),
    ("bahasa", "tidak", "id (bawaan) atau en; hanya dipakai saat pegawai pertama kali dimuat"),
    ("", "", "Lihat docs/import-organisasi.md untuk aturan lengkap."),
)  # fmt: skip


def build(source: Path = SOURCE, target: Path = TARGET) -> Path:
    """Write ``target`` from ``source``; every cell is a text cell."""
    with source.open(newline="", encoding="utf-8-sig") as handle:
        rows = [row for row in csv.reader(handle) if row]
    header = rows[0]
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Pegawai"
    for row_number, values in enumerate(rows, start=1):
        for column, value in enumerate(values, start=1):
            xlsx_text(sheet.cell(row_number, column), value)  # text, never a formula
    for index, name in enumerate(header, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].number_format = TEXT  # rows typed in later, too
        for (cell,) in sheet.iter_rows(min_col=index, max_col=index, min_row=1):
            cell.number_format = TEXT
        sheet.column_dimensions[letter].width = min(
            60, max(len(str(row[index - 1])) if index <= len(row) else 0 for row in rows) + 2
        )
        if name in CHOICES:
            choice = DataValidation(type="list", formula1=f'"{CHOICES[name]}"', allow_blank=True)
            choice.add(f"{letter}2:{letter}{LAST_ROW}")
            sheet.add_data_validation(choice)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "B2"

    guide = workbook.create_sheet("Petunjuk")
    for line in GUIDE:
        guide.append(line)
    for cell in guide[1]:
        cell.font = Font(bold=True)
    for letter, width in zip("ABC", (20, 8, 90), strict=True):
        guide.column_dimensions[letter].width = width

    workbook.save(target)
    return target


if __name__ == "__main__":
    arguments = [Path(a) for a in sys.argv[1:3]]
    print(build(*arguments))
