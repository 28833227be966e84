"""Tables of the supervisor's overview (migration 0014_dialog_oversee): acting supervisors,
the nudges sent in the dialog kinerja, and each cycle's nudge settings.

People are kept as numbers, not references (as in ``plan_events``): an erased person's row
stays as an anonymous marker, so these stay readable and name nobody.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Integer, Text
from sqlalchemy.orm import Mapped, mapped_column

from storage.models import Base, Id, UtcDateTime


class ActingSupervisorRow(Base):
    """A Plt/Plh: ``acting_id`` acts for one person's supervisor, or for a unit's."""

    __tablename__ = "acting_supervisors"
    id: Mapped[int] = mapped_column(Id, primary_key=True)
    acting_id: Mapped[int] = mapped_column(Id, index=True)
    employee_id: Mapped[int | None] = mapped_column(Id, index=True)
    unit_id: Mapped[int | None] = mapped_column(Id, ForeignKey("units.id"), index=True)
    starts: Mapped[date] = mapped_column(Date)
    ends: Mapped[date] = mapped_column(Date, index=True)
    created_by: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    ended_at: Mapped[datetime | None] = mapped_column(UtcDateTime())


class DialogNudgeRow(Base):
    """A nudge sent (queued): one row per plan, state entry, kind and recipient."""

    __tablename__ = "dialog_nudges"
    id: Mapped[int] = mapped_column(Id, primary_key=True)
    key: Mapped[str] = mapped_column(Text, unique=True)
    kind: Mapped[str] = mapped_column(Text)
    recipient_id: Mapped[int] = mapped_column(Id, index=True)
    plan_id: Mapped[int | None] = mapped_column(
        Id, ForeignKey("plans.id", ondelete="CASCADE"), index=True
    )
    day: Mapped[date] = mapped_column(Date)
    sent_at: Mapped[datetime] = mapped_column(UtcDateTime())


class DialogSettingsRow(Base):
    """A cycle's nudge settings in working days (absent: the defaults, 3/7/3/3)."""

    __tablename__ = "dialog_settings"
    year: Mapped[int] = mapped_column(
        ForeignKey("cycles.year", ondelete="CASCADE"), primary_key=True, autoincrement=False
    )
    remind_supervisor: Mapped[int] = mapped_column(Integer)
    escalate: Mapped[int] = mapped_column(Integer)
    remind_confirm: Mapped[int] = mapped_column(Integer)
    window_closing: Mapped[int] = mapped_column(Integer)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())
