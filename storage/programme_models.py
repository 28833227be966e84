"""Tables of the coordinator's programmes (migration 0019_programmes): the same need from
several units run as one programme (Formulir 2, rekap oleh Koordinator Pembelajaran).

A programme names the competency, the level the coordinator decided and who organises it;
``programme_items`` says which verified items take part (an item in one programme at most).
The level and organiser also live in each item's verified version: deciding them replaces
those versions (storage/programmes.py), so Formulir 1 D reads what the coordinator decided.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from storage.models import Base, Id, UtcDateTime


class ProgrammeRow(Base):
    """One programme of a cycle year."""

    __tablename__ = "programmes"
    id: Mapped[int] = mapped_column(Id, primary_key=True)
    year: Mapped[int] = mapped_column(Integer, index=True)
    name: Mapped[str] = mapped_column(Text)  # the competency, as the recap shows it
    level: Mapped[str] = mapped_column(String(20))  # teknis / operasional / strategis
    organiser: Mapped[str] = mapped_column(Text)  # pelaksana
    method_form: Mapped[str] = mapped_column(String(80))  # a key of reference/methods FORMS
    decided_by: Mapped[int | None] = mapped_column(Id)  # an employee's id; None: the operator
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())


class ProgrammeItemRow(Base):
    """A verified item taking part in a programme."""

    __tablename__ = "programme_items"
    item_id: Mapped[int] = mapped_column(
        ForeignKey("plan_items.id", ondelete="CASCADE"), primary_key=True
    )
    programme_id: Mapped[int] = mapped_column(
        ForeignKey("programmes.id", ondelete="CASCADE"), index=True
    )
