"""Repositories: the core's ports (handlers.ports) over one SQLAlchemy session."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Select, bindparam, delete, func, select, text, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import aliased

from handlers.model import Account, Employee, JenisPegawai, Role, Zone
from handlers.ports import InviteRecord
from storage.models import (
    AccountRow,
    BindFailure,
    EmployeeRole,
    EmployeeRow,
    ExpertiseGroup,
    InboxRow,
    InviteRow,
    Unit,
    table,
)
from storage.session import DbSession

Supervisor = aliased(EmployeeRow, name="supervisor")


def dialect_insert(session: DbSession, table: Any) -> Any:
    """``INSERT`` with ``ON CONFLICT`` support for whichever engine the session is on."""
    name = session.get_bind().dialect.name
    return (postgresql.insert if name == "postgresql" else sqlite.insert)(table)


async def upsert(
    session: DbSession,
    model: Any,
    rows: list[dict[str, Any]],
    *,
    index: tuple[str, ...],
    changed: tuple[str, ...],
) -> None:
    """Insert ``rows``; where ``index`` already exists, update the ``changed`` columns."""
    statement = dialect_insert(session, model).values(rows)
    await session.execute(
        statement.on_conflict_do_update(
            index_elements=list(index),
            set_={key: getattr(statement.excluded, key) for key in changed},
        )
    )


def _employee_query() -> Select[Any]:
    """The employee with unit, supervisor's NIP, group and roles (built once, reused)."""
    e = EmployeeRow
    roles = (
        select(func.aggregate_strings(EmployeeRole.role, ","))
        .where(EmployeeRole.employee_id == e.id)
        .scalar_subquery()
    )
    return (
        select(e.id, e.nip, e.nama, e.jenis_pegawai, e.pangkat_golongan, e.pendidikan,
               e.masa_kerja, e.jabatan, Unit.name, roles, Supervisor.nip,
               ExpertiseGroup.name, e.email, e.zona_waktu, e.bahasa, e.last_channel)
        .join(Unit, Unit.id == e.unit_id)
        .outerjoin(Supervisor, Supervisor.id == e.supervisor_id)
        .outerjoin(ExpertiseGroup, ExpertiseGroup.id == e.expertise_group_id)
    )  # fmt: skip


# Built once: SQLAlchemy then reuses their compiled form without rebuilding them per call.
BY_ID = _employee_query().where(EmployeeRow.id == bindparam("id"))
BY_NIP = _employee_query().where(EmployeeRow.nip == bindparam("nip"))
BY_ACCOUNT = (
    _employee_query()
    .join(AccountRow, AccountRow.employee_id == EmployeeRow.id)
    .where(AccountRow.channel == bindparam("channel"))
    .where(AccountRow.external_id == bindparam("external_id"))
)
SET_LAST_CHANNEL = (
    update(table(EmployeeRow))
    .where(table(EmployeeRow).c.id == bindparam("row"))
    .values(last_channel=bindparam("channel"))
)
INBOX_INSERT = {
    name: insert(table(InboxRow)).on_conflict_do_nothing()
    for name, insert in (("sqlite", sqlite.insert), ("postgresql", postgresql.insert))
}
# One person's updates, one transaction at a time across processes. The two-key form keeps
# these locks apart from single-key ones (bot.leader, storage.migrate).
SENDER_LOCKS = 17_051  # "idp-bot senders": the first key of every person's lock
TAKE_TURN = text(f"SELECT pg_advisory_xact_lock({SENDER_LOCKS}, hashtext(:sender))")


class SqlEmployees:
    def __init__(self, session: DbSession) -> None:
        self.session = session

    async def _load(self, statement: Any, **params: Any) -> Employee | None:
        """One query: the employee, their unit, supervisor's NIP, group and roles."""
        found = (await self.session.execute(statement, params)).first()
        if found is None:
            return None
        (id_, nip, nama, jenis, golongan, pendidikan, masa_kerja, jabatan, unit, role_list,
         boss_nip, group, email, zone, bahasa, last_channel) = found  # fmt: skip
        return Employee(
            id=id_,
            nip=nip,
            nama=nama,
            jenis_pegawai=JenisPegawai(jenis),
            pangkat_golongan=golongan,
            pendidikan=pendidikan,
            masa_kerja=masa_kerja,
            jabatan=jabatan,
            unit_kerja=unit,
            roles=frozenset(Role(r) for r in (role_list or "").split(",") if r),
            supervisor_nip=boss_nip,
            kelompok_keahlian=group,
            email=email,
            zona_waktu=Zone(zone),
            bahasa=bahasa,
            last_channel=last_channel,
        )

    async def by_account(self, channel: str, external_id: str) -> Employee | None:
        """The employee a chat account is bound to, in the same single query."""
        return await self._load(BY_ACCOUNT, channel=channel, external_id=external_id)

    async def by_id(self, employee_id: int) -> Employee | None:
        return await self._load(BY_ID, id=employee_id)

    async def by_nip(self, nip: str) -> Employee | None:
        return await self._load(BY_NIP, nip=nip)

    async def set_last_channel(self, employee_id: int, channel: str) -> None:
        await self.session.execute(SET_LAST_CHANNEL, {"row": employee_id, "channel": channel})

    async def adopt_zone(self, employee_id: int, zone: Zone) -> bool:
        """Take ``zone`` unless the organisation file gave one; whether it changed."""
        result = await self.session.execute(
            update(EmployeeRow)
            .where(EmployeeRow.id == employee_id, EmployeeRow.zone_from_org.is_(False),
                   EmployeeRow.zona_waktu != zone.value)
            .values(zona_waktu=zone.value)
        )  # fmt: skip
        return bool(getattr(result, "rowcount", 0))

    async def by_email(self, email: str) -> Employee | None:
        found = (await self.session.scalars(
            select(EmployeeRow.id)
            .where(func.lower(EmployeeRow.email) == email.strip().lower())
            .where(EmployeeRow.left_at.is_(None))
            .limit(2)
        )).all()  # fmt: skip
        return await self.by_id(found[0]) if len(found) == 1 else None

    async def set_locale(self, employee_id: int, locale: str) -> None:
        await self.session.execute(
            update(EmployeeRow).where(EmployeeRow.id == employee_id).values(bahasa=locale)
        )

    async def direct_reports(self, employee_id: int, limit: int) -> list[str]:
        query = (
            select(EmployeeRow.nama)
            .where(EmployeeRow.supervisor_id == employee_id)
            .order_by(EmployeeRow.nama)
            .limit(limit)
        )
        return list(await self.session.scalars(query))

    async def count_direct_reports(self, employee_id: int) -> int:
        query = select(func.count()).where(EmployeeRow.supervisor_id == employee_id)
        return int(await self.session.scalar(query) or 0)

    async def count_group_members(self, group: str) -> int:
        query = (
            select(func.count())
            .select_from(EmployeeRow)
            .join(ExpertiseGroup, ExpertiseGroup.id == EmployeeRow.expertise_group_id)
            .where(ExpertiseGroup.name == group)
        )
        return int(await self.session.scalar(query) or 0)

    async def group_names(self) -> list[str]:
        names = select(ExpertiseGroup.name).order_by(ExpertiseGroup.name)
        return list(await self.session.scalars(names))

    async def count_all(self) -> int:
        return int(await self.session.scalar(select(func.count()).select_from(EmployeeRow)) or 0)

    async def ids_with_role(self, role: Role) -> list[int]:
        query = select(EmployeeRole.employee_id).where(EmployeeRole.role == role.value)
        return sorted(await self.session.scalars(query))

    async def supervisor_links(self) -> dict[str, str | None]:
        query = (
            select(EmployeeRow.nip, Supervisor.nip)
            .outerjoin(Supervisor, Supervisor.id == EmployeeRow.supervisor_id)
            .where(EmployeeRow.left_at.is_(None))  # a leaver is nobody's supervisor
        )
        return {nip: boss_nip for nip, boss_nip in await self.session.execute(query)}

    async def select_nips(self, *, unit: str | None, nip: str | None) -> list[tuple[int, str]]:
        query = (
            select(EmployeeRow.id, EmployeeRow.nip)
            .where(EmployeeRow.left_at.is_(None))  # leavers get no invite
            .order_by(EmployeeRow.nip)
        )
        if unit is not None:
            query = query.join(Unit, Unit.id == EmployeeRow.unit_id).where(Unit.name == unit)
        if nip is not None:
            query = query.where(EmployeeRow.nip == nip)
        return [(row_id, row_nip) for row_id, row_nip in await self.session.execute(query)]


class SqlAccounts:
    def __init__(self, session: DbSession) -> None:
        self.session = session

    async def get(self, channel: str, external_id: str) -> Account | None:
        row = await self.session.scalar(
            select(AccountRow).where(
                AccountRow.channel == channel, AccountRow.external_id == external_id
            )
        )
        return Account(row.channel, row.external_id, row.employee_id, row.address) if row else None

    async def of_employee(self, employee_id: int, channel: str) -> Account | None:
        row = await self.session.scalar(
            select(AccountRow).where(
                AccountRow.employee_id == employee_id, AccountRow.channel == channel
            )
        )
        return Account(row.channel, row.external_id, row.employee_id, row.address) if row else None

    async def without_org_zone(
        self, channel: str, bound_since: datetime | None = None
    ) -> list[tuple[int, str]]:
        query = (
            select(AccountRow.employee_id, AccountRow.external_id)
            .join(EmployeeRow, EmployeeRow.id == AccountRow.employee_id)
            .where(AccountRow.channel == channel, EmployeeRow.zone_from_org.is_(False),
                   EmployeeRow.left_at.is_(None))
            .order_by(AccountRow.employee_id)
        )  # fmt: skip
        if bound_since is not None:
            query = query.where(AccountRow.bound_at >= bound_since)
        return [
            (employee_id, external) for employee_id, external in await self.session.execute(query)
        ]

    async def bound_employee_ids(self, *, ignoring: str) -> set[int]:
        query = select(AccountRow.employee_id).where(AccountRow.channel != ignoring).distinct()
        return set(await self.session.scalars(query))

    async def bind(
        self, channel: str, external_id: str, employee_id: int, address: str | None, at: datetime
    ) -> None:
        """Bind; the employee's previous account on this channel (an old phone) is let go."""
        await self.session.execute(
            delete(AccountRow).where(
                AccountRow.channel == channel,
                (AccountRow.employee_id == employee_id) | (AccountRow.external_id == external_id),
            )
        )
        self.session.add(
            AccountRow(
                channel=channel,
                external_id=external_id,
                employee_id=employee_id,
                address=address,
                bound_at=at,
            )
        )
        await self.session.flush()

    async def unbind(self, employee_id: int) -> int:
        result = await self.session.execute(
            delete(AccountRow).where(AccountRow.employee_id == employee_id)
        )
        return int(getattr(result, "rowcount", 0) or 0)


class SqlInvites:
    def __init__(self, session: DbSession) -> None:
        self.session = session

    async def replace(
        self, employee_id: int, code_hash: str, created_at: datetime, expires_at: datetime
    ) -> None:
        await self.session.execute(
            update(InviteRow)
            .where(
                InviteRow.employee_id == employee_id,
                InviteRow.used_at.is_(None),
                InviteRow.revoked_at.is_(None),
            )
            .values(revoked_at=created_at)
        )
        self.session.add(
            InviteRow(
                employee_id=employee_id,
                code_hash=code_hash,
                created_at=created_at,
                expires_at=expires_at,
            )
        )

    async def find(self, code_hash: str) -> InviteRecord | None:
        row = await self.session.scalar(select(InviteRow).where(InviteRow.code_hash == code_hash))
        if row is None:
            return None
        return InviteRecord(row.id, row.employee_id, row.expires_at, row.used_at, row.revoked_at)

    async def mark_used(self, invite_id: int, at: datetime, account: str) -> None:
        await self.session.execute(
            update(InviteRow).where(InviteRow.id == invite_id).values(used_at=at, used_by=account)
        )


class SqlBindAttempts:
    def __init__(self, session: DbSession) -> None:
        self.session = session

    async def failures_since(self, channel: str, external_id: str, since: datetime) -> int:
        query = select(func.count()).where(
            BindFailure.channel == channel,
            BindFailure.external_id == external_id,
            BindFailure.at >= since,
        )
        return int(await self.session.scalar(query) or 0)

    async def record_failure(self, channel: str, external_id: str, at: datetime) -> None:
        self.session.add(BindFailure(channel=channel, external_id=external_id, at=at))

    async def prune(self, before: datetime) -> int:
        result = await self.session.execute(delete(BindFailure).where(BindFailure.at < before))
        return int(getattr(result, "rowcount", 0) or 0)


class SqlInbox:
    def __init__(self, session: DbSession) -> None:
        self.session = session

    async def take_turn(self, channel: str, external_id: str) -> None:
        """PostgreSQL: a transaction-level advisory lock on the sender, released at commit or
        rollback. SQLite: nothing to do — one process, one writer at a time."""
        if self.session.get_bind().dialect.name == "postgresql":
            await self.session.execute(TAKE_TURN, {"sender": f"{channel}:{external_id}"})

    async def first_time(self, channel: str, key: str, at: datetime) -> bool:
        statement = INBOX_INSERT[self.session.get_bind().dialect.name]
        result = await self.session.execute(statement, {"channel": channel, "key": key, "at": at})
        return bool(getattr(result, "rowcount", 0))

    async def prune(self, before: datetime) -> int:
        result = await self.session.execute(delete(InboxRow).where(InboxRow.at < before))
        return int(getattr(result, "rowcount", 0) or 0)
