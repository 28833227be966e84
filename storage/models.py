"""Tables. Every piece of workflow state lives here, never in a chat library's memory."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import cast

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
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


def table(model: type[Base]) -> Table:
    """A mapped class's Table, for Core statements built once and reused."""
    return cast(Table, model.__table__)


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
    # Formulir 2: a group's members by name, read a page at a time (migration 0019)
    __table_args__ = (Index("ix_employees_group_nama", "expertise_group_id", "nama", "id"),)
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
    # a leaver: no longer in the organisation file (``org import --deactivate-missing``)
    left_at: Mapped[datetime | None] = mapped_column(UtcDateTime())


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


class PlanRow(Base):
    """An employee's IDP (Formulir 1) for one cycle year: one per employee and year."""

    __tablename__ = "plans"
    __table_args__ = (UniqueConstraint("employee_id", "year", name="uq_plans_employee_year"),)
    id: Mapped[int] = mapped_column(Id, primary_key=True)
    employee_id: Mapped[int] = mapped_column(
        ForeignKey("employees.id", ondelete="CASCADE"), index=True
    )
    year: Mapped[int] = mapped_column(Integer, index=True)
    status: Mapped[str] = mapped_column(String(20), index=True)  # lifecycle.State
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())
    submitted_at: Mapped[datetime | None] = mapped_column(UtcDateTime())


class CycleRow(Base):
    """An IDP cycle year a coordinator or admin opened, with its dates (handlers/cycle.py)."""

    __tablename__ = "cycles"
    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    opened_at: Mapped[datetime] = mapped_column(UtcDateTime())
    opened_by: Mapped[str] = mapped_column(String(18))  # a NIP, or cli · demo · upgrade
    formulir1_opens: Mapped[date] = mapped_column(Date)
    dialogue_from: Mapped[date] = mapped_column(Date)
    dialogue_to: Mapped[date] = mapped_column(Date)
    verification_by: Mapped[date] = mapped_column(Date)
    checkin_1: Mapped[date] = mapped_column(Date)
    checkin_2: Mapped[date] = mapped_column(Date)
    checkin_3: Mapped[date] = mapped_column(Date)
    checkin_4: Mapped[date] = mapped_column(Date)


class FormSessionRow(Base):
    """Where a person is in a form: the step they are on, what they were asked last."""

    __tablename__ = "form_sessions"
    __table_args__ = (
        UniqueConstraint("employee_id", "form", "subject_id", name="uq_form_sessions_owner"),
    )
    id: Mapped[int] = mapped_column(Id, primary_key=True)
    employee_id: Mapped[int] = mapped_column(
        ForeignKey("employees.id", ondelete="CASCADE"), index=True
    )
    form: Mapped[str] = mapped_column(String(32))
    subject_id: Mapped[int] = mapped_column(Id)
    cursor: Mapped[str] = mapped_column(String(120))
    question: Mapped[int] = mapped_column(Integer, default=0)
    state: Mapped[str] = mapped_column(Text, default="{}")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())
    version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class FormAnswerRow(Base):
    """One answer of a form session, by step key (e.g. ``B.1.1`` or ``C.2.tujuan``), as JSON."""

    __tablename__ = "form_answers"
    session_id: Mapped[int] = mapped_column(
        ForeignKey("form_sessions.id", ondelete="CASCADE"), primary_key=True
    )
    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())


class PlanItemRow(Base):
    """A development item (Formulir 1 C) of a plan: its stable id. What it says is in its
    versions (storage/plan_models.py ``plan_item_versions``), one per stage."""

    __tablename__ = "plan_items"
    __table_args__ = (UniqueConstraint("plan_id", "position", name="uq_plan_items_position"),)
    id: Mapped[int] = mapped_column(Id, primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)


class ChangeRequestRow(Base):
    """A correction of NIP or unit asked for in Formulir 1 A: an admin decides, nothing silent."""

    __tablename__ = "change_requests"
    id: Mapped[int] = mapped_column(Id, primary_key=True)
    employee_id: Mapped[int] = mapped_column(
        ForeignKey("employees.id", ondelete="CASCADE"), index=True
    )
    field: Mapped[str] = mapped_column(String(32))
    old_value: Mapped[str] = mapped_column(String(200))
    new_value: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(16), index=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    decided_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    decided_by: Mapped[str | None] = mapped_column(String(18))
