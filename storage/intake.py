"""Incoming updates kept from the moment they are received until they are handled.

A channel records each update (its delivery id and payload) *before* it acknowledges it to
the platform — before confirming Telegram's polling offset, before answering a webhook 200 —
so a process killed between receipt and handling loses nothing: the next start handles what
was recorded and not finished. A row is claimed by the process that handles it (a lease, as
outbox rows are); a row whose lease ran out belongs to nobody and is taken up again.

The payload holds what a person typed, so a row lives only until it is handled.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import (
    Index,
    String,
    Text,
    UniqueConstraint,
    and_,
    bindparam,
    delete,
    func,
    or_,
    select,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Mapped, mapped_column

from storage.models import Base, Id, UtcDateTime, table
from storage.session import DbSession


class IncomingRow(Base):
    """One update received and not yet handled."""

    __tablename__ = "incoming"
    __table_args__ = (
        UniqueConstraint("channel", "key", name="uq_incoming_channel_key"),
        Index("ix_incoming_lease", "lease_until"),
        Index("ix_incoming_lane", "channel", "lane", "id"),
    )
    id: Mapped[int] = mapped_column(Id, primary_key=True)
    channel: Mapped[str] = mapped_column(String(16))
    key: Mapped[str] = mapped_column(String(64))
    lane: Mapped[str] = mapped_column(String(64))
    payload: Mapped[str] = mapped_column(Text)
    received_at: Mapped[datetime] = mapped_column(UtcDateTime())
    claimed_by: Mapped[str | None] = mapped_column(String(64))
    lease_until: Mapped[datetime | None] = mapped_column(UtcDateTime())


# Built once: they run for every update (a Core statement skips the ORM's layer).
_INCOMING = table(IncomingRow)
RECORD = {
    name: insert(_INCOMING).on_conflict_do_nothing().returning(_INCOMING.c.id)
    for name, insert in (("sqlite", sqlite.insert), ("postgresql", postgresql.insert))
}
FINISH = delete(_INCOMING).where(_INCOMING.c.id == bindparam("id"))


EARLIER = (
    select(_INCOMING.c.id, _INCOMING.c.lease_until)
    .where(
        _INCOMING.c.channel == bindparam("channel"),
        _INCOMING.c.lane == bindparam("lane"),
        _INCOMING.c.id < bindparam("id"),
        or_(_INCOMING.c.claimed_by.is_(None), _INCOMING.c.claimed_by != bindparam("worker")),
    )
    .order_by(_INCOMING.c.id)
    .limit(1)
)


@dataclass(frozen=True)
class Earlier:
    """An earlier update of the same person, unfinished in another process."""

    id: int
    lease_until: datetime | None


@dataclass(frozen=True)
class Received:
    """An update as a channel received it: ``lane`` orders it (one person's updates are
    handled one after another, in the order received)."""

    channel: str
    key: str
    lane: str
    payload: str


@dataclass(frozen=True)
class Recorded:
    id: int
    channel: str
    key: str
    lane: str
    payload: str


class SqlIncoming:
    def __init__(self, session: DbSession) -> None:
        self.session = session

    async def record(
        self, updates: list[Received], worker: str, now: datetime, lease: timedelta
    ) -> list[Recorded]:
        """Keep each update not seen before, claimed by ``worker``; return the new ones in
        the order given (a redelivered update that is still here is not returned twice)."""
        statement = RECORD[self.session.get_bind().dialect.name]
        recorded = []
        for item in updates:
            params = {"channel": item.channel, "key": item.key, "lane": item.lane,
                      "payload": item.payload, "received_at": now, "claimed_by": worker,
                      "lease_until": now + lease}  # fmt: skip
            new_id = (await self.session.execute(statement, params)).scalar()
            if new_id is not None:
                recorded.append(Recorded(new_id, item.channel, item.key, item.lane, item.payload))
        return recorded

    async def claim_unfinished(
        self, worker: str, now: datetime, lease: timedelta, *, every_claim: bool = False,
        channel: str | None = None,
    ) -> list[Recorded]:  # fmt: skip
        """Take the rows nobody handles any more (lease over; or all of them, when this is
        the only process receiving updates), oldest first; only ``channel``'s, if given."""
        query = select(IncomingRow.id)
        if channel is not None:
            query = query.where(IncomingRow.channel == channel)
        if not every_claim:
            query = query.where(
                or_(IncomingRow.lease_until.is_(None), IncomingRow.lease_until < now)
            )
        if self.session.get_bind().dialect.name == "postgresql":
            query = query.with_for_update(skip_locked=True)
        ids = list((await self.session.scalars(query.order_by(IncomingRow.id).limit(1000))).all())
        if not ids:
            return []
        rows = await self.session.execute(
            update(IncomingRow)
            .where(IncomingRow.id.in_(ids))
            .values(claimed_by=worker, lease_until=now + lease)
            .returning(IncomingRow.id, IncomingRow.channel, IncomingRow.key, IncomingRow.lane,
                       IncomingRow.payload)
        )  # fmt: skip
        return sorted((Recorded(*row) for row in rows), key=lambda r: r.id)

    async def earlier_elsewhere(self, row: Recorded, worker: str) -> Earlier | None:
        """The oldest update of ``row``'s lane recorded before it and still unfinished in
        another process than ``worker`` (or in none), if any."""
        found = await self.session.execute(EARLIER, {"channel": row.channel, "lane": row.lane,
                                                     "id": row.id, "worker": worker})  # fmt: skip
        first = found.first()
        return Earlier(first.id, first.lease_until) if first else None

    async def extend(self, ids: list[int], worker: str, until: datetime) -> None:
        """Keep the claim on rows still waiting to be handled by ``worker``."""
        await self.session.execute(
            update(IncomingRow)
            .where(and_(IncomingRow.id.in_(ids), IncomingRow.claimed_by == worker))
            .values(lease_until=until)
        )

    async def finish(self, row_id: int) -> None:
        """The update was handled: forget it (what it changed is in the other tables)."""
        await self.session.execute(FINISH, {"id": row_id})

    async def pending(self) -> int:
        return int(await self.session.scalar(select(func.count()).select_from(IncomingRow)) or 0)
