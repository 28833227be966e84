"""cycles: the IDP cycle years a coordinator opens, with their dates (issue 8 part 3)

Every year that has plans already gets its cycle, with the default dates, so that a
database written before cycles existed keeps working on upgrade.

Revision ID: 0010_cycles
Revises: 0009_breaks_b
Create Date: 2026-12-03 18:40:00
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from alembic import op

import storage.models

revision = "0010_cycles"
down_revision = "0009_breaks_b"
branch_labels = None
depends_on = None

AGENCY_ZONE = ZoneInfo("Asia/Jakarta")


def default_row(year: int, first_plan: datetime) -> dict[str, Any]:
    """The dates handlers/cycle.py default_cycle() gives, frozen here as they were when this
    migration was written (a later change of defaults must not rewrite history)."""
    at = first_plan if first_plan.tzinfo else first_plan.replace(tzinfo=UTC)
    return {
        "year": year, "opened_at": at, "opened_by": "upgrade",
        "formulir1_opens": min(date(year, 1, 1), at.astimezone(AGENCY_ZONE).date()),
        "dialogue_from": date(year, 2, 1), "dialogue_to": date(year, 3, 31),
        "verification_by": date(year, 4, 30),
        "checkin_1": date(year, 3, 31), "checkin_2": date(year, 6, 30),
        "checkin_3": date(year, 9, 30), "checkin_4": date(year, 12, 31),
    }  # fmt: skip


def upgrade() -> None:
    cycles = op.create_table(
        "cycles",
        sa.Column("year", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("opened_at", storage.models.UtcDateTime(timezone=True), nullable=False),
        sa.Column("opened_by", sa.String(length=18), nullable=False),
        sa.Column("formulir1_opens", sa.Date(), nullable=False),
        sa.Column("dialogue_from", sa.Date(), nullable=False),
        sa.Column("dialogue_to", sa.Date(), nullable=False),
        sa.Column("verification_by", sa.Date(), nullable=False),
        sa.Column("checkin_1", sa.Date(), nullable=False),
        sa.Column("checkin_2", sa.Date(), nullable=False),
        sa.Column("checkin_3", sa.Date(), nullable=False),
        sa.Column("checkin_4", sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint("year", name=op.f("pk_cycles")),
    )
    plans = sa.table("plans", sa.column("year", sa.Integer()),
                     sa.column("created_at", storage.models.UtcDateTime()))  # fmt: skip
    found = op.get_bind().execute(
        sa.select(plans.c.year, sa.func.min(plans.c.created_at)).group_by(plans.c.year)
    )
    rows = [default_row(year, first) for year, first in found]
    if rows:
        op.bulk_insert(cycles, rows)


def downgrade() -> None:
    op.drop_table("cycles")
