"""The supervisor's overview in SQL: implements handlers.dialog.oversight_ports.Oversight."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import func, or_, select, update
from sqlalchemy.orm import aliased

from handlers.dialog.oversight_ports import (
    ActingAssignment,
    NudgeSettings,
    Queued,
    Someone,
    StageCount,
    TeamMember,
    WaitingPlan,
)
from handlers.model import Zone
from storage.dialog_oversee_models import ActingSupervisorRow, DialogNudgeRow, DialogSettingsRow
from storage.models import EmployeeRow, PlanRow, Unit
from storage.outbox import OutboxRow
from storage.plan_models import PlanEventRow
from storage.repositories import dialect_insert
from storage.session import DbSession

Acting = aliased(EmployeeRow, name="acting")
For = aliased(EmployeeRow, name="acted_for")
Owner = aliased(EmployeeRow, name="owner")
Boss = aliased(EmployeeRow, name="boss")


def _someone(id_: int, nama: str, zone: str, locale: str) -> Someone:
    return Someone(id_, nama, Zone(zone), locale)


def _entered() -> Any:
    """Per plan, when it last moved into the state it is in (its audit log)."""
    return (
        select(PlanEventRow.plan_id, func.max(PlanEventRow.at).label("at"))
        .join(PlanRow, PlanRow.id == PlanEventRow.plan_id)
        .where(PlanEventRow.to_state == PlanRow.status)
        .group_by(PlanEventRow.plan_id)
        .subquery()
    )


class SqlOversight:
    def __init__(self, session: DbSession) -> None:
        self.session = session

    async def add_acting(
        self, acting_id: int, employee_id: int | None, unit: str | None, starts: date,
        ends: date, created_by: str, at: datetime,
    ) -> int:  # fmt: skip
        unit_id = None
        if unit is not None:
            unit_id = await self.session.scalar(select(Unit.id).where(Unit.name == unit))
        row = ActingSupervisorRow(acting_id=acting_id, employee_id=employee_id, unit_id=unit_id,
                                  starts=starts, ends=ends, created_by=created_by,
                                  created_at=at)  # fmt: skip
        self.session.add(row)
        await self.session.flush()
        return row.id

    async def acting(self, *, on: date | None = None) -> list[ActingAssignment]:
        a = ActingSupervisorRow
        query = (
            select(a.id, a.acting_id, Acting.nama, a.employee_id, For.nama, Unit.name, a.starts,
                   a.ends, a.created_by, a.ended_at)
            .join(Acting, Acting.id == a.acting_id)
            .outerjoin(For, For.id == a.employee_id)
            .outerjoin(Unit, Unit.id == a.unit_id)
            .order_by(a.starts, a.id)
        )  # fmt: skip
        if on is not None:
            query = query.where(a.starts <= on, a.ends >= on, a.ended_at.is_(None))
        return [ActingAssignment(*row) for row in await self.session.execute(query)]

    async def end_acting(self, assignment_id: int, at: datetime) -> bool:
        a = ActingSupervisorRow
        result = await self.session.execute(
            update(a).where(a.id == assignment_id, a.ended_at.is_(None)).values(ended_at=at)
        )
        return bool(getattr(result, "rowcount", 0))

    async def team(
        self, supervisor_id: int, acting_for: list[int], units: list[str], year: int
    ) -> list[TeamMember]:
        e = EmployeeRow
        direct = e.supervisor_id == supervisor_id
        acted = or_(e.id.in_(acting_for), Unit.name.in_(units))
        entered = _entered()
        query = (
            select(e.id, e.nama, e.jabatan, Unit.name, PlanRow.id, PlanRow.status, direct,
                   entered.c.at)
            .join(Unit, Unit.id == e.unit_id)
            .outerjoin(PlanRow, (PlanRow.employee_id == e.id) & (PlanRow.year == year))
            .outerjoin(entered, entered.c.plan_id == PlanRow.id)
            .where(or_(direct, acted), e.left_at.is_(None), e.id != supervisor_id)
            .order_by(e.nama, e.id)
        )  # fmt: skip
        return [TeamMember(id_, nama, jabatan, unit, plan_id, status, not bool(is_direct), since)
                for id_, nama, jabatan, unit, plan_id, status, is_direct, since
                in await self.session.execute(query)]  # fmt: skip

    async def waiting(self, year: int, states: frozenset[str]) -> list[WaitingPlan]:
        """Each plan in ``states`` with the moment it entered its state (its last move
        there in the audit log; else when it was last updated)."""
        entered = _entered()
        query = (
            select(PlanRow.id, PlanRow.status, func.coalesce(entered.c.at, PlanRow.updated_at),
                   Owner.id, Owner.nama, Owner.zona_waktu, Owner.bahasa, Unit.name,
                   Boss.id, Boss.nama, Boss.zona_waktu, Boss.bahasa)
            .join(Owner, Owner.id == PlanRow.employee_id)
            .join(Unit, Unit.id == Owner.unit_id)
            .outerjoin(Boss, (Boss.id == Owner.supervisor_id) & Boss.left_at.is_(None))
            .outerjoin(entered, entered.c.plan_id == PlanRow.id)
            .where(PlanRow.year == year, PlanRow.status.in_(sorted(states)),
                   Owner.left_at.is_(None))
            .order_by(PlanRow.id)
        )  # fmt: skip
        found = []
        for row in await self.session.execute(query):
            plan_id, status, since, *owner, unit = row[:8]
            boss = row[8:]
            supervisor = _someone(*boss) if boss[0] is not None else None
            found.append(WaitingPlan(plan_id, _someone(*owner), unit, status, since, supervisor))
        return found

    async def people(self, employee_ids: list[int]) -> list[Someone]:
        e = EmployeeRow
        query = (select(e.id, e.nama, e.zona_waktu, e.bahasa)
                 .where(e.id.in_(employee_ids), e.left_at.is_(None)).order_by(e.nama))  # fmt: skip
        return [_someone(*row) for row in await self.session.execute(query)]

    async def sent_keys(self, keys: list[str]) -> set[str]:
        found: set[str] = set()
        for start in range(0, len(keys), 500):  # a bounded IN list
            chunk = keys[start : start + 500]
            query = select(DialogNudgeRow.key).where(DialogNudgeRow.key.in_(chunk))
            found.update(await self.session.scalars(query))
        return found

    async def record_sent(
        self, key: str, kind: str, recipient_id: int, plan_id: int | None, day: date,
        at: datetime,
    ) -> bool:  # fmt: skip
        statement = dialect_insert(self.session, DialogNudgeRow).values(
            key=key, kind=kind, recipient_id=recipient_id, plan_id=plan_id, day=day, sent_at=at
        ).on_conflict_do_nothing(index_elements=["key"])  # fmt: skip
        result = await self.session.execute(statement)
        return bool(getattr(result, "rowcount", 0))

    async def settings(self, year: int) -> NudgeSettings:
        row = await self.session.get(DialogSettingsRow, year)
        if row is None:
            return NudgeSettings()
        return NudgeSettings(row.remind_supervisor, row.escalate, row.remind_confirm,
                             row.window_closing)  # fmt: skip

    async def save_settings(self, year: int, settings: NudgeSettings, at: datetime) -> None:
        values: dict[str, Any] = {**vars(settings), "updated_at": at}
        statement = dialect_insert(self.session, DialogSettingsRow).values(year=year, **values)
        await self.session.execute(
            statement.on_conflict_do_update(index_elements=["year"], set_=values)
        )

    async def stages_by_unit(self, year: int) -> list[StageCount]:
        query = (
            select(Unit.name, PlanRow.status, func.count(PlanRow.id))
            .join(EmployeeRow, EmployeeRow.unit_id == Unit.id)
            .join(PlanRow, PlanRow.employee_id == EmployeeRow.id)
            .where(PlanRow.year == year, EmployeeRow.left_at.is_(None))
            .group_by(Unit.name, PlanRow.status)
            .order_by(Unit.name, PlanRow.status)
        )
        return [StageCount(unit, status, int(n)) for unit, status, n in
                await self.session.execute(query)]  # fmt: skip

    async def queued_between(self, start: datetime, end: datetime, limit: int) -> list[Queued]:
        e, o = EmployeeRow, OutboxRow
        query = (
            select(o.template, e.id, e.nama, e.zona_waktu, e.bahasa, o.due_at)
            .join(e, e.id == o.employee_id)
            .where(o.status == "pending", o.broadcast_id.is_(None), o.due_at >= start,
                   o.due_at < end)
            .order_by(o.due_at, o.id)
            .limit(limit)
        )  # fmt: skip
        return [Queued(template, _someone(*who), due_at)
                for template, *who, due_at in await self.session.execute(query)]  # fmt: skip
