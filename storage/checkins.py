"""The quarterly check-ins as stored (storage/checkin_models.py holds the contract)."""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from sqlalchemy import delete, exists, select, update

from handlers.checkin.model import CheckinState
from handlers.checkin.ports import Amendment, AskedPlan, Checkin, ItemAnswer
from handlers.plan.model import ItemVersion, Stage
from storage.checkin_models import CheckinAmendmentRow, CheckinItemRow, CheckinRow
from storage.models import EmployeeRow, PlanRow
from storage.plan_models import PlanItemVersionRow, PlanProfileRow
from storage.plan_records import version_columns
from storage.repositories import dialect_insert
from storage.session import DbSession
from storage.verify_models import ItemVerificationRow

ANSWER_FIELDS = tuple(
    f for f in ItemAnswer.__dataclass_fields__ if f not in ("item_id", "feedback")
)


def _checkin(row: CheckinRow, plan: PlanRow) -> Checkin:
    return Checkin(
        row.id,
        row.plan_id,
        plan.employee_id,
        plan.year,
        row.quarter,
        row.submission,
        row.due_on,
        row.state,
        row.asked_at,
        row.snoozed_until,
        row.submitted_at,
        row.closed_at,
        row.closed_by,
        row.note,
    )


def _amendment(row: CheckinAmendmentRow) -> Amendment:
    return Amendment(
        row.id,
        row.checkin_id,
        row.plan_id,
        row.kind,
        row.item_id,
        json.loads(row.content),
        row.reason,
        row.verdict,
        row.verdict_reason,
        row.decided_by,
    )


def _joined() -> Any:
    return select(CheckinRow, PlanRow).join(PlanRow, PlanRow.id == CheckinRow.plan_id)


class SqlCheckins:
    def __init__(self, session: DbSession) -> None:
        self.session = session

    async def to_ask(self, year: int, quarter: int, states: tuple[str, ...]) -> list[AskedPlan]:
        asked = exists().where(CheckinRow.plan_id == PlanRow.id, CheckinRow.quarter == quarter)
        latest = (
            select(PlanProfileRow.submission)
            .where(PlanProfileRow.plan_id == PlanRow.id)
            .order_by(PlanProfileRow.submission.desc())
            .limit(1)
            .scalar_subquery()
        )
        query = (
            select(PlanRow.id, PlanRow.employee_id, latest)
            .join(EmployeeRow, EmployeeRow.id == PlanRow.employee_id)
            .where(
                PlanRow.year == year,
                PlanRow.status.in_(states),
                ~asked,
                EmployeeRow.left_at.is_(None),
            )  # a leaver is asked nothing
            .order_by(PlanRow.id)
        )
        return [AskedPlan(p, e, int(s or 1)) for p, e, s in await self.session.execute(query)]

    async def open(self, plan: AskedPlan, quarter: int, due_on: date, at: datetime) -> int | None:
        result = await self.session.execute(
            dialect_insert(self.session, CheckinRow)
            .values(
                plan_id=plan.plan_id,
                quarter=quarter,
                submission=plan.submission,
                due_on=due_on,
                state=CheckinState.ASKED.value,
                asked_at=at,
                updated_at=at,
            )
            .on_conflict_do_nothing(index_elements=["plan_id", "quarter"])
        )
        if not getattr(result, "rowcount", 0):
            return None
        found = await self.session.scalar(
            select(CheckinRow.id).where(
                CheckinRow.plan_id == plan.plan_id, CheckinRow.quarter == quarter
            )
        )
        return int(found) if found is not None else None

    async def get(self, checkin_id: int) -> Checkin | None:
        row = (await self.session.execute(_joined().where(CheckinRow.id == checkin_id))).first()
        return _checkin(*row) if row is not None else None

    async def latest_of(self, employee_id: int, year: int) -> Checkin | None:
        query = _joined().where(PlanRow.employee_id == employee_id, PlanRow.year == year)
        row = (await self.session.execute(query.order_by(CheckinRow.quarter.desc()))).first()
        return _checkin(*row) if row is not None else None

    async def of_team(self, employee_ids: list[int], year: int) -> list[Checkin]:
        query = _joined().where(PlanRow.employee_id.in_(employee_ids), PlanRow.year == year)
        rows = await self.session.execute(query.order_by(CheckinRow.quarter, CheckinRow.id))
        return [_checkin(*row) for row in rows]

    async def waiting(self, year: int) -> list[Checkin]:
        query = _joined().where(
            PlanRow.year == year, CheckinRow.state != CheckinState.REVIEWED.value
        )
        return [_checkin(*row) for row in await self.session.execute(query.order_by(CheckinRow.id))]

    async def set_state(self, checkin_id: int, state: str, at: datetime) -> None:
        await self.session.execute(
            update(CheckinRow).where(CheckinRow.id == checkin_id).values(state=state, updated_at=at)
        )

    async def snooze(self, checkin_id: int, until: datetime, at: datetime) -> None:
        await self.session.execute(
            update(CheckinRow)
            .where(CheckinRow.id == checkin_id)
            .values(snoozed_until=until, updated_at=at)
        )

    async def submit(self, checkin_id: int, answers: list[ItemAnswer], at: datetime) -> bool:
        open_states = (CheckinState.ASKED.value, CheckinState.IN_PROGRESS.value)
        result = await self.session.execute(
            update(CheckinRow)
            .where(CheckinRow.id == checkin_id, CheckinRow.state.in_(open_states))
            .values(state=CheckinState.SUBMITTED.value, submitted_at=at, updated_at=at)
        )
        if not getattr(result, "rowcount", 0):
            return False
        plan_id = await self.session.scalar(
            select(CheckinRow.plan_id).where(CheckinRow.id == checkin_id)
        )
        for answer in answers:
            values = {f: getattr(answer, f) for f in ANSWER_FIELDS}
            self.session.add(
                CheckinItemRow(
                    checkin_id=checkin_id,
                    item_id=answer.item_id,
                    plan_id=plan_id,
                    answered_at=at,
                    **values,
                )
            )
        await self.session.flush()
        return True

    async def answers(self, checkin_id: int) -> list[ItemAnswer]:
        query = select(CheckinItemRow).where(CheckinItemRow.checkin_id == checkin_id)
        return [
            ItemAnswer(
                row.item_id, feedback=row.feedback, **{f: getattr(row, f) for f in ANSWER_FIELDS}
            )
            for row in await self.session.scalars(query.order_by(CheckinItemRow.item_id))
        ]

    async def close(
        self, checkin_id: int, feedback: dict[int, str], note: str | None, by: int, at: datetime
    ) -> bool:
        result = await self.session.execute(
            update(CheckinRow)
            .where(CheckinRow.id == checkin_id, CheckinRow.state == CheckinState.SUBMITTED.value)
            .values(
                state=CheckinState.REVIEWED.value,
                closed_at=at,
                closed_by=by,
                note=note,
                updated_at=at,
            )
        )
        if not getattr(result, "rowcount", 0):
            return False
        for item_id, text in feedback.items():
            await self.session.execute(
                update(CheckinItemRow)
                .where(CheckinItemRow.checkin_id == checkin_id, CheckinItemRow.item_id == item_id)
                .values(feedback=text, feedback_by=by, feedback_at=at)
            )
        return True

    async def propose(
        self,
        checkin_id: int,
        plan_id: int,
        kind: str,
        item_id: int | None,
        content: dict[str, Any],
        reason: str | None,
        at: datetime,
    ) -> int:
        row = CheckinAmendmentRow(
            checkin_id=checkin_id,
            plan_id=plan_id,
            kind=kind,
            item_id=item_id,
            content=json.dumps(content, default=str),
            reason=reason,
            proposed_at=at,
        )
        self.session.add(row)
        await self.session.flush()
        return row.id

    async def amendments(self, checkin_id: int) -> list[Amendment]:
        query = select(CheckinAmendmentRow).where(CheckinAmendmentRow.checkin_id == checkin_id)
        return [
            _amendment(r)
            for r in await self.session.scalars(query.order_by(CheckinAmendmentRow.id))
        ]

    async def amendment(self, amendment_id: int) -> Amendment | None:
        row = await self.session.get(CheckinAmendmentRow, amendment_id)
        return _amendment(row) if row is not None else None

    async def link_item(self, amendment_id: int, item_id: int) -> None:
        await self.session.execute(
            update(CheckinAmendmentRow)
            .where(CheckinAmendmentRow.id == amendment_id)
            .values(item_id=item_id)
        )

    async def decide(
        self, amendment_id: int, verdict: str, reason: str | None, by: int, at: datetime
    ) -> bool:
        values: dict[str, Any] = {
            "verdict": verdict,
            "verdict_reason": reason,
            "decided_by": by,
            "decided_at": at,
        }
        result = await self.session.execute(
            update(CheckinAmendmentRow)
            .where(CheckinAmendmentRow.id == amendment_id, CheckinAmendmentRow.verdict.is_(None))
            .values(**values)
        )
        return bool(getattr(result, "rowcount", 0))

    async def add_version(
        self, item_id: int, stage: str, submission: int, version: ItemVersion, at: datetime
    ) -> None:
        self.session.add(
            PlanItemVersionRow(
                item_id=item_id,
                stage=stage,
                submission=submission,
                created_at=at,
                **version_columns(version),
            )
        )
        await self.session.flush()

    async def forget_verification(self, item_id: int, submission: int) -> None:
        await self.session.execute(
            delete(PlanItemVersionRow).where(
                PlanItemVersionRow.item_id == item_id,
                PlanItemVersionRow.submission == submission,
                PlanItemVersionRow.stage == Stage.VERIFIED.value,
            )
        )
        await self.session.execute(
            delete(ItemVerificationRow).where(
                ItemVerificationRow.item_id == item_id, ItemVerificationRow.submission == submission
            )
        )
