"""The outbox's vocabulary: what waits to be said to whom, and what became of it.

Everything the bot says to someone other than the person acting right now — a
notification, a reminder, a coordinator's broadcast — is a row in the outbox, written in
the same transaction as the change that causes it. A sender claims due rows and delivers
them through the recipient's bound chat account; the row's status records the outcome.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

from handlers.effects import Attachment, Button


class Kind(StrEnum):
    NOTIFICATION = "notification"
    REMINDER = "reminder"
    BROADCAST = "broadcast"


class Status(StrEnum):
    PENDING = "pending"  # waiting for its due time (or for a retry)
    SENDING = "sending"  # claimed by a sender, under a lease
    SENT = "sent"  # the platform accepted every part
    FAILED = "failed"  # gave up; ``last_error`` says why
    UNREACHABLE = "unreachable"  # no bound account, or the person blocked the bot
    CANCELLED = "cancelled"  # a scheduled broadcast was called off

    @property
    def final(self) -> bool:
        return self not in (Status.PENDING, Status.SENDING)


@dataclass(frozen=True)
class OutboxMessage:
    """One message to enqueue for one employee, rendered at send time in their language."""

    employee_id: int
    kind: Kind
    template: str
    context: dict[str, Any]
    due_at: datetime
    buttons: tuple[tuple[Button, ...], ...] = ()
    dedupe_key: str | None = None
    to: PinnedAddress | None = None  # None: the employee's account bound at send time
    attachment_id: int | None = None  # a stored file sent with the message


@dataclass(frozen=True)
class PinnedAddress:
    """A chat fixed when the row is queued, not looked up when it is sent: an account that
    was just unbound from the employee is still told so there."""

    channel: str
    address: str


@dataclass(frozen=True)
class AudienceMessage:
    """The same message for every member of an audience (a broadcast or a reminder)."""

    kind: Kind
    template: str
    context: dict[str, Any] = field(default_factory=dict)
    broadcast_id: int | None = None
    dedupe_prefix: str | None = None  # "<prefix>:<employee id>" makes each row unique
    attachment_id: int | None = None  # a stored file sent with each message


@dataclass(frozen=True)
class OutboxItem:
    """A claimed row with what delivering it needs: where the person is and their language."""

    id: int
    employee_id: int
    kind: Kind
    template: str
    context: dict[str, Any]
    buttons: tuple[tuple[Button, ...], ...]
    locale: str
    address: str | None  # the chat to send to; None: no bound account on this channel
    unreachable: bool  # the person blocked the bot (a 403 earlier)
    attempts: int = 0
    uncertain: int = 0
    parts_sent: int = 0
    broadcast_id: int | None = None
    pinned: bool = False  # ``address`` was fixed at queueing (see :class:`PinnedAddress`)
    attachment: Attachment | None = None  # with its bytes, to send after the text


@dataclass(frozen=True)
class Settlement:
    """What became of one delivery attempt, as the row will record it."""

    status: Status
    attempts: int
    uncertain: int
    parts_sent: int
    next_attempt_at: datetime | None = None
    last_error: str | None = None
    sent_at: datetime | None = None
    unreachable_reason: str | None = None  # set: remember the person as unreachable
