"""Change requests (corrections of NIP or unit from Formulir 1 A) and applying them."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select, update

from handlers.ports import ChangeRequest
from storage.models import ChangeRequestRow, EmployeeRow, Unit
from storage.repositories import dialect_insert
from storage.session import DbSession

_REQUEST = select(
    ChangeRequestRow.id, ChangeRequestRow.employee_id, EmployeeRow.nip, EmployeeRow.nama,
    ChangeRequestRow.field, ChangeRequestRow.old_value, ChangeRequestRow.new_value,
    ChangeRequestRow.status, ChangeRequestRow.created_at, ChangeRequestRow.decided_at,
    ChangeRequestRow.decided_by,
).join(EmployeeRow, EmployeeRow.id == ChangeRequestRow.employee_id)  # fmt: skip


def _request(row: Any) -> ChangeRequest:
    return ChangeRequest(*row)


class SqlChangeRequests:
    def __init__(self, session: DbSession) -> None:
        self.session = session

    async def pending(self) -> list[ChangeRequest]:
        rows = await self.session.execute(
            _REQUEST.where(ChangeRequestRow.status == "pending").order_by(ChangeRequestRow.id)
        )
        return [_request(row) for row in rows]

    async def waiting_for(self, employee_id: int) -> dict[str, str]:
        rows = await self.session.execute(
            select(ChangeRequestRow.field, ChangeRequestRow.new_value)
            .where(ChangeRequestRow.employee_id == employee_id,
                   ChangeRequestRow.status == "pending")
            .order_by(ChangeRequestRow.id)
        )  # fmt: skip
        return {field: value for field, value in rows}  # the latest of a field wins

    async def get(self, request_id: int) -> ChangeRequest | None:
        row = (
            await self.session.execute(_REQUEST.where(ChangeRequestRow.id == request_id))
        ).first()
        return _request(row) if row else None

    async def decide(self, request_id: int, status: str, at: datetime, by: str) -> bool:
        """One conditional UPDATE: of two deciders at once, exactly one wins."""
        result = await self.session.execute(
            update(ChangeRequestRow)
            .where(ChangeRequestRow.id == request_id, ChangeRequestRow.status == "pending")
            .values(status=status, decided_at=at, decided_by=by)
        )
        return bool(getattr(result, "rowcount", 0) == 1)

    async def set_nip(self, employee_id: int, nip: str, at: datetime) -> None:
        await self.session.execute(
            update(EmployeeRow).where(EmployeeRow.id == employee_id).values(nip=nip, updated_at=at)
        )

    async def move_to_unit(self, employee_id: int, unit: str, at: datetime) -> None:
        """Move the employee to the unit named ``unit``, creating the unit if it is new."""
        await self.session.execute(
            dialect_insert(self.session, Unit).values(name=unit).on_conflict_do_nothing()
        )
        unit_id = await self.session.scalar(select(Unit.id).where(Unit.name == unit))
        await self.session.execute(
            update(EmployeeRow)
            .where(EmployeeRow.id == employee_id)
            .values(unit_id=unit_id, updated_at=at)
        )
