"""Leavers: people no longer in the organisation file (``org import --deactivate-missing``).

A leaver keeps their record, plans and history (an erasure request removes those), but
their roles, expertise group and supervisor links end, their chat accounts are unbound,
their open invites revoked and their queued messages cancelled; audiences, reminders and
notices leave them out from then on. A leaver who appears in a later file is active again
and needs a new invite.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import delete, select, update

from handlers.outbox import Status
from storage.models import AccountRow, EmployeeRole, EmployeeRow, InviteRow
from storage.outbox import OutboxRow
from storage.session import DbSession

LEFT = "left"  # last_error of a message cancelled because its recipient left


async def end_membership(session: DbSession, ids: Sequence[int], at: datetime) -> None:
    """Mark ``ids`` as leavers and end everything that would reach them."""
    people = EmployeeRow.id.in_(ids)
    await session.execute(
        update(EmployeeRow)
        .where(people)
        .values(left_at=at, supervisor_id=None, expertise_group_id=None, updated_at=at)
    )
    await session.execute(
        update(EmployeeRow).where(EmployeeRow.supervisor_id.in_(ids)).values(supervisor_id=None)
    )
    await session.execute(delete(EmployeeRole).where(EmployeeRole.employee_id.in_(ids)))
    await session.execute(delete(AccountRow).where(AccountRow.employee_id.in_(ids)))
    await session.execute(
        update(InviteRow)
        .where(InviteRow.employee_id.in_(ids), InviteRow.used_at.is_(None),
               InviteRow.revoked_at.is_(None))
        .values(revoked_at=at)
    )  # fmt: skip
    await session.execute(
        update(OutboxRow)
        .where(OutboxRow.employee_id.in_(ids), OutboxRow.status == Status.PENDING.value)
        .values(status=Status.CANCELLED.value, last_error=LEFT)
    )


async def active_ids_not_in(session: DbSession, present: set[str]) -> list[int]:
    """The active people whose NIP is not in ``present``."""
    active = await session.execute(
        select(EmployeeRow.id, EmployeeRow.nip).where(EmployeeRow.left_at.is_(None))
    )
    return sorted(row_id for row_id, nip in active if nip not in present)
