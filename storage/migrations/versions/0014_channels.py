"""channels: every outbox row names its recipient's channel (the senders each claim their
own); the rows already queued take the channel of the person's newest bound account

Revision ID: 0014_channels
Revises: 0013_workers
Create Date: 2026-12-03 21:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014_channels"
down_revision = "0013_workers"
branch_labels = None
depends_on = None

FILL = """
UPDATE outbox SET channel = (
    SELECT accounts.channel FROM accounts WHERE accounts.employee_id = outbox.employee_id
    ORDER BY accounts.bound_at DESC, accounts.id DESC LIMIT 1
) WHERE channel IS NULL
"""


def upgrade() -> None:
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.alter_column("pinned_channel", new_column_name="channel",
                              existing_type=sa.String(length=16), existing_nullable=True)  # fmt: skip
    op.execute(FILL)


def downgrade() -> None:
    # before: a channel was only stored with a pinned chat
    op.execute("UPDATE outbox SET channel = NULL WHERE pinned_address IS NULL")
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.alter_column("channel", new_column_name="pinned_channel",
                              existing_type=sa.String(length=16), existing_nullable=True)  # fmt: skip
