"""column limits: plan_items.relevansi holds every code of B joined (PostgreSQL refused it)

An item relevant to all twelve analysis codes of B stores their labels joined, some 650
characters; varchar(200) made PostgreSQL refuse the whole plan (SQLite enforces no length).

Revision ID: 0005_column_limits
Revises: 0004_delivery
Create Date: 2026-12-03 17:50:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_column_limits"
down_revision = "0004_delivery"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("plan_items", schema=None) as batch_op:
        batch_op.alter_column(
            "relevansi",
            existing_type=sa.String(length=200),
            type_=sa.Text(),
            existing_nullable=False,
        )


def downgrade() -> None:
    # On PostgreSQL this fails while any stored relevance is longer than 200 characters:
    # nothing is cut silently.
    with op.batch_alter_table("plan_items", schema=None) as batch_op:
        batch_op.alter_column(
            "relevansi",
            existing_type=sa.Text(),
            type_=sa.String(length=200),
            existing_nullable=False,
        )
