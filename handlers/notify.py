"""Notify: say something to another person, later and durably, through the outbox.

A use case that changes state and must tell someone else (a supervisor, the expertise
group) calls :func:`notify` with the same unit of work, so the message is committed together
with the change or not at all. The sender delivers it in the recipient's own language.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from handlers.effects import Attachment, Button, Msg
from handlers.outbox import Kind, OutboxMessage, PinnedAddress
from handlers.ports import UnitOfWork


@dataclass(frozen=True)
class Notify:
    """A message for ``recipient_id``; ``due_at`` None means as soon as possible."""

    recipient_id: int
    text: Msg
    due_at: datetime | None = None
    buttons: tuple[tuple[Button, ...], ...] = ()
    dedupe_key: str | None = None
    kind: Kind = Kind.NOTIFICATION
    to: PinnedAddress | None = None  # a fixed chat instead of the recipient's bound account
    attachment: Attachment | None = None  # a file sent with it (stored once, by reference)


async def notify(uow: UnitOfWork, effect: Notify, at: datetime) -> bool:
    """Queue ``effect`` in ``uow``'s transaction; False if its dedupe key was queued before.
    An attachment given as bytes is stored first; the row refers to it."""
    attachment = effect.attachment
    if attachment is not None and attachment.file_id is None:
        attachment = await uow.files.store(attachment, at)
    message = OutboxMessage(
        employee_id=effect.recipient_id,
        kind=effect.kind,
        template=effect.text.template,
        context=dict(effect.text.context),
        due_at=effect.due_at or at,
        buttons=effect.buttons,
        dedupe_key=effect.dedupe_key,
        to=effect.to,
        attachment_id=attachment.file_id if attachment is not None else None,
    )
    return await uow.outbox.enqueue(message, at)
