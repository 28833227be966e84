"""Tables of the dialog kinerja's agreement (migration 0016_dialog_agree; the scheduling's are
in storage/dialog_models.py).

Each item's decision (agreed, rejected with a reason, added) is kept per submission beside
its versions; the agreed version itself is a ``plan_item_versions`` row of stage "agreed".
The dialogue's short note (gaps discussed, motivation) is one row per submission.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from storage.models import Base, Id, UtcDateTime


class PlanItemDecisionRow(Base):
    """The supervisor's decision about one item of one submission."""

    __tablename__ = "plan_item_decisions"
    __table_args__ = (
        UniqueConstraint("item_id", "submission", name="uq_plan_item_decisions_item"),
    )
    id: Mapped[int] = mapped_column(Id, primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("plan_items.id", ondelete="CASCADE"))
    submission: Mapped[int] = mapped_column(Integer)
    decision: Mapped[str] = mapped_column(String(10))
    reason: Mapped[str | None] = mapped_column(Text)
    decided_at: Mapped[datetime] = mapped_column(UtcDateTime())
    employee_id: Mapped[int | None] = mapped_column(Id)  # kept as a number, like plan_events


class PlanDialogueRow(Base):
    """The supervisor's short note of the dialogue about one submission."""

    __tablename__ = "plan_dialogues"
    plan_id: Mapped[int] = mapped_column(
        ForeignKey("plans.id", ondelete="CASCADE"), primary_key=True
    )
    submission: Mapped[int] = mapped_column(Integer, primary_key=True)
    note: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())
