"""breaks B: count outbox deliveries left uncertain because the sender stopped mid-send

Revision ID: 0009_breaks_b
Revises: 0008_breaks_a
Create Date: 2026-12-03 18:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009_breaks_b"
down_revision = "0008_breaks_a"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("interrupted", sa.Integer(), server_default="0", nullable=False)
        )


def downgrade() -> None:
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.drop_column("interrupted")
