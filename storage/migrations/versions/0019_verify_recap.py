"""verify_recap: an expertise group's recap of a cycle year, marked done by its coordinator

Revision ID: 0019_verify_recap
Revises: 0018_verify
Create Date: 2026-12-04 00:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import storage.models

revision = "0019_verify_recap"
down_revision = "0018_verify"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "group_recaps",
        sa.Column("group_name", sa.String(200), nullable=False),
        sa.Column("year", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("done_by", sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
                  autoincrement=False, nullable=True),
        sa.Column("done_at", storage.models.UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("group_name", "year", name=op.f("pk_group_recaps")),
    )  # fmt: skip


def downgrade() -> None:
    op.drop_table("group_recaps")
