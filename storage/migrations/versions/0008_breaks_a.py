"""outbox rows pinned to a chat: an account unbound by a re-issued invite is told there

Revision ID: 0008_breaks_a
Revises: 0007_leavers
Create Date: 2026-12-03 18:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008_breaks_a"
down_revision = "0007_leavers"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.add_column(sa.Column("pinned_channel", sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column("pinned_address", sa.String(length=64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.drop_column("pinned_address")
        batch_op.drop_column("pinned_channel")
