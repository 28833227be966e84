"""verify: the expertise group's verification of each item (priority, note, who, when)

Revision ID: 0018_verify
Revises: 0017_dialog_oversee
Create Date: 2026-12-04 00:05:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import storage.models

revision = "0018_verify"
down_revision = "0017_dialog_oversee"
branch_labels = None
depends_on = None

UTC = storage.models.UtcDateTime


def _id(name: str, nullable: bool = False) -> sa.Column[int]:
    return sa.Column(name, sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
                     autoincrement=False, nullable=nullable)  # fmt: skip


def upgrade() -> None:
    op.create_table(
        "item_verifications", _id("item_id"),
        sa.Column("submission", sa.Integer(), autoincrement=False, nullable=False),
        _id("plan_id"),
        sa.Column("priority", sa.String(10), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        _id("employee_id", nullable=True),
        sa.Column("verified_at", UTC(), nullable=False),
        sa.ForeignKeyConstraint(["item_id"], ["plan_items.id"], ondelete="CASCADE",
                                name=op.f("fk_item_verifications_item_id_plan_items")),
        sa.ForeignKeyConstraint(["plan_id"], ["plans.id"], ondelete="CASCADE",
                                name=op.f("fk_item_verifications_plan_id_plans")),
        sa.PrimaryKeyConstraint("item_id", "submission", name=op.f("pk_item_verifications")),
    )  # fmt: skip
    for column in ("plan_id", "priority"):
        op.create_index(op.f(f"ix_item_verifications_{column}"), "item_verifications", [column])


def downgrade() -> None:
    for column in ("plan_id", "priority"):
        op.drop_index(op.f(f"ix_item_verifications_{column}"), table_name="item_verifications")
    op.drop_table("item_verifications")
