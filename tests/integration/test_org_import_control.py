"""A control character in the organisation file (a NUL byte aborted a PostgreSQL import with a
traceback that printed names and e-mails) is a row error: its row number and column, in the
operator's language, never the value; the other rows load."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy.exc import DBAPIError

from bot import admin
from bot.app import App
from handlers.org_import import parse_row
from tests.integration.test_org_import import (
    EXAMPLE_CSV,
    FAJAR,
    SITI,
    read_csv,
    refusals,
    write_csv,
)


@pytest.mark.parametrize(
    "poison",
    ["\x00", "\x07", "\x1b[2J", "\x7f", "\x85", "baris\nbaru", "Siti\tAminah",
     "\u202e", "\u200b", "\u2066", "\ufeff"],  # a reversed name, invisible spaces
)  # fmt: skip
async def test_a_control_character_refuses_its_row_and_the_rest_load(
    app: App, tmp_path: Path, capsys: pytest.CaptureFixture[str], poison: str
) -> None:
    rows = read_csv(EXAMPLE_CSV)
    siti = next(row for row in rows if row["nip"] == SITI)
    siti["nama"] = f"Siti{poison}Aminah" if "\t" not in poison else poison
    siti["email"] = "siti.secret@example.go.id"
    path = write_csv(tmp_path / "org.csv", rows)
    assert await admin.import_file(app, path) == 1
    out = capsys.readouterr()
    number = 2 + rows.index(siti)
    assert refusals(out.out) == {
        number: "kolom nama berisi karakter kontrol (mis. NUL, baris baru atau tab di dalam "
        "sel); hapus karakter itu dari selnya"
    }
    assert "Traceback" not in out.err
    for secret in ("Siti", "siti.secret", SITI):
        assert secret not in out.out + out.err
    async with app.uow() as uow:
        assert await uow.employees.by_nip(SITI) is None
        assert await uow.employees.by_nip(FAJAR) is not None
        assert await uow.employees.count_all() == len(rows) - 1


def test_white_space_around_a_cell_is_still_trimmed_not_refused() -> None:
    row = {**read_csv(EXAMPLE_CSV)[0], "nama": "  Bambang Sutrisno\r\n", "jabatan": "\tKepala "}
    record = parse_row(row)
    assert (record.nama, record.jabatan) == ("Bambang Sutrisno", "Kepala")


async def test_a_failing_statement_never_shows_its_parameters(app: App) -> None:
    """Past validation, a value the database refuses (PostgreSQL: a NUL in text) raises an
    error without the row's values in it."""
    if app.engine.dialect.name != "postgresql":
        pytest.skip("SQLite stores a NUL; only PostgreSQL refuses it")
    record = parse_row(read_csv(EXAMPLE_CSV)[0])
    poisoned = replace(record, nama="Bambang\x00Rahasia")
    with pytest.raises(DBAPIError) as raised:
        async with app.uow() as uow:
            await uow.organisation.upsert([poisoned])
    assert "Rahasia" not in str(raised.value) and record.nip not in str(raised.value)


def test_the_reference_imports_refuse_a_control_character_too() -> None:
    from handlers.org_import import RowRejected
    from handlers.reference.imports import parse_requirement

    row = {"jabatan": "Analis\x00SDM", "kompetensi": "Integritas", "jenis": "manajerial",
           "level": "3"}  # fmt: skip
    with pytest.raises(RowRejected) as refused:
        parse_requirement(row)
    assert (refused.value.reason, refused.value.detail) == ("control_character", "jabatan")
