"""Formulir 2 from verified plans on the real storage (SQLite and PostgreSQL): the group's
recap lists its members' items with the regulation's columns; the coordinator's recap counts
employees per level and unit; a programme gathers one need of several units, and its level
and organiser flow back into the items' verified versions with the change logged."""

from __future__ import annotations

import io
from collections import Counter

import pytest
from openpyxl import load_workbook

from bot.app import App
from handlers.plan.model import Stage
from handlers.recap import workbook
from handlers.recap.labels import Labels
from handlers.recap.levels import fold
from handlers.recap.model import LEVELS
from handlers.recap.workbook import write_group, write_levels
from tests import verified_plans as vp

GROUP_COLUMNS = [
    "No.",
    "Nama Pegawai",
    "Relevansi",
    "Deskripsi Singkat Tujuan/Output Pembelajaran",
    "Klasifikasi Kompetensi (Manajerial/Sosio-Kultural/Teknis)",
    "Metode (Formal/Sosial/Eksperiensial)",
    "Sumber Pembelajaran/Pelaksana",
    "Waktu Pelaksanaan",
    "Level Pelaksanaan",
    "Prioritas (Tinggi/Sedang/Rendah)",
]
LEVEL_COLUMNS = [
    "Nama Kompetensi",
    "Pengembangan",
    "Metode",
    "Sumber Pembelajaran",
    "Waktu Pelaksanaan",
    "Unit Organisasi Peserta",
    "Jumlah Pegawai Peserta",
]


def organisation() -> vp.Organisation:
    """Three units, two expertise groups, seven employees with 4 verified items each."""
    units = ("Biro Umum", "Pusat Data", "Inspektorat")
    groups = ("Pengembangan SDM", "Teknologi Informasi")
    people = [vp.Person(vp.nip(n), f"Pegawai {n:02d}", units[n % 3], groups[n % 2])
              for n in range(7)]  # fmt: skip
    return vp.Organisation(vp.staff(people))


async def seeded(app: App) -> vp.Organisation:
    org = organisation()
    async with app.engine.begin() as connection:
        await vp.write(connection, org)
    return org


def sheet_rows(data: bytes, title: str | None = None) -> list[list[object]]:
    book = load_workbook(io.BytesIO(data))
    sheet = book[title] if title else book.worksheets[0]
    return [list(r) for r in sheet.iter_rows(values_only=True)]


async def test_the_group_recap_lists_its_members_items(
    app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(workbook, "PAGE", 2)  # pages of two members: the keyset is walked
    org = await seeded(app)
    out = io.BytesIO()
    async with app.uow() as uow:
        written = await write_group(uow, "Pengembangan SDM", 2026, Labels("id", 2026), out)
    members = [p for p in org.people if p.group == "Pengembangan SDM"]
    assert written == 4 * len(members)
    rows = sheet_rows(out.getvalue())
    assert rows[1] == GROUP_COLUMNS
    body = rows[2:]
    assert [r[0] for r in body] == list(range(1, written + 1))
    assert Counter(r[1] for r in body) == {p.nama: 4 for p in members}
    assert [r[1] for r in body] == sorted(r[1] for r in body)  # by name, each member's together
    assert {r[9] for r in body} == {"Tinggi", "Sedang", "Rendah"}
    assert body[0][7] == "Triwulan I 2026 (Januari–Maret)"


async def test_the_coordinator_recap_counts_per_level_and_unit(app: App) -> None:
    org = await seeded(app)
    labels = Labels("id", 2026)
    async with app.uow() as uow:
        lines = fold(await uow.recaps.level_counts(2026), {}, labels)
    out = io.BytesIO()
    write_levels(lines, labels, out)
    expected = vp.expected_levels(org)
    for level in LEVELS:
        rows = sheet_rows(out.getvalue(), labels.level(level))
        assert rows[1] == LEVEL_COLUMNS
        per_unit: Counter[str] = Counter()
        for line in lines[level]:
            assert len(line.units) == 1 or line.employees >= len(line.units)
        for r in rows[2:]:
            units = str(r[5]).split(", ")
            if len(units) == 1:
                per_unit[units[0]] += int(str(r[6]))
        if all(len(str(r[5]).split(", ")) == 1 for r in rows[2:]):
            assert per_unit == Counter({u: n for (lv, u), n in expected.items() if lv == level})
        assert sum(int(str(r[6])) for r in rows[2:]) == sum(
            n for (lv, _), n in expected.items() if lv == level
        )


async def test_a_programme_gathers_units_and_its_level_flows_back(app: App) -> None:
    await seeded(app)
    now = app.clock.now()
    async with app.uow() as uow:
        needs = await uow.programmes.unassigned_needs(2026)
        assert {n.unit for n in needs if n.competency_key == "kerja_sama"} == {
            "Biro Umum",
            "Pusat Data",
            "Inspektorat",
        }
        made = await uow.programmes.create(2026, "Kerja Sama", ["kerja_sama"], [], None, now)
        assert made is not None and len(made.units) == 3
        changed = await uow.programmes.decide(made.id, "strategis", "Pusbang ASN", None, now)
        await uow.commit()
    assert changed == made.items
    async with app.uow() as uow:
        counts = await uow.recaps.level_counts(2026)
        programme = await uow.programmes.get(made.id)
        plan = await uow.plans.get(2)
        assert plan is not None
        content = await uow.plan_records.load(plan.id)
        events = await uow.plan_records.events(plan.id)
    assert programme is not None and programme.level == "strategis"
    lines = fold(counts, {made.id: programme}, Labels("id", 2026))
    gathered = [line for line in lines["strategis"] if line.competency == "Kerja Sama"]
    assert len(gathered) == 1 and gathered[0].units == ["Biro Umum", "Inspektorat", "Pusat Data"]
    assert gathered[0].source == "Pusbang ASN" and gathered[0].employees == 7
    assert content is not None
    verified = [
        i.versions[Stage.VERIFIED]
        for i in content.items
        if i.versions[Stage.VERIFIED].competency_key == "kerja_sama"
    ]
    assert verified and {v.execution_level for v in verified} == {"strategis"}
    assert events[-1].event == "decide_programme" and events[-1].operator == "cli"
    assert events[-1].changes == {"C.3.pelaksana": ["Biro SDM", "Pusbang ASN"]}  # was strategis
