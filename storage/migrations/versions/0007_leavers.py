"""leavers: employees no longer in the organisation file

Revision ID: 0007_leavers
Revises: 0006_incoming
Create Date: 2026-12-03 17:55:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import storage.models

revision = "0007_leavers"
down_revision = "0006_incoming"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("employees", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("left_at", storage.models.UtcDateTime(timezone=True), nullable=True)
        )


def downgrade() -> None:
    with op.batch_alter_table("employees", schema=None) as batch_op:
        batch_op.drop_column("left_at")
