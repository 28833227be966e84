"""Audiences in SQL: who belongs to ``unit:…``, ``group:…``, ``role:…`` or ``stage:…``.

An audience becomes a WHERE clause on ``employees``; a broadcast to 100,000 people is one
``INSERT INTO outbox … SELECT … FROM employees WHERE …`` computed in the database.
Stages (``stage:<name>``) read the plan table; add a stage here and in
:class:`handlers.audience.Stage` together.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Integer,
    Select,
    String,
    Text,
    case,
    cast,
    exists,
    func,
    literal,
    select,
    true,
)

from handlers.audience import Audience, AudienceKind, Stage
from handlers.model import SENT, Zone
from handlers.outbox import AudienceMessage, Status
from storage.models import (
    AccountRow,
    EmployeeRole,
    EmployeeRow,
    ExpertiseGroup,
    PlanRow,
    Unit,
    UtcDateTime,
)
from storage.serialize import dump_context
from storage.session import DbSession


def _no_plan(year: int) -> ColumnElement[bool]:
    return ~exists().where(PlanRow.employee_id == EmployeeRow.id, PlanRow.year == year)


def _not_submitted(year: int) -> ColumnElement[bool]:
    submitted = exists().where(
        PlanRow.employee_id == EmployeeRow.id, PlanRow.year == year, PlanRow.status.in_(SENT)
    )
    return ~submitted


STAGE_FILTERS: dict[Stage, Callable[[int], ColumnElement[bool]]] = {
    Stage.NOT_STARTED: _no_plan,
    Stage.NOT_SUBMITTED: _not_submitted,
}


def member_filter(audience: Audience) -> ColumnElement[bool]:
    """A condition on ``employees`` that holds for exactly the audience's members (never a
    leaver)."""
    return EmployeeRow.left_at.is_(None) & _kind_filter(audience)


def _kind_filter(audience: Audience) -> ColumnElement[bool]:
    if audience.kind is AudienceKind.ALL:
        return true()
    if audience.kind is AudienceKind.UNIT:
        unit = select(Unit.id).where(Unit.name == audience.value).scalar_subquery()
        return EmployeeRow.unit_id == unit
    if audience.kind is AudienceKind.GROUP:
        group = (
            select(ExpertiseGroup.id).where(ExpertiseGroup.name == audience.value).scalar_subquery()
        )
        return EmployeeRow.expertise_group_id == group
    if audience.kind is AudienceKind.ROLE:
        return exists().where(
            EmployeeRole.employee_id == EmployeeRow.id, EmployeeRole.role == audience.value
        )
    if audience.year is None:
        raise ValueError("a stage audience needs the cycle year")
    return STAGE_FILTERS[Stage(audience.value)](audience.year)


async def count_members(session: DbSession, audience: Audience) -> int:
    query = select(func.count()).select_from(EmployeeRow).where(member_filter(audience))
    return int(await session.scalar(query) or 0)


NOTICE_CHANNELS = ("last_used", "newest")  # or a channel's name: that one when bound


def preferred_channel(employee_id: Any, last_channel: Any, policy: str = "last_used") -> Any:
    """The one channel a message for ``employee_id`` goes to, NULL when they have no account.
    One person may have several accounts (Telegram and Slack); ``policy`` picks: the channel
    of their last update (``last_channel``, an expression) when still bound, ``newest`` the
    most recently bound, a channel's name that one when bound; each falls back to the newest.
    A scalar subquery over the person's few accounts, evaluated when the row is written."""
    newest = (
        select(AccountRow.channel)
        .where(AccountRow.employee_id == employee_id)
        .order_by(AccountRow.bound_at.desc(), AccountRow.id.desc())
        .limit(1)
        .scalar_subquery()
    )
    if policy == "newest":
        return newest
    wanted = last_channel if policy == "last_used" else literal(policy, String())
    bound = (  # one look-up in the (channel, employee_id) unique index
        select(AccountRow.channel)
        .where(AccountRow.employee_id == employee_id, AccountRow.channel == wanted)
        .scalar_subquery()
    )
    return func.coalesce(bound, newest)


def last_channel_of(employee_id: int) -> Any:
    """The channel of a person's last update, as a subquery (for one row's INSERT)."""
    return select(EmployeeRow.last_channel).where(EmployeeRow.id == employee_id).scalar_subquery()


def audience_rows(
    audience: Audience,
    message: AudienceMessage,
    due_by_zone: Mapping[Zone, datetime],
    at: datetime,
    policy: str = "last_used",
) -> tuple[list[str], Select[Any]]:
    """The columns and the SELECT that make one outbox row per member (``from_select``)."""
    due = case(
        *((EmployeeRow.zona_waktu == zone.value, literal(when, UtcDateTime()))
          for zone, when in due_by_zone.items()),
        else_=literal(min(due_by_zone.values()), UtcDateTime()),
    )  # fmt: skip
    if message.dedupe_prefix is None:
        dedupe: Any = literal(None, String())
    else:
        dedupe = literal(f"{message.dedupe_prefix}:", String()) + cast(EmployeeRow.id, String())
    values = {
        "employee_id": EmployeeRow.id,
        "kind": literal(message.kind.value, String()),
        "template": literal(message.template, String()),
        "context": literal(dump_context(message.context), Text()),
        "due_at": due,
        "next_attempt_at": due,
        "status": literal(Status.PENDING.value, String()),
        "attempts": literal(0, Integer()),
        "uncertain": literal(0, Integer()),
        "parts_sent": literal(0, Integer()),
        "broadcast_id": literal(message.broadcast_id, Integer()),
        "dedupe_key": dedupe,
        "created_at": literal(at, UtcDateTime()),
        "channel": preferred_channel(EmployeeRow.id, EmployeeRow.last_channel, policy),
        "attachment_id": literal(message.attachment_id, Integer()),
    }
    query = select(*values.values()).where(
        member_filter(audience), EmployeeRow.zona_waktu.in_([z.value for z in due_by_zone])
    )
    return list(values), query
