"""Formulir 1 as a DOCX on the real storage (SQLite and PostgreSQL): its cells hold what was
agreed (C) and verified (D); who may have whose document."""

from __future__ import annotations

import io

import pytest
from docx import Document

from bot.app import App
from handlers.access import Operator
from handlers.documents.download import DocumentRefused, formulir1_file, owner_of
from tests import verified_plans as vp

SUPERVISOR = vp.Person(vp.nip(900), "Sri Wahyuni", "Biro Umum", "Pengembangan SDM",
                       ("pegawai", "atasan"), items=0)  # fmt: skip


def organisation() -> vp.Organisation:
    people = [
        vp.Person(vp.nip(1), "=HYPERLINK(\"http://x\")", "Biro Umum", "Pengembangan SDM",
                  supervisor=SUPERVISOR.nip),
        vp.Person(vp.nip(2), "Dewi Lestari", "Pusat Data", "Teknologi Informasi"),
        SUPERVISOR,
    ]  # fmt: skip
    return vp.Organisation(vp.staff(people))


async def seeded(app: App) -> vp.Organisation:
    org = organisation()
    async with app.engine.begin() as connection:
        await vp.write(connection, org)
    return org


def tables(data: bytes) -> list[list[list[str]]]:
    document = Document(io.BytesIO(data))
    return [[[c.text for c in row.cells] for row in t.rows] for t in document.tables]


async def test_the_cells_hold_what_was_agreed_and_verified(app: App) -> None:
    org = await seeded(app)
    employee = org.people[1]
    async with app.uow() as uow:
        made = await uow.programmes.create(2026, "Kerja Sama", ["kerja_sama"], [], None,
                                           app.clock.now())  # fmt: skip
        assert made is not None
        await uow.programmes.decide(made.id, "strategis", "Pusbang <ASN> & Mitra", None,
                                    app.clock.now())  # fmt: skip
        await uow.commit()
    async with app.uow() as uow:
        owner = await uow.employees.by_nip(employee.nip)
        assert owner is not None
        found = await formulir1_file(uow, owner, 2026, "id")
    assert found.sections == ("C", "D")
    a, b, c, d = tables(found.data)
    assert ["NIP", ":", employee.nip] in a
    assert a[0] == ["Nama", ":", employee.nama]  # a formula-looking name is just text
    assert [row[3] for row in b[1:]] == ["1.1", "1.2", "2.1", "2.2", "2.3", "3.1", "3.2", "4.1",
                                         "4.2", "5.1", "5.2", "5.3"]  # fmt: skip
    assert c[0][4] == "Usulan Metode" and d[0][4] == "Metode"
    assert len(c) == len(d) == 1 + employee.items
    # item 3 of employee 1 is kerja_sama (vp.version): agreed with Biro SDM as organiser, the
    # coordinator's programme decided another
    agreed, verified = c[3], d[3]
    assert agreed[1] == "3.1, 4.2"
    assert agreed[2] == "Tujuan: Tujuan 3\nOutput: Output 3"
    assert "Deskripsi: Kerja Sama" in agreed[3]
    assert agreed[6] == "Level Pelaksana: Strategis\nPelaksana: Biro SDM"
    assert verified[6] == ("Level Pelaksana: Strategis\nPelaksana: Pusbang <ASN> & Mitra\n"
                           "Prioritas: Rendah")  # fmt: skip
    assert verified[5] == "Triwulan III 2026 (Juli–September)"
    assert "Bentuk: Pelatihan" in verified[4] and "Sumber Pembelajaran: Pusbang ASN" in verified[4]


async def test_who_may_have_whose_document(app: App) -> None:
    org = await seeded(app)
    coordinator, own, other, supervisor = org.people
    async with app.uow() as uow:
        reader = await uow.employees.by_nip(other.nip)
        boss = await uow.employees.by_nip(supervisor.nip)
        clo = await uow.employees.by_nip(coordinator.nip)
        assert reader is not None and boss is not None and clo is not None
        with pytest.raises(DocumentRefused, match="role"):
            await owner_of(uow, reader, own.nip)  # a colleague's: refused
        with pytest.raises(DocumentRefused, match="role"):
            await owner_of(uow, boss, other.nip)  # not in the supervisor's team
        assert (await owner_of(uow, boss, own.nip)).nip == own.nip
        assert (await owner_of(uow, clo, other.nip)).nip == other.nip
        assert (await owner_of(uow, Operator(), other.nip)).nip == other.nip
        assert (await owner_of(uow, reader, None)).nip == other.nip
        with pytest.raises(DocumentRefused, match="unknown"):
            await owner_of(uow, clo, "199912312020121999")
        with pytest.raises(DocumentRefused, match="no_plan"):
            await formulir1_file(uow, clo, 2026, "id")
