"""Formulir 2 read from the verified items, in the database: pages of a group's recap (keyset,
never the whole group in memory) and the per-level counts (one ``GROUP BY``)."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Select, and_, case, func, select, tuple_

from handlers.plan.model import Stage
from handlers.recap.model import GroupRow, LevelCount
from storage.models import EmployeeRow, ExpertiseGroup, PlanItemRow, PlanRow, Unit
from storage.plan_models import PlanItemVersionRow as V
from storage.programme_models import ProgrammeItemRow
from storage.session import DbSession
from storage.verify_models import ItemVerificationRow as IV

E, P = EmployeeRow, PlanRow


def verified(*columns: Any) -> Select[Any]:
    """``columns`` over every verified item: its verification, its verified version of the
    same submission, its plan, the plan's employee and their unit."""
    return (
        select(*columns)
        .select_from(IV)
        .join(
            V,
            and_(
                V.item_id == IV.item_id,
                V.submission == IV.submission,
                V.stage == Stage.VERIFIED.value,
            ),
        )
        .join(P, P.id == IV.plan_id)
        .join(E, E.id == P.employee_id)
        .join(Unit, Unit.id == E.unit_id)
    )


def competency() -> Any:
    """What makes two items one need: the competency's key, else its description."""
    return func.coalesce(V.kompetensi_key, func.lower(V.kompetensi_deskripsi))


class SqlRecaps:
    def __init__(self, session: DbSession) -> None:
        self.session = session

    async def groups(self) -> list[tuple[int, str]]:
        rows = await self.session.execute(
            select(ExpertiseGroup.id, ExpertiseGroup.name).order_by(ExpertiseGroup.name)
        )
        return [(row.id, row.name) for row in rows]

    async def group_page(
        self, group: str, year: int, after: tuple[str, int] | None, limit: int
    ) -> tuple[list[GroupRow], tuple[str, int] | None]:
        members = (
            select(E.id, E.nama)
            .join(ExpertiseGroup, ExpertiseGroup.id == E.expertise_group_id)
            .where(ExpertiseGroup.name == group)
            .order_by(E.nama, E.id)
            .limit(limit)
        )
        if after is not None:
            members = members.where(tuple_(E.nama, E.id) > tuple_(*after))
        page = list(await self.session.execute(members))
        if not page:
            return [], None
        query = (
            verified(E.id.label("employee_id"), E.nama, PlanItemRow.position, *GROUP_COLUMNS,
                     IV.priority)
            .join(PlanItemRow, PlanItemRow.id == IV.item_id)
            .where(E.id.in_([member.id for member in page]), P.year == year)
            .order_by(E.nama, E.id, PlanItemRow.position)
        )  # fmt: skip
        rows = [group_row(row) for row in await self.session.execute(query)]
        return rows, (page[-1].nama, page[-1].id)

    async def level_counts(self, year: int) -> list[LevelCount]:
        programme = ProgrammeItemRow.programme_id

        def outside(column: Any) -> Any:
            return case((programme.is_(None), column))

        # a programme's items are one line per unit whatever they said (their months are
        # spanned), so each employee is counted once in it
        grouped = (outside(V.level), programme, outside(competency()),
                   outside(V.metode_klasifikasi), outside(V.metode_bentuk), outside(V.sumber),
                   outside(V.bulan_mulai), outside(V.bulan_selesai))  # fmt: skip
        counted = (func.min(V.bulan_mulai), func.max(V.bulan_selesai),
                   func.min(V.kompetensi_deskripsi), Unit.name,
                   func.count(func.distinct(P.employee_id)))  # fmt: skip
        query = (
            verified(*grouped, *counted)
            .outerjoin(ProgrammeItemRow, ProgrammeItemRow.item_id == IV.item_id)
            .where(P.year == year)
            .group_by(*grouped, Unit.name)
        )
        return [
            LevelCount(level or "", programme_id, found or "", description or "",
                       method_class or "", method_form or "", source or "", start, end, unit,
                       employees)
            for (level, programme_id, found, method_class, method_form, source, _, _, start,
                 end, description, unit, employees) in await self.session.execute(query)
        ]  # fmt: skip

    async def priorities(self, plan_id: int, submission: int) -> dict[int, str]:
        query = select(IV.item_id, IV.priority).where(
            IV.plan_id == plan_id, IV.submission == submission
        )
        return {item_id: priority for item_id, priority in await self.session.execute(query)}


def raw_level_counts(year: int) -> Select[Any]:
    """The same rows counted by a plain ``GROUP BY`` (no programmes): the benchmark's yardstick."""
    columns = (V.level, competency(), V.metode_klasifikasi, V.metode_bentuk, V.sumber,
               V.bulan_mulai, V.bulan_selesai, Unit.name)  # fmt: skip
    return (
        verified(*columns, func.count(func.distinct(P.employee_id)))
        .where(P.year == year)
        .group_by(*columns)
    )


GROUP_COLUMNS = (V.relevansi, V.tujuan, V.output, V.kompetensi_klasifikasi, V.metode_klasifikasi,
                 V.metode_bentuk, V.sumber, V.pelaksana, V.bulan_mulai, V.bulan_selesai,
                 V.triwulan, V.level)  # fmt: skip


def group_row(row: Any) -> GroupRow:
    return GroupRow(
        employee_id=row.employee_id, nama=row.nama, position=row.position,
        relevance=tuple(json.loads(row.relevansi)), goal=row.tujuan, output=row.output,
        competency_classification=row.kompetensi_klasifikasi,
        method_class=row.metode_klasifikasi, method_form=row.metode_bentuk,
        learning_source=row.sumber, organiser=row.pelaksana, start_month=row.bulan_mulai,
        end_month=row.bulan_selesai, quarter=row.triwulan, level=row.level,
        priority=row.priority,
    )  # fmt: skip
