"""Tables. Every piece of workflow state lives here, never in a chat library's memory."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import (
    BigInteger,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

Id = BigInteger().with_variant(Integer(), "sqlite")


class UtcDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes on every engine (SQLite keeps no zone; we store UTC, read UTC)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Unit(Base):
    """Unit kerja (organisational unit)."""

    __tablename__ = "units"
    id: Mapped[int] = mapped_column(Id, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)


class ExpertiseGroup(Base):
    """Kelompok Keahlian (expertise group)."""

    __tablename__ = "expertise_groups"
    id: Mapped[int] = mapped_column(Id, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)


class EmployeeRow(Base):
    """Pegawai ASN, as the organisation import loads them."""

    __tablename__ = "employees"
    id: Mapped[int] = mapped_column(Id, primary_key=True)
    nip: Mapped[str] = mapped_column(String(18), unique=True)
    nama: Mapped[str] = mapped_column(String(200))
    jenis_pegawai: Mapped[str] = mapped_column(String(4))
    pangkat_golongan: Mapped[str] = mapped_column(String(10))
    pendidikan: Mapped[str] = mapped_column(String(200), default="")
    masa_kerja: Mapped[str] = mapped_column(String(40), default="")
    jabatan: Mapped[str] = mapped_column(String(200))
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    supervisor_id: Mapped[int | None] = mapped_column(
        ForeignKey("employees.id", ondelete="SET NULL"), index=True
    )
    expertise_group_id: Mapped[int | None] = mapped_column(
        ForeignKey("expertise_groups.id"), index=True
    )
    email: Mapped[str | None] = mapped_column(String(200))
    zona_waktu: Mapped[str] = mapped_column(String(4), default="WIB")
    bahasa: Mapped[str] = mapped_column(String(2), default="id")
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())


class EmployeeRole(Base):
    __tablename__ = "employee_roles"
    employee_id: Mapped[int] = mapped_column(
        ForeignKey("employees.id", ondelete="CASCADE"), primary_key=True
    )
    role: Mapped[str] = mapped_column(String(32), primary_key=True, index=True)


class AccountRow(Base):
    """A chat account bound to an employee; at most one per employee and channel."""

    __tablename__ = "accounts"
    __table_args__ = (
        UniqueConstraint("channel", "external_id"),
        UniqueConstraint("channel", "employee_id", name="uq_accounts_channel_employee"),
    )
    id: Mapped[int] = mapped_column(Id, primary_key=True)
    channel: Mapped[str] = mapped_column(String(16))
    external_id: Mapped[str] = mapped_column(String(64))
    employee_id: Mapped[int] = mapped_column(ForeignKey("employees.id", ondelete="CASCADE"))
    address: Mapped[str | None] = mapped_column(String(64))
    bound_at: Mapped[datetime] = mapped_column(UtcDateTime())


class InviteRow(Base):
    """A single-use invite code, stored only as its SHA-256 hash."""

    __tablename__ = "invites"
    id: Mapped[int] = mapped_column(Id, primary_key=True)
    employee_id: Mapped[int] = mapped_column(
        ForeignKey("employees.id", ondelete="CASCADE"), index=True
    )
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime())
    used_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    used_by: Mapped[str | None] = mapped_column(String(90))
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime())


class BindFailure(Base):
    """A wrong, used or expired code presented by an account: the throttle counts these."""

    __tablename__ = "bind_failures"
    __table_args__ = (Index("ix_bind_failures_account", "channel", "external_id", "at"),)
    id: Mapped[int] = mapped_column(Id, primary_key=True)
    channel: Mapped[str] = mapped_column(String(16))
    external_id: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(UtcDateTime())


class InboxRow(Base):
    """Delivery ids already handled (Telegram update_id, Slack event_id): replays are no-ops."""

    __tablename__ = "inbox"
    channel: Mapped[str] = mapped_column(String(16), primary_key=True)
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime(), index=True)
