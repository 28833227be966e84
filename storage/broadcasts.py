"""Broadcasts: the text once, the schedule, and the delivery report counted from the outbox."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import case, func, select, update

from handlers.outbox import Status
from handlers.ports import BroadcastRecord, BroadcastTally
from storage.models import EmployeeRow
from storage.outbox import BroadcastRow, OutboxRow
from storage.session import DbSession

SCHEDULED, DONE, CANCELLED = "scheduled", "done", "cancelled"


def _record(row: BroadcastRow) -> BroadcastRecord:
    return BroadcastRecord(
        id=row.id,
        audience=row.audience,
        text=row.text,
        created_by=row.created_by,
        created_at=row.created_at,
        first_due_at=row.first_due_at,
        last_due_at=row.last_due_at,
        recipients=row.recipients,
        status=row.status,
        progress_ref=row.progress_ref,
    )


class SqlBroadcasts:
    def __init__(self, session: DbSession) -> None:
        self.session = session

    async def create(self, audience: str, text: str, created_by: int | None, at: datetime) -> int:
        row = BroadcastRow(
            audience=audience, text=text, created_by=created_by, created_at=at,
            recipients=0, status=SCHEDULED,
        )  # fmt: skip
        self.session.add(row)
        await self.session.flush()
        return row.id

    async def schedule(
        self, broadcast_id: int, recipients: int, first_due: datetime, last_due: datetime
    ) -> None:
        await self.session.execute(
            update(BroadcastRow)
            .where(BroadcastRow.id == broadcast_id)
            .values(recipients=recipients, first_due_at=first_due, last_due_at=last_due)
        )

    async def get(self, broadcast_id: int) -> BroadcastRecord | None:
        row = await self.session.get(BroadcastRow, broadcast_id)
        return _record(row) if row else None

    async def open(self) -> list[BroadcastRecord]:
        """Broadcasts not finished or cancelled yet, soonest first."""
        rows = await self.session.scalars(
            select(BroadcastRow)
            .where(BroadcastRow.status == SCHEDULED)
            .order_by(BroadcastRow.first_due_at, BroadcastRow.id)
        )
        return [_record(row) for row in rows]

    async def started(self, now: datetime) -> list[BroadcastRecord]:
        """Open broadcasts whose first messages are due: the ones sending now."""
        rows = await self.session.scalars(
            select(BroadcastRow)
            .where(BroadcastRow.status == SCHEDULED, BroadcastRow.first_due_at <= now)
            .order_by(BroadcastRow.id)
        )
        return [_record(row) for row in rows]

    async def cancel(self, broadcast_id: int, at: datetime) -> int:
        """Call off what has not gone out; returns how many messages were cancelled."""
        result = await self.session.execute(
            update(OutboxRow)
            .where(OutboxRow.broadcast_id == broadcast_id, OutboxRow.status == Status.PENDING)
            .values(status=Status.CANCELLED.value, last_error="cancelled")
        )
        await self.session.execute(
            update(BroadcastRow)
            .where(BroadcastRow.id == broadcast_id, BroadcastRow.status == SCHEDULED)
            .values(status=CANCELLED, finished_at=at)
        )
        return int(getattr(result, "rowcount", 0) or 0)

    async def tally(self, broadcast_id: int) -> BroadcastTally:
        mine = OutboxRow.broadcast_id == broadcast_id
        by_status: Any = await self.session.execute(
            select(OutboxRow.status, func.count()).where(mine).group_by(OutboxRow.status)
        )
        failures: Any = await self.session.execute(
            select(OutboxRow.last_error, func.count())
            .where(mine, OutboxRow.status == Status.FAILED.value)
            .group_by(OutboxRow.last_error)
        )
        stopped = case((OutboxRow.interrupted > 0, 1), else_=0)
        uncertain, interrupted = (
            await self.session.execute(
                select(func.count(), func.sum(stopped)).where(mine, OutboxRow.uncertain > 0)
            )
        ).one()
        return BroadcastTally(
            by_status={status: count for status, count in by_status},
            failures={reason or "unknown": count for reason, count in failures},
            uncertain=int(uncertain or 0),
            interrupted=int(interrupted or 0),
        )

    async def unreachable_people(self, broadcast_id: int, limit: int) -> list[tuple[str, str]]:
        """(name, NIP) of recipients the broadcast could not reach, by name."""
        rows: Any = await self.session.execute(
            select(EmployeeRow.nama, EmployeeRow.nip)
            .join(OutboxRow, OutboxRow.employee_id == EmployeeRow.id)
            .where(
                OutboxRow.broadcast_id == broadcast_id,
                OutboxRow.status == Status.UNREACHABLE.value,
            )
            .order_by(EmployeeRow.nama, EmployeeRow.nip)
            .limit(limit)
        )
        return [(nama, nip) for nama, nip in rows]

    async def finish(self, broadcast_id: int, at: datetime) -> bool:
        """Mark a broadcast done; True for the one caller that did it."""
        result = await self.session.execute(
            update(BroadcastRow)
            .where(BroadcastRow.id == broadcast_id, BroadcastRow.status == SCHEDULED)
            .values(status=DONE, finished_at=at)
        )
        return bool(getattr(result, "rowcount", 0))

    async def set_progress_ref(self, broadcast_id: int, ref: str) -> None:
        await self.session.execute(
            update(BroadcastRow).where(BroadcastRow.id == broadcast_id).values(progress_ref=ref)
        )
