"""dialog agree: each item's decision in the dialog kinerja (agreed, rejected with a reason,
added) per submission, and the dialogue's short note

Revision ID: 0016_dialog_agree
Revises: 0015_dialog_schedule
Create Date: 2026-12-03 21:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import storage.models

revision = "0016_dialog_agree"
down_revision = "0015_dialog_schedule"
branch_labels = None
depends_on = None

UTC = storage.models.UtcDateTime


def _id(name: str, primary: bool = False, nullable: bool = False) -> sa.Column[int]:
    return sa.Column(name, sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
                     primary_key=primary, autoincrement=primary, nullable=nullable)  # fmt: skip


def _plan_id(primary: bool = False) -> sa.Column[int]:
    return sa.Column("plan_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
                     sa.ForeignKey("plans.id", ondelete="CASCADE"), primary_key=primary,
                     nullable=False)  # fmt: skip


def upgrade() -> None:
    op.create_table(
        "plan_item_decisions", _id("id", primary=True), _plan_id(),
        sa.Column("item_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
                  sa.ForeignKey("plan_items.id", ondelete="CASCADE"), nullable=False),
        sa.Column("submission", sa.Integer(), nullable=False),
        sa.Column("decision", sa.String(10), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("decided_at", UTC(), nullable=False),
        _id("employee_id", nullable=True),
        sa.UniqueConstraint("item_id", "submission", name="uq_plan_item_decisions_item"),
    )  # fmt: skip
    op.create_index(op.f("ix_plan_item_decisions_plan_id"), "plan_item_decisions", ["plan_id"])
    op.create_table(
        "plan_dialogues", _plan_id(primary=True),
        sa.Column("submission", sa.Integer(), primary_key=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("updated_at", UTC(), nullable=False),
    )  # fmt: skip


def downgrade() -> None:
    op.drop_table("plan_dialogues")
    op.drop_index(op.f("ix_plan_item_decisions_plan_id"), table_name="plan_item_decisions")
    op.drop_table("plan_item_decisions")
