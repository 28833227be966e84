"""The coordinator's programmes as stored, and the level and organiser they decide flowing
back into each member item's verified version (replaced with its verification row in this
transaction, the change logged in ``plan_events`` per plan)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, insert, or_, select, update

from handlers.plan.lifecycle import Event
from handlers.plan.model import Stage
from handlers.recap.model import NeedCount, Programme
from storage.models import EmployeeRow, PlanItemRow, PlanRow, Unit, table
from storage.plan_models import PlanEventRow
from storage.plan_models import PlanItemVersionRow as V
from storage.programme_models import ProgrammeItemRow as PI
from storage.programme_models import ProgrammeRow
from storage.recaps import verified
from storage.session import DbSession
from storage.verify_models import ItemVerificationRow as IV

OPERATOR = "cli"  # the audit log's "who" for a decision taken at the command line


class SqlProgrammes:
    def __init__(self, session: DbSession) -> None:
        self.session = session

    async def unassigned_needs(self, year: int) -> list[NeedCount]:
        need = (V.kompetensi_key, func.lower(V.kompetensi_deskripsi))
        query = (
            verified(*need, func.min(V.kompetensi_deskripsi), Unit.name, func.count())
            .outerjoin(PI, PI.item_id == IV.item_id)
            .where(PlanRow.year == year, PI.item_id.is_(None))
            .group_by(*need, Unit.name)
        )
        rows = await self.session.execute(query)
        return [NeedCount(key, description, unit, items)
                for key, _, description, unit, items in rows]  # fmt: skip

    async def create(
        self, year: int, name: str, keys: Sequence[str], descriptions: Sequence[str],
        by: int | None, at: datetime,
    ) -> Programme | None:  # fmt: skip
        row = ProgrammeRow(year=year, name=name, level="", organiser="", method_form="",
                           decided_by=by, updated_at=at)  # fmt: skip
        self.session.add(row)
        await self.session.flush()
        members = (
            verified(IV.item_id, row.id)
            .outerjoin(PI, PI.item_id == IV.item_id)
            .where(PlanRow.year == year, PI.item_id.is_(None),
                   or_(V.kompetensi_key.in_(keys),
                       func.lower(V.kompetensi_deskripsi).in_(descriptions)))
        )  # fmt: skip
        added = await self.session.execute(
            insert(PI).from_select(["item_id", "programme_id"], members)
        )
        if not added.rowcount:
            await self.session.execute(delete(ProgrammeRow).where(ProgrammeRow.id == row.id))
            return None
        row.level, row.organiser, row.method_form = [
            await self._most_common(row.id, column)
            for column in (V.level, V.pelaksana, V.metode_bentuk)
        ]
        await self.session.flush()
        return await self.get(row.id)

    async def _most_common(self, programme_id: int, column: Any) -> str:
        """What most of the programme's items say in ``column``: the proposal's default."""
        query = (
            select(column, func.count().label("n"))
            .select_from(PI)
            .join(IV, IV.item_id == PI.item_id)
            .join(V, (V.item_id == IV.item_id) & (V.submission == IV.submission)
                  & (V.stage == Stage.VERIFIED.value))
            .where(PI.programme_id == programme_id)
            .group_by(column)
            .order_by(func.count().desc(), column)
            .limit(1)
        )  # fmt: skip
        return str(await self.session.scalar(query) or "")

    async def all(self, year: int) -> list[Programme]:
        rows = await self.session.scalars(
            select(ProgrammeRow).where(ProgrammeRow.year == year).order_by(ProgrammeRow.id)
        )
        return [await self._shown(row) for row in rows]

    async def get(self, programme_id: int) -> Programme | None:
        row = await self.session.get(ProgrammeRow, programme_id)
        return None if row is None else await self._shown(row)

    async def _shown(self, row: ProgrammeRow) -> Programme:
        query = (
            select(Unit.name, func.count())
            .select_from(PI)
            .join(PlanItemRow, PlanItemRow.id == PI.item_id)
            .join(PlanRow, PlanRow.id == PlanItemRow.plan_id)
            .join(EmployeeRow, EmployeeRow.id == PlanRow.employee_id)
            .join(Unit, Unit.id == EmployeeRow.unit_id)
            .where(PI.programme_id == row.id)
            .group_by(Unit.name)
            .order_by(Unit.name)
        )
        units = list(await self.session.execute(query))
        return Programme(row.id, row.year, row.name, row.level, row.organiser, row.method_form,
                         sum(n for _, n in units), tuple(u for u, _ in units))  # fmt: skip

    async def merge(self, into: int, other: int, at: datetime) -> None:
        await self.session.execute(
            update(PI).where(PI.programme_id == other).values(programme_id=into)
        )
        await self.session.execute(delete(ProgrammeRow).where(ProgrammeRow.id == other))
        await self.session.execute(
            update(ProgrammeRow).where(ProgrammeRow.id == into).values(updated_at=at)
        )

    async def split(self, programme_id: int, unit: str, at: datetime) -> Programme | None:
        found = await self.session.get(ProgrammeRow, programme_id)
        shown = None if found is None else await self._shown(found)
        if found is None or shown is None or unit not in shown.units or len(shown.units) < 2:
            return None
        row = ProgrammeRow(year=found.year, name=found.name, level=found.level,
                           organiser=found.organiser, method_form=found.method_form,
                           decided_by=found.decided_by, updated_at=at)  # fmt: skip
        self.session.add(row)
        await self.session.flush()
        of_unit = (
            select(PlanItemRow.id)
            .join(PlanRow, PlanRow.id == PlanItemRow.plan_id)
            .join(EmployeeRow, EmployeeRow.id == PlanRow.employee_id)
            .join(Unit, Unit.id == EmployeeRow.unit_id)
            .where(Unit.name == unit)
        )
        await self.session.execute(
            update(PI)
            .where(PI.programme_id == programme_id, PI.item_id.in_(of_unit))
            .values(programme_id=row.id)
        )
        return await self.get(row.id)

    async def dissolve(self, programme_id: int) -> None:
        await self.session.execute(delete(PI).where(PI.programme_id == programme_id))
        await self.session.execute(delete(ProgrammeRow).where(ProgrammeRow.id == programme_id))

    async def decide(
        self, programme_id: int, level: str, organiser: str, by: int | None, at: datetime
    ) -> int:
        await self.session.execute(
            update(ProgrammeRow).where(ProgrammeRow.id == programme_id)
            .values(level=level, organiser=organiser, decided_by=by, updated_at=at)
        )  # fmt: skip
        members = (
            select(table(V), IV.plan_id, IV.priority, IV.note, PlanItemRow.position,
                   PlanRow.status)
            .select_from(PI)
            .join(IV, IV.item_id == PI.item_id)
            .join(V, (V.item_id == IV.item_id) & (V.submission == IV.submission)
                  & (V.stage == Stage.VERIFIED.value))
            .join(PlanItemRow, PlanItemRow.id == PI.item_id)
            .join(PlanRow, PlanRow.id == PlanItemRow.plan_id)
            .where(PI.programme_id == programme_id, (V.level != level) | (V.pelaksana != organiser))
        )  # fmt: skip
        changes: dict[tuple[int, str], dict[str, list[object]]] = {}
        found = list((await self.session.execute(members)).mappings())
        for row in found:
            logged = changes.setdefault((row["plan_id"], row["status"]), {})
            for column, new in (("level", level), ("pelaksana", organiser)):
                if row[column] != new:
                    logged[f"C.{row['position']}.{column}"] = [row[column], new]
            await self._replace(row, level, organiser, by, at)
        for (plan_id, status), changed in changes.items():
            self.session.add(PlanEventRow(
                plan_id=plan_id, at=at, event=Event.DECIDE_PROGRAMME.value, from_state=status,
                to_state=status, employee_id=by, operator=OPERATOR if by is None else None,
                changes=json.dumps(changed)))  # fmt: skip
        await self.session.flush()
        return len(found)

    async def _replace(
        self, row: Any, level: str, organiser: str, by: int | None, at: datetime
    ) -> None:
        """Delete and insert the verified version and its verification row (the contract)."""
        item_id, submission = row["item_id"], row["submission"]
        await self.session.execute(delete(table(V)).where(table(V).c.id == row["id"]))
        await self.session.execute(delete(table(IV)).where(
            table(IV).c.item_id == item_id, table(IV).c.submission == submission))  # fmt: skip
        version = {c.key: row[c.key] for c in table(V).columns if c.key != "id"}
        changed = {"level": level, "pelaksana": organiser, "created_at": at}
        await self.session.execute(insert(table(V)).values({**version, **changed}))
        await self.session.execute(insert(table(IV)).values(
            item_id=item_id, submission=submission, plan_id=row["plan_id"],
            priority=row["priority"], note=row["note"], employee_id=by,
            verified_at=at))  # fmt: skip
