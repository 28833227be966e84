"""Bulk upsert of the organisation import: units, groups, employees, supervisors, roles."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import bindparam, case, delete, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite

from handlers.ports import OrgRecord
from storage.leavers import active_ids_not_in, end_membership
from storage.models import EmployeeRole, EmployeeRow, ExpertiseGroup, Unit, table
from storage.repositories import dialect_insert
from storage.session import DbSession

CHUNK = 500


def chunks(items: Sequence[Any], size: int = CHUNK) -> Iterable[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


EMPLOYEES = table(EmployeeRow)
ROLES = table(EmployeeRole)
# bahasa: the person's own choice; last_channel: what they use, not the file's
KEPT_ON_UPDATE = ("id", "nip", "bahasa", "supervisor_id", "last_channel")
SET_SUPERVISOR = (
    update(EMPLOYEES)
    .where(EMPLOYEES.c.id == bindparam("row"))
    .values(supervisor_id=bindparam("boss"))
)


def _employee_upsert(insert_for: Any) -> Any:
    """One statement for every row (executemany): insert, or update all but what is kept. A
    zone the file leaves empty keeps the person's (Slack's, say: handlers.person_channels)."""
    statement = insert_for(EMPLOYEES)
    excluded = statement.excluded
    updated = {c.name: excluded[c.name] for c in EMPLOYEES.c if c.name not in KEPT_ON_UPDATE}
    updated["zona_waktu"] = case(
        (excluded.zone_from_org, excluded.zona_waktu), else_=EMPLOYEES.c.zona_waktu
    )
    return statement.on_conflict_do_update(index_elements=["nip"], set_=updated)


UPSERT = {
    "sqlite": _employee_upsert(sqlite.insert),
    "postgresql": _employee_upsert(postgresql.insert),
}


class SqlOrganisation:
    def __init__(self, session: DbSession) -> None:
        self.session = session

    def _upsert_employees(self) -> Any:
        return UPSERT[self.session.get_bind().dialect.name]

    async def _ids_by_name(
        self, model: type[Unit] | type[ExpertiseGroup], names: set[str]
    ) -> dict[str, int]:
        """Insert the names not stored yet; return every name's id."""
        for part in chunks(sorted(names)):
            await self.session.execute(
                dialect_insert(self.session, model)
                .values([{"name": name} for name in part])
                .on_conflict_do_nothing()
            )
        ids: dict[str, int] = {}
        for part in chunks(sorted(names)):
            rows = await self.session.execute(
                select(model.name, model.id).where(model.name.in_(part))
            )
            ids.update({name: row_id for name, row_id in rows})
        return ids

    async def upsert(
        self, records: Iterable[OrgRecord], progress: Callable[[int, int], None] | None = None
    ) -> int:
        items = list(records)
        total = len(items)
        units = await self._ids_by_name(Unit, {r.unit_kerja for r in items})
        groups = await self._ids_by_name(
            ExpertiseGroup, {r.kelompok_keahlian for r in items if r.kelompok_keahlian}
        )
        now = datetime.now(UTC)
        done = 0
        for part in chunks(items):
            values = [
                {
                    "nip": r.nip,
                    "nama": r.nama,
                    "jenis_pegawai": r.jenis_pegawai,
                    "pangkat_golongan": r.pangkat_golongan,
                    "pendidikan": r.pendidikan,
                    "masa_kerja": r.masa_kerja,
                    "jabatan": r.jabatan,
                    "unit_id": units[r.unit_kerja],
                    "expertise_group_id": groups.get(r.kelompok_keahlian or ""),
                    "email": r.email,
                    "zona_waktu": r.zona_waktu,
                    "zone_from_org": r.zona_waktu_given,
                    "bahasa": r.bahasa,
                    "updated_at": now,
                    "left_at": None,  # a leaver back in the file is active again
                }
                for r in part
            ]
            await self.session.execute(self._upsert_employees(), values)
            done += len(part)
            if progress:
                progress(done, 2 * total)
        await self._link(items, progress, total)
        return total

    async def _link(
        self, items: list[OrgRecord], progress: Callable[[int, int], None] | None, total: int
    ) -> None:
        """Set supervisor links and roles once every employee of the file exists."""
        ids: dict[str, int] = {}
        wanted = {r.nip for r in items} | {r.nip_atasan for r in items if r.nip_atasan}
        for part in chunks(sorted(wanted)):
            rows = await self.session.execute(
                select(EmployeeRow.nip, EmployeeRow.id).where(EmployeeRow.nip.in_(part))
            )
            ids.update({nip: row_id for nip, row_id in rows})
        done = 0
        for part in chunks(items):
            await self.session.execute(
                SET_SUPERVISOR,
                [{"row": ids[r.nip], "boss": ids.get(r.nip_atasan or "")} for r in part],
            )
            part_ids = [ids[r.nip] for r in part]
            await self.session.execute(
                delete(EmployeeRole).where(EmployeeRole.employee_id.in_(part_ids))
            )
            roles = [{"employee_id": ids[r.nip], "role": role} for r in part for role in r.peran]
            await self.session.execute(insert(ROLES), roles)
            done += len(part)
            if progress:
                progress(total + done, 2 * total)

    async def deactivate_missing(self, present: set[str], at: datetime) -> int:
        """Make leavers of the active people whose NIP is not in ``present``; how many."""
        leaving = await active_ids_not_in(self.session, present)
        for part in chunks(leaving):
            await end_membership(self.session, part, at)
        return len(leaving)
