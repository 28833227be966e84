"""Plans (Formulir 1) and form sessions: every answer is a row, committed with its step."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, case, delete, func, select, update
from sqlalchemy.dialects import postgresql, sqlite

from handlers.forms.model import FormSession, StaleSession
from handlers.model import DRAFT, SENT, SUBMITTED
from handlers.ports import Plan, UnitProgress
from storage.models import (
    ChangeRequestRow,
    EmployeeRow,
    FormAnswerRow,
    FormSessionRow,
    PlanRow,
    Unit,
    table,
)
from storage.repositories import dialect_insert
from storage.session import DbSession


def _plan(row: PlanRow) -> Plan:
    return Plan(row.id, row.employee_id, row.year, row.status, row.submitted_at)


class SqlPlans:
    def __init__(self, session: DbSession) -> None:
        self.session = session

    async def get(self, plan_id: int) -> Plan | None:
        row = await self.session.get(PlanRow, plan_id)
        return _plan(row) if row else None

    async def for_year(self, employee_id: int, year: int) -> Plan | None:
        row = await self.session.scalar(
            select(PlanRow).where(PlanRow.employee_id == employee_id, PlanRow.year == year)
        )
        return _plan(row) if row else None

    async def create(self, employee_id: int, year: int, at: datetime) -> Plan:
        """The person's draft plan of ``year``, or the one another update created meanwhile
        (two /isi at once): the insert waits for that transaction, then reads its row."""
        await self.session.execute(
            dialect_insert(self.session, PlanRow)
            .values(employee_id=employee_id, year=year, status=DRAFT, created_at=at,
                    updated_at=at)
            .on_conflict_do_nothing(index_elements=["employee_id", "year"])
        )  # fmt: skip
        plan = await self.for_year(employee_id, year)
        assert plan is not None  # inserted now, or by the transaction the insert waited for
        return plan

    async def set_status(self, plan_id: int, status: str, at: datetime) -> None:
        values: dict[str, Any] = {"status": status, "updated_at": at}
        if status == SUBMITTED:
            values["submitted_at"] = at
        await self.session.execute(update(PlanRow).where(PlanRow.id == plan_id).values(**values))

    async def submit(self, plan_id: int, at: datetime) -> bool:
        """Mark a draft plan submitted; False when it is no draft any more (another update
        sent it first: on PostgreSQL this waits for that one and then finds nothing to do)."""
        result = await self.session.execute(
            update(PlanRow)
            .where(PlanRow.id == plan_id, PlanRow.status == DRAFT)
            .values(status=SUBMITTED, updated_at=at, submitted_at=at)
        )
        return bool(getattr(result, "rowcount", 0))

    async def progress_by_unit(self, year: int) -> list[UnitProgress]:
        """Employees, plans started and plans sent, per unit kerja, in one grouped query."""
        sent = case((PlanRow.status.in_(SENT), 1), else_=0)
        query = (
            select(Unit.name, func.count(EmployeeRow.id), func.count(PlanRow.id), func.sum(sent))
            .join(EmployeeRow, EmployeeRow.unit_id == Unit.id)
            .outerjoin(PlanRow, (PlanRow.employee_id == EmployeeRow.id) & (PlanRow.year == year))
            .where(EmployeeRow.left_at.is_(None))
            .group_by(Unit.name)
            .order_by(Unit.name)
        )
        rows = await self.session.execute(query)
        return [UnitProgress(name, int(people), int(started), int(done or 0))
                for name, people, started, done in rows]  # fmt: skip

    async def request_change(
        self, employee_id: int, field: str, old: str, new: str, at: datetime
    ) -> int | None:
        """Record the request once: the same pending correction asked again adds nothing."""
        pending = await self.session.scalar(
            select(ChangeRequestRow.id).where(
                ChangeRequestRow.employee_id == employee_id,
                ChangeRequestRow.field == field,
                ChangeRequestRow.new_value == new,
                ChangeRequestRow.status == "pending",
            )
        )
        if pending is not None:
            return None
        row = ChangeRequestRow(
            employee_id=employee_id,
            field=field,
            old_value=old,
            new_value=new,
            status="pending",
            created_at=at,
        )
        self.session.add(row)
        await self.session.flush()
        return row.id


def _session(row: Any) -> FormSession:
    return FormSession(
        id=row.id,
        employee_id=row.employee_id,
        form=row.form,
        subject_id=row.subject_id,
        cursor=row.cursor,
        question=row.question,
        state=json.loads(row.state),
        active=row.active,
        version=row.version,
    )


SESSIONS = table(FormSessionRow)
ANSWERS = table(FormAnswerRow)
# The statements of every form step, built once (Core, not ORM: no per-call rebuilding).
ACTIVE_SESSION = (
    select(SESSIONS)
    .where(SESSIONS.c.employee_id == bindparam("employee_id"), SESSIONS.c.active.is_(True))
    .order_by(SESSIONS.c.updated_at.desc())
    .limit(1)
)
# Compare-and-set: the version read must still be the stored one (no extra query per step).
SAVE_SESSION = (
    update(SESSIONS)
    .where(SESSIONS.c.id == bindparam("session_id"), SESSIONS.c.version == bindparam("read"))
    .values(
        cursor=bindparam("cursor"),
        question=bindparam("question"),
        state=bindparam("state"),
        active=bindparam("active"),
        updated_at=bindparam("at"),
        version=SESSIONS.c.version + 1,
    )
)
SESSION_ANSWERS = select(ANSWERS.c.key, ANSWERS.c.value).where(
    ANSWERS.c.session_id == bindparam("session_id")
)


def _put_answers(insert: Any) -> Any:
    statement = insert(ANSWERS)
    return statement.on_conflict_do_update(
        index_elements=["session_id", "key"],
        set_={"value": statement.excluded.value, "updated_at": statement.excluded.updated_at},
    )


PUT_ANSWERS = {"sqlite": _put_answers(sqlite.insert), "postgresql": _put_answers(postgresql.insert)}


class SqlForms:
    def __init__(self, session: DbSession) -> None:
        self.session = session

    async def find(self, employee_id: int, form: str, subject_id: int) -> FormSession | None:
        row = await self.session.scalar(
            select(FormSessionRow).where(
                FormSessionRow.employee_id == employee_id,
                FormSessionRow.form == form,
                FormSessionRow.subject_id == subject_id,
            )
        )
        return _session(row) if row else None

    async def active(self, employee_id: int) -> FormSession | None:
        found = await self.session.execute(ACTIVE_SESSION, {"employee_id": employee_id})
        row = found.first()
        return _session(row) if row else None

    async def create(
        self, employee_id: int, form: str, subject_id: int, cursor: str, at: datetime
    ) -> FormSession:
        row = FormSessionRow(
            employee_id=employee_id,
            form=form,
            subject_id=subject_id,
            cursor=cursor,
            question=0,
            version=0,
            state="{}",
            active=True,
            updated_at=at,
        )
        self.session.add(row)
        await self.session.flush()
        return _session(row)

    async def save(self, session: FormSession, at: datetime) -> None:
        """Write ``session`` back if nobody saved it since it was read, else raise
        :class:`StaleSession` (on PostgreSQL a concurrent saver's transaction is waited for
        first, then its new version is what the condition sees)."""
        result = await self.session.execute(
            SAVE_SESSION,
            {
                "session_id": session.id,
                "read": session.version,
                "cursor": session.cursor,
                "question": session.question,
                "state": json.dumps(session.state, ensure_ascii=False),
                "active": session.active,
                "at": at,
            },
        )
        if result.rowcount != 1:
            raise StaleSession(session.id)
        session.version += 1

    async def answers(self, session_id: int) -> dict[str, Any]:
        rows = await self.session.execute(SESSION_ANSWERS, {"session_id": session_id})
        return {key: json.loads(value) for key, value in rows}

    async def put(self, session_id: int, values: dict[str, Any], at: datetime) -> None:
        if not values:
            return
        rows = [
            {"session_id": session_id, "key": key, "value": json.dumps(v, ensure_ascii=False),
             "updated_at": at}
            for key, v in values.items()
        ]  # fmt: skip
        await self.session.execute(PUT_ANSWERS[self.session.get_bind().dialect.name], rows)

    async def drop(self, session_id: int, keys: list[str]) -> None:
        if keys:
            await self.session.execute(
                delete(FormAnswerRow).where(
                    FormAnswerRow.session_id == session_id, FormAnswerRow.key.in_(keys)
                )
            )
