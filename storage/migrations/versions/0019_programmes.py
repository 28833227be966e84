"""programmes: the coordinator's programmes (one need from several units) and their items;
an index for the group recap's pages of members by name

Revision ID: 0019_programmes
Revises: 0018_verify
Create Date: 2026-12-04 00:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import storage.models

revision = "0019_programmes"
down_revision = "0018_verify"
branch_labels = None
depends_on = None

UTC = storage.models.UtcDateTime


def _id(name: str, nullable: bool = False, key: bool = False) -> sa.Column[int]:
    return sa.Column(name, sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
                     autoincrement=key, nullable=nullable)  # fmt: skip


def upgrade() -> None:
    op.create_table(
        "programmes", _id("id", key=True),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("level", sa.String(20), nullable=False),
        sa.Column("organiser", sa.Text(), nullable=False),
        sa.Column("method_form", sa.String(80), nullable=False),
        _id("decided_by", nullable=True),
        sa.Column("updated_at", UTC(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_programmes")),
    )  # fmt: skip
    op.create_index(op.f("ix_programmes_year"), "programmes", ["year"])
    op.create_table(
        "programme_items", _id("item_id"), _id("programme_id"),
        sa.ForeignKeyConstraint(["item_id"], ["plan_items.id"], ondelete="CASCADE",
                                name=op.f("fk_programme_items_item_id_plan_items")),
        sa.ForeignKeyConstraint(["programme_id"], ["programmes.id"], ondelete="CASCADE",
                                name=op.f("fk_programme_items_programme_id_programmes")),
        sa.PrimaryKeyConstraint("item_id", name=op.f("pk_programme_items")),
    )  # fmt: skip
    op.create_index(op.f("ix_programme_items_programme_id"), "programme_items", ["programme_id"])
    # the group's recap reads its members by name, a page at a time
    op.create_index("ix_employees_group_nama", "employees", ["expertise_group_id", "nama", "id"])


def downgrade() -> None:
    op.drop_index("ix_employees_group_nama", table_name="employees")
    op.drop_index(op.f("ix_programme_items_programme_id"), table_name="programme_items")
    op.drop_table("programme_items")
    op.drop_index(op.f("ix_programmes_year"), table_name="programmes")
    op.drop_table("programmes")
