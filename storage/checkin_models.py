"""Tables of the quarterly check-in, Formulir 1 E (migration 0019_checkins).

The contract (values: handlers/checkin/model.py):

* ``checkins`` — one row per plan and quarter (1–4), made when the employee is asked on the
  cycle's check-in date (``due_on``: ``cycles.checkin_<quarter>``). ``submission`` is the plan's
  submission whose items were asked (each item's verified version if any, else its agreed
  one). ``state``: asked → in_progress → submitted → reviewed. ``snoozed_until``: "ingatkan
  besok" (the next working day, the employee's zone). ``closed_at``/``closed_by``: the
  supervisor closed the quarter's dialogue (state reviewed); ``note``: their overall word.
* ``checkin_items`` — one row per check-in and item *due* by the quarter's end (its time frame
  started), written when the employee sends the check-in; items not yet due have no row.
  ``status`` (terlaksana / berjalan / belum / batal + ``status_reason``), ``done_on`` (inside
  the cycle year), the method actually used (``method_class`` + ``method_form``, the keys of
  handlers/reference/methods.py), ``jp_realized`` (learning hours), ``evidence_file_id`` (a
  ``stored_files`` row: pdf/jpg/png), ``fit`` (sesuai / sebagian / tidak + ``fit_reason``),
  ``benefit`` (1–5) + ``benefit_example``; the supervisor's ``feedback`` (+ by, at).
  Answers are optional where the status makes them meaningless (nothing done: no date, JP…).
* ``checkin_amendments`` — a change of the plan proposed in a check-in: ``kind`` add /
  reschedule / cancel; ``item_id`` the item changed or cancelled (for add: the new item, set
  when agreed); ``content`` JSON (add: the item version's columns as in plan_item_versions;
  reschedule: bulan_mulai, bulan_selesai, triwulan); ``reason`` the employee's why. The
  supervisor's ``verdict`` agreed / rejected (+ ``verdict_reason``, by, at). An agreed one is
  written into the plan at its current submission (plan_item_versions stage "agreed", and a
  changed item's verification removed so it is verified again; a cancellation: a
  plan_item_decisions row "rejected" with the reason) and logged in plan_events.

People are kept as numbers, like plan_events: the rows outlive a person's erasure.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from storage.models import Base, Id, UtcDateTime


def _plan_id() -> Mapped[int]:
    return mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)


def _checkin_id(primary: bool = False) -> Mapped[int]:
    return mapped_column(ForeignKey("checkins.id", ondelete="CASCADE"), primary_key=primary,
                         index=not primary)  # fmt: skip


class CheckinRow(Base):
    """One plan's check-in of one quarter."""

    __tablename__ = "checkins"
    __table_args__ = (UniqueConstraint("plan_id", "quarter", name="uq_checkins_plan_quarter"),)
    id: Mapped[int] = mapped_column(Id, primary_key=True)
    plan_id: Mapped[int] = _plan_id()
    quarter: Mapped[int] = mapped_column(Integer)
    submission: Mapped[int] = mapped_column(Integer)
    due_on: Mapped[date] = mapped_column(Date)
    state: Mapped[str] = mapped_column(String(12), index=True)
    asked_at: Mapped[datetime] = mapped_column(UtcDateTime())
    snoozed_until: Mapped[datetime | None] = mapped_column(UtcDateTime())
    submitted_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    closed_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    closed_by: Mapped[int | None] = mapped_column(Id)
    note: Mapped[str | None] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())


class CheckinItemRow(Base):
    """Formulir 1 E for one item in one quarter's check-in."""

    __tablename__ = "checkin_items"
    checkin_id: Mapped[int] = _checkin_id(primary=True)
    item_id: Mapped[int] = mapped_column(
        ForeignKey("plan_items.id", ondelete="CASCADE"), primary_key=True
    )
    plan_id: Mapped[int] = _plan_id()
    status: Mapped[str] = mapped_column(String(12), index=True)
    status_reason: Mapped[str | None] = mapped_column(Text)
    done_on: Mapped[date | None] = mapped_column(Date)
    method_class: Mapped[str | None] = mapped_column(String(20))
    method_form: Mapped[str | None] = mapped_column(String(80))
    jp_realized: Mapped[int | None] = mapped_column(Integer)
    evidence_file_id: Mapped[int | None] = mapped_column(
        ForeignKey("stored_files.id", ondelete="SET NULL")
    )
    fit: Mapped[str | None] = mapped_column(String(10))
    fit_reason: Mapped[str | None] = mapped_column(Text)
    benefit: Mapped[int | None] = mapped_column(Integer)
    benefit_example: Mapped[str | None] = mapped_column(Text)
    answered_at: Mapped[datetime] = mapped_column(UtcDateTime())
    feedback: Mapped[str | None] = mapped_column(Text)
    feedback_by: Mapped[int | None] = mapped_column(Id)
    feedback_at: Mapped[datetime | None] = mapped_column(UtcDateTime())


class CheckinAmendmentRow(Base):
    """A change of the plan proposed in a check-in, and the supervisor's verdict on it."""

    __tablename__ = "checkin_amendments"
    id: Mapped[int] = mapped_column(Id, primary_key=True)
    checkin_id: Mapped[int] = _checkin_id()
    plan_id: Mapped[int] = _plan_id()
    kind: Mapped[str] = mapped_column(String(12))
    item_id: Mapped[int | None] = mapped_column(ForeignKey("plan_items.id", ondelete="CASCADE"))
    content: Mapped[str] = mapped_column(Text, default="{}")
    reason: Mapped[str | None] = mapped_column(Text)
    proposed_at: Mapped[datetime] = mapped_column(UtcDateTime())
    verdict: Mapped[str | None] = mapped_column(String(10))
    verdict_reason: Mapped[str | None] = mapped_column(Text)
    decided_by: Mapped[int | None] = mapped_column(Id)
    decided_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
