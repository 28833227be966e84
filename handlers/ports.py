"""Ports: the small Protocols through which the core reaches storage and time."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from types import TracebackType
from typing import Protocol, Self

from handlers.model import Account, Employee


@dataclass(frozen=True)
class InviteRecord:
    id: int
    employee_id: int
    expires_at: datetime
    used_at: datetime | None
    revoked_at: datetime | None


@dataclass(frozen=True)
class OrgRecord:
    """One validated row of the organisation import, ready to upsert by NIP."""

    nip: str
    nama: str
    jenis_pegawai: str
    pangkat_golongan: str
    pendidikan: str
    masa_kerja: str
    jabatan: str
    unit_kerja: str
    nip_atasan: str | None
    kelompok_keahlian: str | None
    peran: frozenset[str]
    email: str | None
    zona_waktu: str
    bahasa: str


class Employees(Protocol):
    async def by_id(self, employee_id: int) -> Employee | None: ...
    async def by_nip(self, nip: str) -> Employee | None: ...
    async def set_locale(self, employee_id: int, locale: str) -> None: ...
    async def direct_reports(self, employee_id: int, limit: int) -> list[str]: ...
    async def count_direct_reports(self, employee_id: int) -> int: ...
    async def count_group_members(self, group: str) -> int: ...
    async def count_all(self) -> int: ...
    async def supervisor_links(self) -> dict[str, str | None]: ...
    async def select_nips(self, *, unit: str | None, nip: str | None) -> list[tuple[int, str]]: ...


class Accounts(Protocol):
    async def get(self, channel: str, external_id: str) -> Account | None: ...
    async def bind(
        self, channel: str, external_id: str, employee_id: int, address: str | None, at: datetime
    ) -> None: ...
    async def unbind(self, employee_id: int) -> int: ...


class Invites(Protocol):
    async def replace(
        self, employee_id: int, code_hash: str, created_at: datetime, expires_at: datetime
    ) -> None: ...
    async def find(self, code_hash: str) -> InviteRecord | None: ...
    async def mark_used(self, invite_id: int, at: datetime, account: str) -> None: ...


class BindAttempts(Protocol):
    async def failures_since(self, channel: str, external_id: str, since: datetime) -> int: ...
    async def record_failure(self, channel: str, external_id: str, at: datetime) -> None: ...
    async def prune(self, before: datetime) -> int: ...


class Inbox(Protocol):
    async def first_time(self, channel: str, key: str, at: datetime) -> bool: ...
    async def prune(self, before: datetime) -> int: ...


class Organisation(Protocol):
    async def upsert(
        self, records: Iterable[OrgRecord], progress: Callable[[int, int], None] | None
    ) -> int: ...


class UnitOfWork(Protocol):
    """One transaction: everything a use case changes is committed together, or not at all."""

    employees: Employees
    accounts: Accounts
    invites: Invites
    bind_attempts: BindAttempts
    inbox: Inbox
    organisation: Organisation

    async def __aenter__(self) -> Self: ...
    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...
    async def commit(self) -> None: ...
    async def rollback(self) -> None: ...


class UnitOfWorkFactory(Protocol):
    def __call__(self) -> UnitOfWork: ...


class Clock(Protocol):
    def now(self) -> datetime: ...
