"""workers: form sessions carry a version, so a save from an older read is refused; the
incoming updates are found by lane (one person's updates in order across processes)

Revision ID: 0013_workers
Revises: 0012_plan_data
Create Date: 2026-12-03 18:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013_workers"
down_revision = "0012_plan_data"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("form_sessions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("version", sa.Integer(), server_default="0", nullable=False))
    op.create_index("ix_incoming_lane", "incoming", ["channel", "lane", "id"])


def downgrade() -> None:
    op.drop_index("ix_incoming_lane", table_name="incoming")
    with op.batch_alter_table("form_sessions", schema=None) as batch_op:
        batch_op.drop_column("version")
