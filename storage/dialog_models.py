"""Tables of the dialog kinerja's scheduling (dialogue windows per unit, appointments) and
the files sent with messages (an .ics appointment, the dialogue guide)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Integer, LargeBinary, Text
from sqlalchemy.orm import Mapped, mapped_column

from storage.models import Base, Id, UtcDateTime


class DialogueWindowRow(Base):
    """A unit's own dialogue window in a cycle year (the cycle's dates hold elsewhere)."""

    __tablename__ = "dialogue_windows"
    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    unit: Mapped[str] = mapped_column(Text, primary_key=True)  # the unit kerja's name
    starts: Mapped[date] = mapped_column(Date)
    ends: Mapped[date] = mapped_column(Date)
    set_by: Mapped[str] = mapped_column(Text)
    set_at: Mapped[datetime] = mapped_column(UtcDateTime())


class AppointmentRow(Base):
    """A plan's dialog kinerja date: agreed (``starts_at``) and/or offered (``proposed_at``)."""

    __tablename__ = "dialogue_appointments"
    plan_id: Mapped[int] = mapped_column(
        ForeignKey("plans.id", ondelete="CASCADE"), primary_key=True, autoincrement=False
    )
    uid: Mapped[str] = mapped_column(Text)
    starts_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    proposed_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    proposed_by: Mapped[int | None] = mapped_column(ForeignKey("employees.id", ondelete="SET NULL"))
    sequence: Mapped[int] = mapped_column(Integer, default=0)
    revision: Mapped[int] = mapped_column(Integer, default=0)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())


class StoredFileRow(Base):
    """A file sent with messages, stored once; outbox rows refer to it."""

    __tablename__ = "stored_files"
    id: Mapped[int] = mapped_column(Id, primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    mime: Mapped[str] = mapped_column(Text)
    content: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
