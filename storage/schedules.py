"""Cuti bersama days and the reminders a coordinator set for the cycle."""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import delete, select, update

from handlers.model import Zone
from handlers.ports import ReminderRecord
from storage.outbox import CutiBersamaRow, ReminderRow
from storage.repositories import dialect_insert
from storage.session import DbSession


class SqlCutiBersama:
    def __init__(self, session: DbSession) -> None:
        self.session = session

    async def add(self, day: date, at: datetime) -> bool:
        result = await self.session.execute(
            dialect_insert(self.session, CutiBersamaRow)
            .values(day=day, created_at=at)
            .on_conflict_do_nothing()
        )
        return bool(getattr(result, "rowcount", 0))

    async def remove(self, day: date) -> bool:
        result = await self.session.execute(delete(CutiBersamaRow).where(CutiBersamaRow.day == day))
        return bool(getattr(result, "rowcount", 0))

    async def listing(self, since: date) -> list[date]:
        rows = await self.session.scalars(
            select(CutiBersamaRow.day)
            .where(CutiBersamaRow.day >= since)
            .order_by(CutiBersamaRow.day)
        )
        return list(rows)

    async def between(self, start: date, end: date) -> frozenset[date]:
        rows = await self.session.scalars(
            select(CutiBersamaRow.day).where(CutiBersamaRow.day.between(start, end))
        )
        return frozenset(rows)


def _zones(text: str) -> frozenset[Zone]:
    return frozenset(Zone(part) for part in text.split(",") if part)


def _record(row: ReminderRow) -> ReminderRecord:
    return ReminderRecord(
        id=row.id,
        audience=row.audience,
        template=row.template,
        on_date=row.on_date,
        at_time=row.at_time,
        deadline=row.deadline,
        enqueued_zones=_zones(row.enqueued_zones),
    )


class SqlReminders:
    def __init__(self, session: DbSession) -> None:
        self.session = session

    async def add(
        self,
        audience: str,
        template: str,
        on_date: date,
        at_time: time,
        deadline: date | None,
        at: datetime,
    ) -> int:
        row = ReminderRow(
            audience=audience, template=template, on_date=on_date, at_time=at_time,
            deadline=deadline, enqueued_zones="", done=False, created_at=at,
        )  # fmt: skip
        self.session.add(row)
        await self.session.flush()
        return row.id

    async def open(self) -> list[ReminderRecord]:
        rows = await self.session.scalars(
            select(ReminderRow).where(ReminderRow.done.is_(False)).order_by(ReminderRow.on_date)
        )
        return [_record(row) for row in rows]

    async def mark_enqueued(self, reminder_id: int, zones: frozenset[Zone], done: bool) -> None:
        text = ",".join(sorted(zone.value for zone in zones))
        await self.session.execute(
            update(ReminderRow)
            .where(ReminderRow.id == reminder_id)
            .values(enqueued_zones=text, done=done)
        )

    async def listing(self) -> list[tuple[ReminderRecord, bool]]:
        rows = await self.session.scalars(
            select(ReminderRow).order_by(ReminderRow.on_date, ReminderRow.id)
        )
        return [(_record(row), row.done) for row in rows]

    async def remove(self, reminder_id: int) -> bool:
        result = await self.session.execute(
            delete(ReminderRow).where(ReminderRow.id == reminder_id)
        )
        return bool(getattr(result, "rowcount", 0))
