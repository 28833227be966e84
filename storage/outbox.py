"""Delivery tables (outbox, broadcasts, unreachable people, cuti bersama, reminders) and the
outbox repository: enqueue in the caller's transaction, claim atomically, settle.

Claiming is ``UPDATE … WHERE id IN (SELECT … FOR UPDATE SKIP LOCKED) RETURNING`` on
PostgreSQL, so concurrent senders never take one row; on SQLite the same conditional
``UPDATE … RETURNING`` runs under the write lock every transaction takes at ``BEGIN``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime, time, timedelta
from typing import Any, cast

from sqlalchemy import (
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    Time,
    and_,
    bindparam,
    delete,
    func,
    literal,
    or_,
    select,
    update,
)
from sqlalchemy.orm import Mapped, mapped_column

from handlers.audience import Audience
from handlers.effects import Attachment
from handlers.model import Zone
from handlers.outbox import AudienceMessage, Kind, OutboxItem, OutboxMessage, Settlement, Status
from storage.audiences import audience_rows, count_members, last_channel_of, preferred_channel
from storage.dialog_models import StoredFileRow
from storage.models import AccountRow, Base, EmployeeRow, Id, UtcDateTime, table
from storage.repositories import dialect_insert
from storage.serialize import dump_buttons, dump_context, load_buttons, load_context
from storage.session import DbSession


class OutboxRow(Base):
    """One message for one employee: rendered at send time in their language."""

    __tablename__ = "outbox"
    __table_args__ = (
        Index("ix_outbox_due", "status", "next_attempt_at"),
        Index("ix_outbox_lease", "status", "lease_until"),
        Index("ix_outbox_broadcast", "broadcast_id", "status"),
    )
    id: Mapped[int] = mapped_column(Id, primary_key=True)
    employee_id: Mapped[int] = mapped_column(
        ForeignKey("employees.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(16))
    template: Mapped[str] = mapped_column(String(120))
    context: Mapped[str] = mapped_column(Text, default="{}")
    buttons: Mapped[str | None] = mapped_column(Text)
    due_at: Mapped[datetime] = mapped_column(UtcDateTime())
    status: Mapped[str] = mapped_column(String(12))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    uncertain: Mapped[int] = mapped_column(Integer, default=0)
    # of those, the times its sender stopped while sending it (released after a crash)
    interrupted: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    parts_sent: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UtcDateTime())
    last_error: Mapped[str | None] = mapped_column(String(200))
    claimed_by: Mapped[str | None] = mapped_column(String(64))
    lease_until: Mapped[datetime | None] = mapped_column(UtcDateTime())
    sent_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    broadcast_id: Mapped[int | None] = mapped_column(
        ForeignKey("broadcasts.id", ondelete="CASCADE")
    )
    dedupe_key: Mapped[str | None] = mapped_column(String(120), unique=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    # the recipient's channel, chosen when the row is queued (storage.audiences.
    # preferred_channel); NULL: they had no account then. Only that channel's sender takes it.
    channel: Mapped[str | None] = mapped_column(String(16))
    # set: the row goes to this chat on ``channel``, not to the account bound at send time
    pinned_address: Mapped[str | None] = mapped_column(String(64))
    # a file sent with the message (an .ics appointment, the dialogue guide)
    attachment_id: Mapped[int | None] = mapped_column(
        ForeignKey("stored_files.id", ondelete="SET NULL")
    )


class BroadcastRow(Base):
    """A coordinator's broadcast: its text once, its recipients as outbox rows."""

    __tablename__ = "broadcasts"
    id: Mapped[int] = mapped_column(Id, primary_key=True)
    audience: Mapped[str] = mapped_column(String(300))
    text: Mapped[str] = mapped_column(Text)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("employees.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    first_due_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    last_due_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    recipients: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[str] = mapped_column(String(12), index=True)
    progress_ref: Mapped[str | None] = mapped_column(String(64))
    finished_at: Mapped[datetime | None] = mapped_column(UtcDateTime())


class UnreachableRow(Base):
    """A person who blocked the bot on a channel: later sends there skip them."""

    __tablename__ = "unreachable"
    employee_id: Mapped[int] = mapped_column(
        ForeignKey("employees.id", ondelete="CASCADE"), primary_key=True
    )
    channel: Mapped[str] = mapped_column(String(16), primary_key=True)
    reason: Mapped[str] = mapped_column(String(60))
    since: Mapped[datetime] = mapped_column(UtcDateTime())


_UNREACHABLE = table(UnreachableRow)
CLEAR_UNREACHABLE = delete(_UNREACHABLE).where(
    _UNREACHABLE.c.employee_id == bindparam("employee_id"),
    _UNREACHABLE.c.channel == bindparam("channel"),
)


class CutiBersamaRow(Base):
    """A collective leave day (cuti bersama): not a working day for reminders."""

    __tablename__ = "cuti_bersama"
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())


class ReminderRow(Base):
    """A reminder the coordinator set for a date; ``enqueued_zones`` lists the zones done."""

    __tablename__ = "reminders"
    id: Mapped[int] = mapped_column(Id, primary_key=True)
    audience: Mapped[str] = mapped_column(String(300))
    template: Mapped[str] = mapped_column(String(120))
    on_date: Mapped[date] = mapped_column(Date)
    at_time: Mapped[time] = mapped_column(Time)
    deadline: Mapped[date | None] = mapped_column(Date)
    enqueued_zones: Mapped[str] = mapped_column(String(20), default="")
    done: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())


OUTBOX = cast(Table, OutboxRow.__table__)
SETTLE = (
    OUTBOX.update()
    .where(OUTBOX.c.id == bindparam("row_id"))
    .values(
        status=bindparam("new_status"),
        attempts=bindparam("new_attempts"),
        uncertain=bindparam("new_uncertain"),
        parts_sent=bindparam("new_parts"),
        last_error=bindparam("new_error"),
        sent_at=bindparam("new_sent_at", type_=UtcDateTime()),
        next_attempt_at=func.coalesce(
            bindparam("new_next", type_=UtcDateTime()), OUTBOX.c.next_attempt_at
        ),
        claimed_by=None,
        lease_until=None,
    )
)


def _settled_row(row_id: int, settlement: Settlement) -> dict[str, object]:
    return {
        "row_id": row_id,
        "new_status": settlement.status.value,
        "new_attempts": settlement.attempts,
        "new_uncertain": settlement.uncertain,
        "new_parts": settlement.parts_sent,
        "new_error": settlement.last_error,
        "new_sent_at": settlement.sent_at,
        "new_next": settlement.next_attempt_at,
    }


class SqlOutbox:
    def __init__(self, session: DbSession, notice_channel: str = "last_used") -> None:
        """``notice_channel``: which of a person's accounts a row goes to (IDP_NOTICE_CHANNEL,
        see :func:`storage.audiences.preferred_channel`)."""
        self.session = session
        self.notice_channel = notice_channel

    async def enqueue(self, message: OutboxMessage, at: datetime) -> bool:
        """Add one row; False when a row with the same dedupe key exists already, or when
        the recipient has left the organisation (a leaver gets no more messages)."""
        left = select(EmployeeRow.left_at).where(EmployeeRow.id == message.employee_id)
        if await self.session.scalar(left) is not None:
            return False
        values = {
            "employee_id": message.employee_id,
            "kind": message.kind.value,
            "template": message.template,
            "context": dump_context(message.context),
            "buttons": dump_buttons(message.buttons),
            "due_at": message.due_at,
            "next_attempt_at": message.due_at,
            "status": Status.PENDING.value,
            "attempts": 0,
            "uncertain": 0,
            "parts_sent": 0,
            "dedupe_key": message.dedupe_key,
            "created_at": at,
            "channel": message.to.channel if message.to else self._channel(message.employee_id),
            "pinned_address": message.to.address if message.to else None,
            "attachment_id": message.attachment_id,
        }
        statement = dialect_insert(self.session, OutboxRow).values(values)
        if message.dedupe_key is not None:
            statement = statement.on_conflict_do_nothing(index_elements=["dedupe_key"])
        result = await self.session.execute(statement)
        return bool(getattr(result, "rowcount", 0))

    def _channel(self, employee_id: int) -> Any:
        person = literal(employee_id, Integer())
        return preferred_channel(person, last_channel_of(employee_id), self.notice_channel)

    async def enqueue_audience(
        self,
        audience: Audience,
        message: AudienceMessage,
        due_by_zone: Mapping[Zone, datetime],
        at: datetime,
    ) -> int:
        """One row per member of ``audience`` in ``due_by_zone``'s zones, in one statement."""
        columns, rows = audience_rows(audience, message, due_by_zone, at, self.notice_channel)
        statement = dialect_insert(self.session, OutboxRow).from_select(columns, rows)
        if message.dedupe_prefix is not None:
            statement = statement.on_conflict_do_nothing(index_elements=["dedupe_key"])
        result = await self.session.execute(statement)
        return int(getattr(result, "rowcount", 0) or 0)

    async def count_audience(self, audience: Audience) -> int:
        return await count_members(self.session, audience)

    async def claim(
        self,
        channel: str,
        worker: str,
        now: datetime,
        lease: timedelta,
        limit: int,
        *,
        unbound: bool = False,
    ) -> list[OutboxItem]:
        """Take up to ``limit`` due rows of ``channel`` for ``worker`` until ``now + lease``;
        ``unbound``: also rows queued for someone who had no account (see the port)."""
        mine = OutboxRow.channel == channel
        due = (
            select(OutboxRow.id)
            .where(OutboxRow.status == Status.PENDING.value, OutboxRow.next_attempt_at <= now)
            .where(or_(mine, OutboxRow.channel.is_(None)) if unbound else mine)
            .order_by(OutboxRow.next_attempt_at, OutboxRow.id)
            .limit(limit)
        )
        if self.session.get_bind().dialect.name == "postgresql":
            due = due.with_for_update(skip_locked=True)
        # A CTE is evaluated once; a plain IN (subquery) may be re-run by PostgreSQL while
        # it updates, claiming far more than ``limit`` rows.
        chosen = due.cte("due")
        claimed = await self.session.execute(
            update(OutboxRow)
            .where(OutboxRow.id.in_(select(chosen.c.id)))
            .where(OutboxRow.status == Status.PENDING.value)
            .values(status=Status.SENDING.value, claimed_by=worker, lease_until=now + lease)
            .returning(OutboxRow.id)
        )
        ids = [row_id for (row_id,) in claimed]
        return await self._items(channel, ids) if ids else []

    async def _items(self, channel: str, ids: list[int]) -> list[OutboxItem]:
        query = (
            select(OutboxRow, EmployeeRow.bahasa, AccountRow.address, UnreachableRow.reason,
                   BroadcastRow.text)
            .join(EmployeeRow, EmployeeRow.id == OutboxRow.employee_id)
            .outerjoin(AccountRow, and_(AccountRow.employee_id == OutboxRow.employee_id,
                                        AccountRow.channel == channel))
            .outerjoin(UnreachableRow, and_(UnreachableRow.employee_id == OutboxRow.employee_id,
                                            UnreachableRow.channel == channel))
            .outerjoin(BroadcastRow, BroadcastRow.id == OutboxRow.broadcast_id)
            .where(OutboxRow.id.in_(ids))
            .order_by(OutboxRow.next_attempt_at, OutboxRow.id)
        )  # fmt: skip
        items = []
        found: Any = await self.session.execute(query)  # rows of five columns
        for row, locale, address, blocked, text in found:
            context = load_context(row.context)
            if text is not None:
                context["text"] = text
            pinned = row.pinned_address is not None
            items.append(
                OutboxItem(
                    id=row.id,
                    employee_id=row.employee_id,
                    kind=Kind(row.kind),
                    template=row.template,
                    context=context,
                    buttons=load_buttons(row.buttons),
                    locale=locale,
                    address=row.pinned_address if pinned else address,
                    unreachable=blocked is not None and not pinned,
                    attempts=row.attempts,
                    uncertain=row.uncertain,
                    parts_sent=row.parts_sent,
                    broadcast_id=row.broadcast_id,
                    pinned=pinned,
                    attachment=await self._attachment(row.attachment_id),
                )
            )
        return items

    async def _attachment(self, file_id: int | None) -> Attachment | None:
        if file_id is None:
            return None
        row = await self.session.get(StoredFileRow, file_id)
        return Attachment(row.name, row.mime, row.content, row.id) if row else None

    async def cancel_pending(self, dedupe_prefix: str) -> int:
        result = await self.session.execute(
            update(OutboxRow)
            .where(OutboxRow.status == Status.PENDING.value,
                   OutboxRow.dedupe_key.startswith(dedupe_prefix, autoescape=True))
            .values(status=Status.CANCELLED.value, last_error="cancelled")
        )  # fmt: skip
        return int(getattr(result, "rowcount", 0) or 0)

    async def settle(self, worker: str, settlements: Sequence[tuple[int, Settlement]]) -> set[int]:
        """Record outcomes of rows ``worker`` still holds, in two statements however many;
        return the ids recorded (a row whose lease was taken over is left alone)."""
        ids = [row_id for row_id, _ in settlements]
        held_query = select(OutboxRow.id).where(
            OutboxRow.id.in_(ids),
            OutboxRow.claimed_by == worker,
            OutboxRow.status == Status.SENDING.value,
        )
        if self.session.get_bind().dialect.name == "postgresql":
            held_query = held_query.with_for_update()
        held = set(await self.session.scalars(held_query))
        rows = [_settled_row(row_id, s) for row_id, s in settlements if row_id in held]
        if rows:
            await self.session.execute(SETTLE, rows)
        return held

    async def release_expired(self, now: datetime, *, every_claim: bool = False) -> int:
        """Give back rows whose sender died (lease over, or all of them when this process
        is the only sender): their delivery is uncertain, so each is counted and retried."""
        condition = OutboxRow.status == Status.SENDING.value
        if not every_claim:
            condition = and_(condition, OutboxRow.lease_until < now)
        result = await self.session.execute(
            update(OutboxRow)
            .where(condition)
            .values(status=Status.PENDING.value, uncertain=OutboxRow.uncertain + 1,
                    interrupted=OutboxRow.interrupted + 1, claimed_by=None, lease_until=None,
                    next_attempt_at=now, last_error="sender stopped")
        )  # fmt: skip
        return int(getattr(result, "rowcount", 0) or 0)

    async def next_due(self) -> datetime | None:
        query = select(func.min(OutboxRow.next_attempt_at)).where(
            OutboxRow.status == Status.PENDING.value
        )
        value: datetime | None = await self.session.scalar(query)
        return value

    async def mark_unreachable(
        self, employee_id: int, channel: str, reason: str, at: datetime
    ) -> None:
        statement = (
            dialect_insert(self.session, UnreachableRow)
            .values(employee_id=employee_id, channel=channel, reason=reason, since=at)
            .on_conflict_do_nothing()
        )
        await self.session.execute(statement)

    async def clear_unreachable(self, employee_id: int, channel: str) -> int:
        """Run for every update a person sends: a prebuilt Core statement, no ORM layer."""
        params = {"employee_id": employee_id, "channel": channel}
        result = await self.session.execute(CLEAR_UNREACHABLE, params)
        return int(getattr(result, "rowcount", 0) or 0)

    async def address_of(self, employee_id: int, channel: str) -> str | None:
        """Where ``employee_id`` is reached on ``channel`` (a Telegram chat id), if bound."""
        address: str | None = await self.session.scalar(
            select(AccountRow.address).where(
                AccountRow.employee_id == employee_id, AccountRow.channel == channel
            )
        )
        return address

    async def channel_for(self, employee_id: int) -> str | None:
        """The channel a notice for ``employee_id`` goes to now (IDP_NOTICE_CHANNEL)."""
        chosen = preferred_channel(employee_id, last_channel_of(employee_id), self.notice_channel)
        channel: str | None = await self.session.scalar(select(chosen))
        return channel
