"""Repositories of the dialog kinerja's windows and appointments, and of stored files."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import exists, select, update

from handlers.dialog.model import Appointment, Window
from handlers.effects import Attachment
from storage.dialog_models import AppointmentRow, DialogueWindowRow, StoredFileRow
from storage.models import Unit
from storage.repositories import dialect_insert
from storage.session import DbSession


def _appointment(row: AppointmentRow) -> Appointment:
    return Appointment(
        plan_id=row.plan_id, uid=row.uid, starts_at=row.starts_at, proposed_at=row.proposed_at,
        proposed_by=row.proposed_by, sequence=row.sequence, revision=row.revision,
    )  # fmt: skip


class SqlDialogSchedule:
    def __init__(self, session: DbSession) -> None:
        self.session = session

    async def window(self, year: int, unit: str) -> Window | None:
        row = await self.session.get(DialogueWindowRow, (year, unit))
        return Window(row.starts, row.ends, row.unit) if row else None

    async def windows(self, year: int) -> list[Window]:
        rows = await self.session.scalars(
            select(DialogueWindowRow).where(DialogueWindowRow.year == year)
            .order_by(DialogueWindowRow.unit)
        )  # fmt: skip
        return [Window(row.starts, row.ends, row.unit) for row in rows]

    async def unit_exists(self, unit: str) -> bool:
        return bool(await self.session.scalar(select(exists().where(Unit.name == unit))))

    async def set_window(self, year: int, window: Window, by: str, at: datetime) -> None:
        assert window.unit is not None
        values = {"starts": window.starts, "ends": window.ends, "set_by": by, "set_at": at}
        statement = dialect_insert(self.session, DialogueWindowRow).values(
            year=year, unit=window.unit, **values
        )
        await self.session.execute(
            statement.on_conflict_do_update(index_elements=["year", "unit"], set_=values)
        )

    async def appointment(self, plan_id: int) -> Appointment | None:
        row = await self.session.get(AppointmentRow, plan_id, populate_existing=True)
        return _appointment(row) if row else None

    async def save_appointment(self, appointment: Appointment, at: datetime) -> bool:
        values = {
            "uid": appointment.uid, "starts_at": appointment.starts_at,
            "proposed_at": appointment.proposed_at, "proposed_by": appointment.proposed_by,
            "sequence": appointment.sequence, "revision": appointment.revision, "updated_at": at,
        }  # fmt: skip
        changed = await self.session.execute(
            update(AppointmentRow)
            .where(AppointmentRow.plan_id == appointment.plan_id,
                   AppointmentRow.revision == appointment.revision - 1)
            .values(values)
        )  # fmt: skip
        if getattr(changed, "rowcount", 0):
            return True
        if appointment.revision != 1:
            return False
        inserted = await self.session.execute(
            dialect_insert(self.session, AppointmentRow)
            .values(plan_id=appointment.plan_id, **values)
            .on_conflict_do_nothing(index_elements=["plan_id"])
        )
        return bool(getattr(inserted, "rowcount", 0))


class SqlFiles:
    def __init__(self, session: DbSession) -> None:
        self.session = session

    async def store(self, attachment: Attachment, at: datetime) -> Attachment:
        assert attachment.data is not None
        row = StoredFileRow(name=attachment.name, mime=attachment.mime, content=attachment.data,
                            created_at=at)  # fmt: skip
        self.session.add(row)
        await self.session.flush()
        return Attachment(attachment.name, attachment.mime, attachment.data, row.id)

    async def load(self, file_id: int) -> Attachment | None:
        row = await self.session.get(StoredFileRow, file_id)
        return Attachment(row.name, row.mime, row.content, row.id) if row else None
