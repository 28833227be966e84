"""The verification by the Kelompok Keahlian as stored: what awaits it (an agreed item of an
agreed plan's latest submission with neither a verification nor a rejection), the
verifications beside the verified versions, the groups' members and recaps."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import and_, delete, func, select
from sqlalchemy.orm import aliased

from handlers.access import GROUP_ROLES
from handlers.dialog.oversight_ports import Someone
from handlers.model import Zone
from handlers.plan.lifecycle import State
from handlers.plan.model import Decision, ItemVersion, Priority, Stage
from handlers.verify.ports import AwaitingItem, GroupCount, GroupRecap, Verification
from storage.agreement_models import PlanDialogueRow, PlanItemDecisionRow
from storage.models import EmployeeRole, EmployeeRow, ExpertiseGroup, PlanItemRow, PlanRow, Unit
from storage.plan_models import PlanEventRow, PlanItemVersionRow, PlanProfileRow
from storage.plan_records import read_version, version_columns
from storage.repositories import dialect_insert
from storage.session import DbSession
from storage.verify_models import GroupRecapRow, ItemVerificationRow

VERIFIABLE = (State.AGREED.value, State.VERIFIED.value)  # plans whose items may await


def _latest() -> Any:
    """Per plan, its latest submission."""
    return (select(PlanProfileRow.plan_id, func.max(PlanProfileRow.submission).label("n"))
            .group_by(PlanProfileRow.plan_id).subquery())  # fmt: skip


def _agreed_at() -> Any:
    """Per plan, when it was last agreed (its audit log)."""
    return (select(PlanEventRow.plan_id, func.max(PlanEventRow.at).label("at"))
            .where(PlanEventRow.to_state == State.AGREED.value)
            .group_by(PlanEventRow.plan_id).subquery())  # fmt: skip


def _unverified(version: Any) -> Any:
    """Neither verified nor rejected at the version's submission."""
    rejection = aliased(PlanItemDecisionRow)  # the outer query joins the decisions too
    verified = (select(ItemVerificationRow.item_id)
                .where(ItemVerificationRow.item_id == version.item_id,
                       ItemVerificationRow.submission == version.submission)
                .correlate_except(ItemVerificationRow).exists())  # fmt: skip
    rejected = (select(rejection.item_id)
                .where(rejection.item_id == version.item_id,
                       rejection.submission == version.submission,
                       rejection.decision == Decision.REJECTED.value)
                .correlate_except(rejection).exists())  # fmt: skip
    return and_(~verified, ~rejected)


def _verification(row: ItemVerificationRow, verifier: str | None) -> Verification:
    return Verification(row.item_id, row.submission, row.plan_id, Priority(row.priority),
                        row.note, row.employee_id, row.verified_at, verifier)  # fmt: skip


class SqlVerifications:
    def __init__(self, session: DbSession) -> None:
        self.session = session

    def _awaiting_query(self, year: int) -> Any:
        v, latest, agreed = PlanItemVersionRow, _latest(), _agreed_at()
        return (
            select(v, PlanItemRow.position, PlanRow.id.label("plan"), PlanRow.employee_id,
                   EmployeeRow.nama, Unit.name.label("unit"), ExpertiseGroup.name.label("grp"),
                   func.coalesce(agreed.c.at, PlanRow.updated_at).label("agreed_at"),
                   PlanDialogueRow.note, PlanItemDecisionRow.reason)
            .join(PlanItemRow, PlanItemRow.id == v.item_id)
            .join(PlanRow, PlanRow.id == PlanItemRow.plan_id)
            .join(latest, and_(latest.c.plan_id == PlanRow.id, latest.c.n == v.submission))
            .join(EmployeeRow, EmployeeRow.id == PlanRow.employee_id)
            .join(Unit, Unit.id == EmployeeRow.unit_id)
            .outerjoin(ExpertiseGroup, ExpertiseGroup.id == EmployeeRow.expertise_group_id)
            .outerjoin(agreed, agreed.c.plan_id == PlanRow.id)
            .outerjoin(PlanDialogueRow, and_(PlanDialogueRow.plan_id == PlanRow.id,
                                             PlanDialogueRow.submission == v.submission))
            .outerjoin(PlanItemDecisionRow, and_(PlanItemDecisionRow.item_id == v.item_id,
                                                 PlanItemDecisionRow.submission == v.submission))
            .where(v.stage == Stage.AGREED.value, PlanRow.year == year,
                   PlanRow.status.in_(VERIFIABLE), _unverified(v))
        )  # fmt: skip

    async def awaiting(
        self, year: int, group: str | None = None, plan_id: int | None = None
    ) -> list[AwaitingItem]:
        query = self._awaiting_query(year)
        if group is not None:
            query = query.where(ExpertiseGroup.name == group)
        if plan_id is not None:
            query = query.where(PlanRow.id == plan_id)
        query = query.order_by(query.selected_columns.agreed_at, PlanRow.id,
                               PlanItemRow.position)  # fmt: skip
        return [
            AwaitingItem(version.item_id, version.submission, plan, position, owner_id, owner,
                         unit, group_name, at, read_version(version), note, reason)
            for (version, position, plan, owner_id, owner, unit, group_name, at, note,
                 reason) in await self.session.execute(query)
        ]  # fmt: skip

    async def counts(self, year: int) -> list[GroupCount]:
        inner = self._awaiting_query(year).where(ExpertiseGroup.name.is_not(None)).subquery()
        group, plan = inner.c.grp, inner.c.plan
        query = (select(group, func.count(), func.count(plan.distinct()))
                 .group_by(group).order_by(group))  # fmt: skip
        return [GroupCount(name, items, plans)
                for name, items, plans in await self.session.execute(query)]  # fmt: skip

    async def members(self, group: str) -> list[Someone]:
        e = EmployeeRow
        roles = select(EmployeeRole.employee_id).where(
            EmployeeRole.role.in_([r.value for r in GROUP_ROLES])
        )
        query = (select(e.id, e.nama, e.zona_waktu, e.bahasa)
                 .join(ExpertiseGroup, ExpertiseGroup.id == e.expertise_group_id)
                 .where(ExpertiseGroup.name == group, e.left_at.is_(None), e.id.in_(roles))
                 .order_by(e.nama))  # fmt: skip
        return [Someone(i, nama, Zone(zone), locale)
                for i, nama, zone, locale in await self.session.execute(query)]  # fmt: skip

    async def lock_plan(self, plan_id: int) -> None:
        await self.session.execute(select(PlanRow.id).where(PlanRow.id == plan_id)
                                   .with_for_update())  # fmt: skip

    async def verify(
        self, item: AwaitingItem, version: ItemVersion, priority: Priority, note: str | None,
        by: int, at: datetime,
    ) -> Verification | None:  # fmt: skip
        statement = dialect_insert(self.session, ItemVerificationRow).values(
            item_id=item.item_id, submission=item.submission, plan_id=item.plan_id,
            priority=priority.value, note=note, employee_id=by, verified_at=at,
        ).on_conflict_do_nothing(index_elements=["item_id", "submission"])  # fmt: skip
        result = await self.session.execute(statement)
        if not getattr(result, "rowcount", 0):
            return await self.of_item(item.item_id, item.submission)
        self.session.add(PlanItemVersionRow(
            item_id=item.item_id, stage=Stage.VERIFIED.value, submission=item.submission,
            created_at=at, **version_columns(version)))  # fmt: skip
        await self.session.flush()
        return None

    async def replace(
        self, plan_id: int, submission: int, item_id: int, version: ItemVersion,
        priority: Priority, note: str | None, by: int, at: datetime,
    ) -> None:  # fmt: skip
        await self.session.execute(delete(ItemVerificationRow).where(
            ItemVerificationRow.item_id == item_id,
            ItemVerificationRow.submission == submission))  # fmt: skip
        await self.session.execute(delete(PlanItemVersionRow).where(
            PlanItemVersionRow.item_id == item_id, PlanItemVersionRow.submission == submission,
            PlanItemVersionRow.stage == Stage.VERIFIED.value))  # fmt: skip
        self.session.add(ItemVerificationRow(
            item_id=item_id, submission=submission, plan_id=plan_id, priority=priority.value,
            note=note, employee_id=by, verified_at=at))  # fmt: skip
        self.session.add(PlanItemVersionRow(
            item_id=item_id, stage=Stage.VERIFIED.value, submission=submission, created_at=at,
            **version_columns(version)))  # fmt: skip
        await self.session.flush()

    async def _verifications(self, *where: Any) -> list[Verification]:
        query = (select(ItemVerificationRow, EmployeeRow.nama)
                 .outerjoin(EmployeeRow, EmployeeRow.id == ItemVerificationRow.employee_id)
                 .where(*where))  # fmt: skip
        return [_verification(row, name) for row, name in await self.session.execute(query)]

    async def of_item(self, item_id: int, submission: int) -> Verification | None:
        found = await self._verifications(ItemVerificationRow.item_id == item_id,
                                          ItemVerificationRow.submission == submission)  # fmt: skip
        return found[0] if found else None

    async def of_plan(self, plan_id: int, submission: int) -> dict[int, Verification]:
        found = await self._verifications(ItemVerificationRow.plan_id == plan_id,
                                          ItemVerificationRow.submission == submission)  # fmt: skip
        return {v.item_id: v for v in found}

    async def recap(self, group: str, year: int) -> GroupRecap | None:
        row = await self.session.get(GroupRecapRow, (group, year))
        return GroupRecap(row.group_name, row.year, row.done_by, row.done_at) if row else None

    async def mark_recap(self, group: str, year: int, by: int, at: datetime) -> bool:
        statement = dialect_insert(self.session, GroupRecapRow).values(
            group_name=group, year=year, done_by=by, done_at=at,
        ).on_conflict_do_nothing(index_elements=["group_name", "year"])  # fmt: skip
        result = await self.session.execute(statement)
        return bool(getattr(result, "rowcount", 0))
