"""incoming: updates kept from receipt until handled (durable intake)

Revision ID: 0006_incoming
Revises: 0005_column_limits
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import storage.models

revision = "0006_incoming"
down_revision = "0005_column_limits"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "incoming",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("lane", sa.String(length=64), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("received_at", storage.models.UtcDateTime(timezone=True), nullable=False),
        sa.Column("claimed_by", sa.String(length=64), nullable=True),
        sa.Column("lease_until", storage.models.UtcDateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_incoming")),
        sa.UniqueConstraint("channel", "key", name="uq_incoming_channel_key"),
    )
    op.create_index("ix_incoming_lease", "incoming", ["lease_until"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_incoming_lease", table_name="incoming")
    op.drop_table("incoming")
