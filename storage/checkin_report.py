"""The check-in figures' reads in SQL: implements handlers.report.ports.CheckinReport.

An item counts as its latest verified version (Formulir 1 D), else its latest agreed one:
items the dialogue rejected have neither and are not counted. An item a check-in cancelled
(and the supervisor agreed) loses its agreed version but keeps its check-ins: it counts as its
proposed version, cancelled. What the check-ins recorded is
read from ``checkins`` and ``checkin_items`` (storage/checkin_models.py): a row exists once the
employee sent the quarter's check-in."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any

from sqlalchemy import and_, case, exists, func, or_, select, tuple_
from sqlalchemy.orm import aliased

from handlers.checkin.model import Fit, ItemStatus
from handlers.model import JenisPegawai
from handlers.report.model import CheckinAnswer, CheckinEntry, CheckinLine, Holder, PlannedItem
from handlers.report.ports import LineKey
from storage.checkin_models import CheckinItemRow, CheckinRow
from storage.dialog_models import StoredFileRow
from storage.models import EmployeeRow, PlanItemRow, PlanRow, Unit
from storage.plan_models import PlanItemVersionRow
from storage.session import DbSession

HELD = ("agreed", "verified")  # plan states whose items the check-ins follow
COUNTED_STAGES = ("agreed", "verified")


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
        counted = case((v.stage.in_(COUNTED_STAGES), 1), else_=0)
        verified_first = case((v.stage == "verified", 1), else_=0)
        recorded = exists().where(CheckinItemRow.item_id == v.item_id)
        ranked = (
            select(v.item_id, plans.c.employee_id, PlanItemRow.position, v.kompetensi_deskripsi,
                   v.triwulan, v.bulan_selesai, v.jp,
                   func.row_number().over(partition_by=v.item_id, order_by=(
                       counted.desc(), v.submission.desc(), verified_first.desc())).label("rank"))
            .join(PlanItemRow, PlanItemRow.id == v.item_id)
            .join(plans, plans.c.plan_id == PlanItemRow.plan_id)
            .where(or_(v.stage.in_(COUNTED_STAGES), and_(v.stage == "proposed", recorded)))
            .subquery()
        )  # fmt: skip
        query = (
            select(*(ranked.c[name] for name in ("item_id", "employee_id", "position",
                                                 "kompetensi_deskripsi", "triwulan",
                                                 "bulan_selesai", "jp")))
            .where(ranked.c.rank == 1)
            .order_by(ranked.c.employee_id, ranked.c.position)
        )  # fmt: skip
        return [PlannedItem(item_id, employee_id, position, competency,
                            due_quarter(triwulan, last), jp)
                for item_id, employee_id, position, competency, triwulan, last, jp
                in await self.session.execute(query)]  # fmt: skip

    async def answers(self, year: int, employees: Collection[int] | None) -> list[CheckinAnswer]:
        plans = self._plans(year, employees).subquery()
        query = (
            select(CheckinItemRow.item_id, CheckinRow.quarter, CheckinItemRow.status,
                   CheckinItemRow.jp_realized)
            .join(CheckinRow, CheckinRow.id == CheckinItemRow.checkin_id)
            .join(plans, plans.c.plan_id == CheckinItemRow.plan_id)
        )  # fmt: skip
        return [CheckinAnswer(item_id, quarter, ItemStatus(status), jp)
                for item_id, quarter, status, jp in await self.session.execute(query)]  # fmt: skip

    async def entries(self, plan_id: int) -> list[CheckinEntry]:
        query = _entries().where(CheckinItemRow.plan_id == plan_id)
        query = query.order_by(CheckinItemRow.item_id, CheckinRow.quarter)
        return [_entry(row) for row in await self.session.execute(query)]

    async def lines_page(self, year: int, after: LineKey | None, limit: int) -> list[CheckinLine]:
        verified, agreed, proposed = (aliased(PlanItemVersionRow) for _ in range(3))
        versions = (verified, agreed, proposed)
        competency = func.coalesce(*(v.kompetensi_deskripsi for v in versions), "")
        competency_key = func.coalesce(*(v.kompetensi_key for v in versions))
        key = (EmployeeRow.nip, PlanItemRow.position, CheckinRow.quarter)
        query = (
            _entries()
            .add_columns(EmployeeRow.nip, EmployeeRow.nama, Unit.name, PlanItemRow.position,
                         competency, competency_key)
            .join(PlanItemRow, PlanItemRow.id == CheckinItemRow.item_id)
            .join(PlanRow, PlanRow.id == CheckinItemRow.plan_id)
            .join(EmployeeRow, EmployeeRow.id == PlanRow.employee_id)
            .join(Unit, Unit.id == EmployeeRow.unit_id)
            .outerjoin(verified, _version(verified, "verified"))
            .outerjoin(agreed, _version(agreed, "agreed"))
            .outerjoin(proposed, _version(proposed, "proposed"))
            .where(PlanRow.year == year)
            .order_by(*key)
            .limit(limit)
        )  # fmt: skip
        if after is not None:
            query = query.where(tuple_(*key) > tuple_(*after))
        return [CheckinLine(nip, nama, unit, position, described, key, _entry(row))
                for *row, nip, nama, unit, position, described, key
                in await self.session.execute(query)]  # fmt: skip


def _version(version: Any, stage: str) -> Any:
    """The item's version of ``stage`` in the submission the check-in asked."""
    return and_(version.item_id == CheckinItemRow.item_id, version.stage == stage,
                version.submission == CheckinRow.submission)  # fmt: skip


def _entries() -> Any:
    i = CheckinItemRow
    return (
        select(i.item_id, CheckinRow.quarter, i.status, i.status_reason, i.done_on,
               i.method_class, i.method_form, i.jp_realized, i.fit, i.fit_reason, i.benefit,
               i.benefit_example, StoredFileRow.name, i.feedback)
        .join(CheckinRow, CheckinRow.id == i.checkin_id)
        .outerjoin(StoredFileRow, StoredFileRow.id == i.evidence_file_id)
    )  # fmt: skip


def _entry(row: Sequence[Any]) -> CheckinEntry:
    (item_id, quarter, status, reason, done_on, method_class, method_form, jp, fit, fit_reason,
     benefit, example, evidence, feedback) = row  # fmt: skip
    return CheckinEntry(item_id, quarter, ItemStatus(status), reason, done_on, method_class,
                        method_form, jp, Fit(fit) if fit else None, fit_reason, benefit, example,
                        evidence, feedback)  # fmt: skip
