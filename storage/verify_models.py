"""Tables of the verification by the Kelompok Keahlian (migration 0018_verify).

The verified content of an item (Formulir 1 D) is a ``plan_item_versions`` row of stage
"verified" with the submission of the agreed version it verifies. Beside it, one row here per
item and submission says what the version table does not: the priority (Tinggi / Sedang /
Rendah), the verifier's note, who verified it and when. Re-verifying (a member adjusts one
item of a group, the coordinator changes the level) replaces both rows in one transaction and
logs the change in ``plan_events``.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from storage.models import Base, Id, UtcDateTime


class ItemVerificationRow(Base):
    """The expertise group's verification of one item of one submission."""

    __tablename__ = "item_verifications"
    item_id: Mapped[int] = mapped_column(
        ForeignKey("plan_items.id", ondelete="CASCADE"), primary_key=True
    )
    submission: Mapped[int] = mapped_column(Integer, primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    priority: Mapped[str] = mapped_column(String(10), index=True)  # handlers.plan.model.Priority
    note: Mapped[str | None] = mapped_column(Text)
    employee_id: Mapped[int | None] = mapped_column(Id)  # who verified: a number, like plan_events
    verified_at: Mapped[datetime] = mapped_column(UtcDateTime())


class GroupRecapRow(Base):
    """An expertise group's recap of a cycle year, marked done by its coordinator
    (migration 0019_verify_recap); the group is named, as the organisation import names it."""

    __tablename__ = "group_recaps"
    group_name: Mapped[str] = mapped_column(String(200), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    done_by: Mapped[int | None] = mapped_column(Id)  # who: a number, like plan_events
    done_at: Mapped[datetime] = mapped_column(UtcDateTime())
