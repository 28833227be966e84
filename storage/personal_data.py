"""Everything held about one person, read for an access request (UU PDP 27/2022) and erased
on an erasure request. What each table keeps and why: docs/privacy.md.

Every column that points at ``employees.id`` is named in :data:`SECTIONS` (export) and in
:data:`storage.erasure.ERASURE` (erase); a test walks the models and fails when a new one is
in neither.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from sqlalchemy import Table, and_, func, or_, select

from storage import erasure
from storage.agreement_models import PlanDialogueRow, PlanItemDecisionRow
from storage.checkin_models import CheckinAmendmentRow, CheckinItemRow, CheckinRow
from storage.dialog_models import AppointmentRow
from storage.models import (
    AccountRow,
    BindFailure,
    ChangeRequestRow,
    CycleRow,
    EmployeeRole,
    EmployeeRow,
    ExpertiseGroup,
    FormAnswerRow,
    FormSessionRow,
    InviteRow,
    PlanItemRow,
    PlanRow,
    Unit,
    table,
)
from storage.outbox import BroadcastRow, OutboxRow, UnreachableRow
from storage.plan_models import (
    PlanAnalysisRow,
    PlanBasisRow,
    PlanEventRow,
    PlanItemVersionRow,
    PlanProfileRow,
    PlanRatingRow,
)
from storage.session import DbSession


@dataclass(frozen=True)
class Section:
    """One part of the export: the rows of ``model`` whose ``column`` is the person's id."""

    key: str
    model: Any
    column: str
    omit: tuple[str, ...] = ()  # columns that are no data about the person (a secret's hash)

    @property
    def reference(self) -> tuple[str, str]:
        return (self.model.__tablename__, self.column)


SECTIONS = (
    Section("roles", EmployeeRole, "employee_id"),
    Section("accounts", AccountRow, "employee_id"),
    Section("invites", InviteRow, "employee_id", omit=("code_hash",)),
    Section("plans", PlanRow, "employee_id"),
    Section("form_sessions", FormSessionRow, "employee_id"),
    Section("change_requests", ChangeRequestRow, "employee_id"),
    Section("messages", OutboxRow, "employee_id"),
    Section("unreachable", UnreachableRow, "employee_id"),
    Section("broadcasts_created", BroadcastRow, "created_by"),
    Section("dialogue_offers", AppointmentRow, "proposed_by"),
)
# The other reference, exported as a count only: the people are someone else's data.
DIRECT_REPORTS = ("employees", "supervisor_id")
EXPORTED = frozenset({s.reference for s in SECTIONS} | {DIRECT_REPORTS})
JSON_COLUMNS = frozenset(
    {("form_sessions", "state"), ("form_answers", "value"), ("outbox", "context"),
     ("outbox", "buttons"), ("plan_item_versions", "relevansi"), ("plan_events", "changes"),
     ("checkin_amendments", "content")}
)  # fmt: skip
PLAN_TABLES = {"profiles": PlanProfileRow, "bases": PlanBasisRow, "analyses": PlanAnalysisRow,
               "ratings": PlanRatingRow, "events": PlanEventRow,
               "decisions": PlanItemDecisionRow, "dialogues": PlanDialogueRow,
               "checkins": CheckinRow, "checkin_items": CheckinItemRow,
               "checkin_amendments": CheckinAmendmentRow}  # fmt: skip


def plain(value: object) -> object:
    if isinstance(value, (datetime, date, time)):
        return value.isoformat()
    return value


def row_dict(source: Table, row: Any, omit: tuple[str, ...] = ()) -> dict[str, object]:
    """A row as JSON-ready values; JSON text columns become the objects they hold."""
    out: dict[str, object] = {}
    for column in source.c:
        if column.name in omit:
            continue
        value = row._mapping[column]
        if (source.name, column.name) in JSON_COLUMNS and value is not None:
            value = json.loads(value)
        out[column.name] = plain(value)
    return out


class SqlPersonalData:
    """Implements :class:`handlers.ports.PersonalData`."""

    def __init__(self, session: DbSession) -> None:
        self.session = session

    async def _rows(self, source: Table, *where: Any, omit: tuple[str, ...] = ()) -> list[Any]:
        key = [c for c in source.primary_key.columns]
        found = await self.session.execute(select(source).where(*where).order_by(*key))
        return [row_dict(source, row, omit) for row in found]

    async def _record(self, employee_id: int) -> dict[str, object]:
        people, boss = table(EmployeeRow), table(EmployeeRow).alias("boss")
        query = (
            select(people, Unit.name, ExpertiseGroup.name, boss.c.nip, boss.c.nama)
            .join(Unit, Unit.id == people.c.unit_id)
            .outerjoin(ExpertiseGroup, ExpertiseGroup.id == people.c.expertise_group_id)
            .outerjoin(boss, boss.c.id == people.c.supervisor_id)
            .where(people.c.id == employee_id)
        )
        row = (await self.session.execute(query)).one()
        record = row_dict(people, row)
        unit, group, boss_nip, boss_name = row[-4:]
        atasan = {"nip": boss_nip, "nama": boss_name} if boss_nip else None
        record.update(unit_kerja=unit, kelompok_keahlian=group, atasan=atasan)
        return record

    async def export(self, employee_id: int) -> dict[str, Any]:
        """The person's record and every row that refers to them, section by section."""
        data: dict[str, Any] = {"employee": await self._record(employee_id)}
        for section in SECTIONS:
            source = table(section.model)
            data[section.key] = await self._rows(
                source, source.c[section.column] == employee_id, omit=section.omit
            )
        for plan in data["plans"]:
            await self._plan_data(plan)
        answers = table(FormAnswerRow)
        for session in data["form_sessions"]:
            rows = await self._rows(answers, answers.c.session_id == session["id"])
            session["answers"] = {row["key"]: row["value"] for row in rows}
        data["bind_failures"] = await self._bind_failures(data["accounts"])
        data["change_requests_decided"] = await self._decisions(data["employee"]["nip"])
        data["cycles_opened"] = list(await self.session.scalars(
            select(CycleRow.year).where(CycleRow.opened_by == data["employee"]["nip"])
        ))  # fmt: skip
        data["direct_reports"] = await self._count_reports(employee_id)
        return data

    async def _plan_data(self, plan: dict[str, Any]) -> None:
        """Each submission's typed rows, the items with their versions, the audit log."""
        for key, model in PLAN_TABLES.items():
            source = table(model)
            plan[key] = await self._rows(source, source.c.plan_id == plan["id"])
        items, versions = table(PlanItemRow), table(PlanItemVersionRow)
        plan["items"] = await self._rows(items, items.c.plan_id == plan["id"])
        for item in plan["items"]:
            item["versions"] = await self._rows(versions, versions.c.item_id == item["id"])

    async def _bind_failures(self, accounts: list[dict[str, Any]]) -> list[dict[str, object]]:
        """Wrong invite codes typed from the person's chat accounts (kept a short while)."""
        if not accounts:
            return []
        failures = table(BindFailure)
        mine = or_(
            *(and_(failures.c.channel == a["channel"], failures.c.external_id == a["external_id"])
              for a in accounts)
        )  # fmt: skip
        return await self._rows(failures, mine)

    async def _decisions(self, nip: str) -> list[dict[str, object]]:
        """Corrections this person decided as an administrator: the decision, not whose."""
        requests = table(ChangeRequestRow)
        found = await self.session.execute(
            select(requests.c.id, requests.c.field, requests.c.status, requests.c.decided_at)
            .where(requests.c.decided_by == nip)
            .order_by(requests.c.id)
        )
        return [
            {"id": row_id, "field": field, "status": status, "decided_at": plain(at)}
            for row_id, field, status, at in found
        ]

    async def _count_reports(self, employee_id: int) -> int:
        query = select(func.count()).where(EmployeeRow.supervisor_id == employee_id)
        return int(await self.session.scalar(query) or 0)

    async def erase(self, employee_id: int, at: datetime) -> dict[str, int]:
        return await erasure.erase(self.session, employee_id, at)
