"""An organisation whose plans were agreed and verified, written straight into the tables
(the verification's data contract): for the recap and document tests, and in bulk for the
benchmark (bench/verify_recap.py), through the same rows.

Each employee has ``items`` items, each with a proposed, an agreed and a verified version
of submission 1 and an ``item_verifications`` row (priority, note, who, when). Competencies,
methods, levels and months cycle through short lists so that counts per unit and level are
known in advance (:func:`expected_levels`).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import bindparam, text
from sqlalchemy.ext.asyncio import AsyncConnection

from storage.agreement_models import PlanItemDecisionRow
from storage.models import (
    EmployeeRole,
    EmployeeRow,
    ExpertiseGroup,
    PlanItemRow,
    PlanRow,
    Unit,
    table,
)
from storage.plan_models import PlanBasisRow, PlanItemVersionRow, PlanProfileRow
from storage.verify_models import ItemVerificationRow

AT = datetime(2026, 11, 20, 3, 0, tzinfo=UTC)
YEAR = 2026
# (competency key, classification, description): two national competencies, one technical
COMPETENCIES = (
    ("kerja_sama", "manajerial", "Kerja Sama"),
    ("komunikasi", "manajerial", "Komunikasi"),
    (None, "teknis", "Analisis Kebijakan Publik"),
)
METHODS = (("formal", "pelatihan", "Pusbang ASN"), ("sosial", "coaching", "Atasan langsung"))
LEVELS = ("teknis", "operasional", "strategis")
PRIORITIES = ("tinggi", "sedang", "rendah")


@dataclass(frozen=True)
class Person:
    nip: str
    nama: str
    unit: str
    group: str | None = None
    roles: tuple[str, ...] = ("pegawai",)
    supervisor: str | None = None  # a NIP
    items: int = 4


@dataclass
class Organisation:
    """Who is in it, and the rows to write."""

    people: list[Person]
    year: int = YEAR
    rows: dict[str, list[dict[str, Any]]] = field(default_factory=dict)


def nip(n: int) -> str:
    """A well-formed PNS NIP, the ``n``-th of the organisation (unique below 240,000)."""
    tmt = f"{2000 + (n // 1000) % 20}{1 + (n // 20000) % 12:02d}"
    return f"198501{1 + (n // 240000) % 28:02d}{tmt}1{n % 1000:03d}"


def version(n: int, item: int) -> dict[str, Any]:
    """The agreed (and, unless changed, verified) columns of item ``item`` of employee ``n``."""
    key, classification, description = COMPETENCIES[(n + item) % len(COMPETENCIES)]
    method_class, method_form, source = METHODS[item % len(METHODS)]
    quarter = 1 + item % 4
    return {
        "relevansi": json.dumps(["3.1", "4.2"]), "tujuan": f"Tujuan {item + 1}",
        "output": f"Output {item + 1}", "kompetensi_klasifikasi": classification,
        "kompetensi_sumber": "gap" if key else "typed", "kompetensi_key": key,
        "kompetensi_deskripsi": description, "sasaran": "pengetahuan",
        "metode_klasifikasi": method_class, "metode_bentuk": method_form, "sumber": source,
        "bulan_mulai": quarter * 3 - 2, "bulan_selesai": quarter * 3, "triwulan": quarter,
        "level": LEVELS[item % len(LEVELS)], "pelaksana": "Biro SDM", "jp": 8,
    }  # fmt: skip


def organisation_rows(org: Organisation, first_id: int = 1) -> dict[str, list[dict[str, Any]]]:
    """Units, groups, employees and roles (ids from ``first_id``)."""
    units = sorted({p.unit for p in org.people})
    groups = sorted({p.group for p in org.people if p.group})
    unit_id = {u: first_id + i for i, u in enumerate(units)}
    group_id = {g: first_id + i for i, g in enumerate(groups)}
    by_nip = {p.nip: first_id + i for i, p in enumerate(org.people)}
    employees = [{"id": by_nip[p.nip], "nip": p.nip, "nama": p.nama, "jenis_pegawai": "PNS",
                  "pangkat_golongan": "III/a", "pendidikan": "S1", "masa_kerja": "5 tahun",
                  "jabatan": "Analis", "unit_id": unit_id[p.unit],
                  "supervisor_id": None,
                  "expertise_group_id": group_id.get(p.group or ""), "email": None,
                  "zona_waktu": "WIB", "bahasa": "id", "updated_at": AT, "left_at": None}
                 for p in org.people]  # fmt: skip
    return {
        "units": [{"id": i, "name": u} for u, i in unit_id.items()],
        "expertise_groups": [{"id": i, "name": g} for g, i in group_id.items()],
        "employees": employees,
        "employee_roles": [
            {"employee_id": by_nip[p.nip], "role": r} for p in org.people for r in p.roles
        ],
        # linked once everyone is in (a supervisor may come later in the list)
        "supervisor_links": [
            {"who": by_nip[p.nip], "boss": by_nip[p.supervisor]}
            for p in org.people
            if p.supervisor in by_nip
        ],
    }


def plan_rows(org: Organisation, first_id: int = 1) -> Iterator[dict[str, list[dict[str, Any]]]]:
    """Each employee's verified plan, a batch of rows per employee."""
    item_id = first_id
    for n, person in enumerate(org.people):
        if not person.items:
            continue
        plan_id, employee_id = first_id + n, first_id + n
        rows: dict[str, list[dict[str, Any]]] = {
            "plans": [{"id": plan_id, "employee_id": employee_id, "year": org.year,
                       "status": "verified", "created_at": AT, "updated_at": AT,
                       "submitted_at": AT}],
            "plan_profiles": [{"plan_id": plan_id, "submission": 1, "nama": person.nama,
                               "nip": person.nip, "jenis_pegawai": "PNS",
                               "pangkat_golongan": "III/a", "pendidikan": "S1",
                               "masa_kerja": "5 tahun", "jabatan": "Analis",
                               "unit_kerja": person.unit, "submitted_at": AT}],
            "plan_bases": [{"plan_id": plan_id, "submission": 1, "basis": b,
                            "available": False} for b in range(1, 6)],
            "plan_items": [], "plan_item_versions": [], "plan_item_decisions": [],
            "item_verifications": [],
        }  # fmt: skip
        for item in range(person.items):
            agreed = version(n, item)
            rows["plan_items"].append({"id": item_id, "plan_id": plan_id, "position": item + 1})
            for stage in ("proposed", "agreed", "verified"):
                rows["plan_item_versions"].append({"item_id": item_id, "stage": stage,
                                                   "submission": 1, "created_at": AT,
                                                   **agreed})  # fmt: skip
            rows["plan_item_decisions"].append({"plan_id": plan_id, "item_id": item_id,
                                                "submission": 1, "decision": "agreed",
                                                "reason": None, "decided_at": AT,
                                                "employee_id": None})  # fmt: skip
            rows["item_verifications"].append({"item_id": item_id, "submission": 1,
                                               "plan_id": plan_id,
                                               "priority": PRIORITIES[item % 3],
                                               "note": None, "employee_id": None,
                                               "verified_at": AT})  # fmt: skip
            item_id += 1
        yield rows


ORDER = ("units", "expertise_groups", "employees", "employee_roles", "plans", "plan_profiles",
         "plan_bases", "plan_items", "plan_item_versions", "plan_item_decisions",
         "item_verifications")  # fmt: skip
MODELS = {m.__tablename__: m for m in (Unit, ExpertiseGroup, EmployeeRow, EmployeeRole, PlanRow,
          PlanProfileRow, PlanBasisRow, PlanItemRow, PlanItemVersionRow, PlanItemDecisionRow,
          ItemVerificationRow)}  # fmt: skip
SEQUENCED = ("units", "expertise_groups", "employees", "plans", "plan_items",
             "plan_item_versions", "plan_item_decisions")  # fmt: skip


async def insert(connection: AsyncConnection, rows: dict[str, list[dict[str, Any]]]) -> None:
    """Write ``rows`` table by table (executemany), in the order their keys need."""
    employees = table(EmployeeRow)
    for name in ORDER:
        if rows.get(name):
            await connection.execute(table(MODELS[name]).insert(), rows[name])
        if name == "employees" and rows.get("supervisor_links"):
            link = (employees.update().where(employees.c.id == bindparam("who"))
                    .values(supervisor_id=bindparam("boss")))  # fmt: skip
            await connection.execute(link, rows["supervisor_links"])


async def resync_sequences(connection: AsyncConnection) -> None:
    """After rows written with their ids on PostgreSQL, the next id of each table follows."""
    if connection.dialect.name != "postgresql":
        return
    for name in SEQUENCED:
        await connection.execute(text(
            f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
            f"coalesce((SELECT max(id) FROM {name}), 1))"))  # fmt: skip


def merged(batches: Iterator[dict[str, list[dict[str, Any]]]]) -> dict[str, list[dict[str, Any]]]:
    found: dict[str, list[dict[str, Any]]] = {}
    for batch in batches:
        for name, rows in batch.items():
            found.setdefault(name, []).extend(rows)
    return found


async def write(connection: AsyncConnection, org: Organisation) -> None:
    """The whole organisation and its verified plans, in one transaction's connection."""
    await insert(connection, organisation_rows(org))
    await insert(connection, merged(plan_rows(org)))
    await resync_sequences(connection)


def expected_levels(org: Organisation) -> Counter[tuple[str, str]]:
    """(level, unit) → how many items are verified at that level in that unit."""
    found: Counter[tuple[str, str]] = Counter()
    for n, person in enumerate(org.people):
        for item in range(person.items):
            found[(version(n, item)["level"], person.unit)] += 1
    return found


def staff(people: Sequence[Person]) -> list[Person]:
    """``people`` with a learning coordinator who has no plan."""
    coordinator = Person("197002151995031001", "Hendra Wijaya", "Biro SDM", None,
                         ("pegawai", "koordinator_pembelajaran"), items=0)  # fmt: skip
    return [coordinator, *people]
