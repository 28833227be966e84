"""slack_delivery: where a person's notices go (the channel they used last) and whether the
organisation file gave their time zone (else Slack's may replace the default)

Revision ID: 0020_slack_delivery
Revises: 0019_verify_recap
Create Date: 2026-12-04 00:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0020_slack_delivery"
down_revision = "0019_verify_recap"
branch_labels = None
depends_on = None


# Plain ALTER TABLE, no batch copy: on SQLite a batch rebuild drops ``employees``, and with
# foreign keys on that deletes every row that cascades from it (the outbox, plans …).
def upgrade() -> None:
    op.add_column("employees", sa.Column("last_channel", sa.String(length=16), nullable=True))
    op.add_column(
        "employees",
        sa.Column("zone_from_org", sa.Boolean(), nullable=False, server_default=sa.true()),
    )
    # A zone other than the default was surely in the file; WIB may be the import's default.
    op.execute("UPDATE employees SET zone_from_org = (zona_waktu <> 'WIB')")


def downgrade() -> None:
    for column in ("zone_from_org", "last_channel"):  # SQLite 3.35+ drops a column in place
        op.execute(f"ALTER TABLE employees DROP COLUMN {column}")
