"""The dialog kinerja's agreement as stored: decisions per item and submission, the agreed
versions beside the proposed ones (``plan_item_versions``), and the dialogue's note."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, func, select

from handlers.plan.model import Decision, ItemDecision, ItemVersion, Stage
from storage.agreement_models import PlanDialogueRow, PlanItemDecisionRow
from storage.models import PlanItemRow
from storage.plan_models import PlanItemVersionRow
from storage.plan_records import version_columns
from storage.session import DbSession


class SqlAgreements:
    def __init__(self, session: DbSession) -> None:
        self.session = session

    async def decisions(self, plan_id: int, submission: int) -> dict[int, ItemDecision]:
        query = select(PlanItemDecisionRow).where(
            PlanItemDecisionRow.plan_id == plan_id, PlanItemDecisionRow.submission == submission
        )
        return {
            row.item_id: ItemDecision(row.item_id, Decision(row.decision), row.decided_at,
                                      row.employee_id, row.reason)
            for row in await self.session.scalars(query)
        }  # fmt: skip

    async def decide(
        self, plan_id: int, submission: int, decision: ItemDecision, agreed: ItemVersion | None
    ) -> None:
        await self.withdraw(plan_id, submission, decision.item_id)
        self.session.add(PlanItemDecisionRow(
            plan_id=plan_id, item_id=decision.item_id, submission=submission,
            decision=decision.decision.value, reason=decision.reason, decided_at=decision.at,
            employee_id=decision.employee_id))  # fmt: skip
        if agreed is not None:
            self.session.add(PlanItemVersionRow(
                item_id=decision.item_id, stage=Stage.AGREED.value, submission=submission,
                created_at=decision.at, **version_columns(agreed)))  # fmt: skip
        await self.session.flush()

    async def withdraw(self, plan_id: int, submission: int, item_id: int) -> None:
        await self.session.execute(delete(PlanItemDecisionRow).where(
            PlanItemDecisionRow.item_id == item_id, PlanItemDecisionRow.submission == submission,
            PlanItemDecisionRow.plan_id == plan_id))  # fmt: skip
        await self.session.execute(delete(PlanItemVersionRow).where(
            PlanItemVersionRow.item_id == item_id, PlanItemVersionRow.submission == submission,
            PlanItemVersionRow.stage == Stage.AGREED.value))  # fmt: skip

    async def new_item(self, plan_id: int) -> tuple[int, int]:
        last = await self.session.scalar(
            select(func.max(PlanItemRow.position)).where(PlanItemRow.plan_id == plan_id)
        )
        row = PlanItemRow(plan_id=plan_id, position=int(last or 0) + 1)
        self.session.add(row)
        await self.session.flush()
        return row.id, row.position

    async def note(self, plan_id: int, submission: int) -> str | None:
        row = await self.session.get(PlanDialogueRow, (plan_id, submission))
        return row.note if row is not None else None

    async def set_note(self, plan_id: int, submission: int, note: str, at: datetime) -> None:
        row = await self.session.get(PlanDialogueRow, (plan_id, submission))
        if row is None:
            self.session.add(PlanDialogueRow(plan_id=plan_id, submission=submission, note=note,
                                             updated_at=at))  # fmt: skip
        else:
            row.note, row.updated_at = note, at
        await self.session.flush()
