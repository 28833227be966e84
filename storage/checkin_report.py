"""The check-in figures' reads in SQL: implements handlers.report.ports.CheckinReport.

An item counts as its latest verified version (Formulir 1 D), else its latest agreed one:
items the dialogue rejected have neither and are not counted."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from sqlalchemy import select

from handlers.model import JenisPegawai
from handlers.report.model import CheckinAnswer, CheckinEntry, CheckinLine, Holder, PlannedItem
from handlers.report.ports import LineKey
from storage.models import EmployeeRow, PlanItemRow, PlanRow, Unit
from storage.plan_models import PlanItemVersionRow
from storage.session import DbSession

HELD = ("agreed", "verified")  # plan states whose items the check-ins follow
COUNTED_STAGES = ("agreed", "verified")
PREFERENCE = {"verified": 1, "agreed": 0}  # the verified version wins over the agreed one


def due_quarter(triwulan: int | None, last_month: int) -> int:
    """The quarter an item is due by: the one given, else the one of its last month."""
    return triwulan if triwulan is not None else (last_month - 1) // 3 + 1


class SqlCheckinReport:
    def __init__(self, session: DbSession) -> None:
        self.session = session

    def _plans(self, year: int, employees: Collection[int] | None) -> Any:
        query = (
            select(PlanRow.id.label("plan_id"), EmployeeRow.id.label("employee_id"),
                   EmployeeRow.nama, Unit.name, EmployeeRow.jenis_pegawai)
            .join(EmployeeRow, EmployeeRow.id == PlanRow.employee_id)
            .join(Unit, Unit.id == EmployeeRow.unit_id)
            .where(PlanRow.year == year, PlanRow.status.in_(HELD), EmployeeRow.left_at.is_(None))
        )  # fmt: skip
        if employees is not None:
            query = query.where(EmployeeRow.id.in_(list(employees)))
        return query

    async def holders(self, year: int, employees: Collection[int] | None) -> list[Holder]:
        rows = await self.session.execute(self._plans(year, employees))
        return [Holder(employee_id, nama, unit, JenisPegawai(jenis))
                for _plan, employee_id, nama, unit, jenis in rows]  # fmt: skip

    async def items(self, year: int, employees: Collection[int] | None) -> list[PlannedItem]:
        plans = self._plans(year, employees).subquery()
        v = PlanItemVersionRow
        query = (
            select(v.item_id, plans.c.employee_id, PlanItemRow.position, v.stage, v.submission,
                   v.kompetensi_deskripsi, v.triwulan, v.bulan_selesai, v.jp)
            .join(PlanItemRow, PlanItemRow.id == v.item_id)
            .join(plans, plans.c.plan_id == PlanItemRow.plan_id)
            .where(v.stage.in_(COUNTED_STAGES))
        )  # fmt: skip
        best: dict[int, tuple[tuple[int, int], PlannedItem]] = {}
        for (
            item_id,
            employee_id,
            position,
            stage,
            submission,
            competency,
            triwulan,
            last,
            jp,
        ) in await self.session.execute(query):
            rank = (submission, PREFERENCE[stage])
            if item_id not in best or rank > best[item_id][0]:
                best[item_id] = (rank, PlannedItem(item_id, employee_id, position, competency,
                                                   due_quarter(triwulan, last), jp))  # fmt: skip
        return sorted((found for _, found in best.values()),
                      key=lambda item: (item.employee_id, item.position))  # fmt: skip

    # The check-in tables are issue 11 parts 1–3 (branch h-checkin, migration 0019_checkins):
    # until they are merged, no check-in has been recorded anywhere, and these say so.
    async def answers(self, year: int, employees: Collection[int] | None) -> list[CheckinAnswer]:
        return []

    async def entries(self, plan_id: int) -> list[CheckinEntry]:
        return []

    async def lines_page(self, year: int, after: LineKey | None, limit: int) -> list[CheckinLine]:
        return []
