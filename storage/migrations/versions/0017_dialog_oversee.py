"""dialog_oversee: acting supervisors (Plt/Plh), the nudges of the dialog kinerja sent, and
each cycle's nudge settings

Revision ID: 0017_dialog_oversee
Revises: 0016_dialog_agree
Create Date: 2026-12-03 21:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import storage.models

revision = "0017_dialog_oversee"
down_revision = "0016_dialog_agree"
branch_labels = None
depends_on = None

UTC = storage.models.UtcDateTime


def _id(name: str = "id", primary: bool = False, nullable: bool = False) -> sa.Column[int]:
    return sa.Column(name, sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
                     primary_key=primary, autoincrement=primary, nullable=nullable)  # fmt: skip


def upgrade() -> None:
    op.create_table(
        "acting_supervisors", _id(primary=True), _id("acting_id"),
        _id("employee_id", nullable=True),
        _id("unit_id", nullable=True),
        sa.Column("starts", sa.Date(), nullable=False),
        sa.Column("ends", sa.Date(), nullable=False),
        sa.Column("created_by", sa.Text(), nullable=False),
        sa.Column("created_at", UTC(), nullable=False),
        sa.Column("ended_at", UTC(), nullable=True),
        sa.ForeignKeyConstraint(["unit_id"], ["units.id"],
                                name=op.f("fk_acting_supervisors_unit_id_units")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_acting_supervisors")),
    )  # fmt: skip
    for column in ("acting_id", "employee_id", "unit_id", "ends"):
        op.create_index(op.f(f"ix_acting_supervisors_{column}"), "acting_supervisors", [column])
    op.create_table(
        "dialog_nudges", _id(primary=True),
        sa.Column("key", sa.Text(), nullable=False),
        sa.Column("kind", sa.Text(), nullable=False),
        _id("recipient_id"), _id("plan_id", nullable=True),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("sent_at", UTC(), nullable=False),
        sa.ForeignKeyConstraint(["plan_id"], ["plans.id"], ondelete="CASCADE",
                                name=op.f("fk_dialog_nudges_plan_id_plans")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dialog_nudges")),
        sa.UniqueConstraint("key", name=op.f("uq_dialog_nudges_key")),
    )  # fmt: skip
    for column in ("recipient_id", "plan_id"):
        op.create_index(op.f(f"ix_dialog_nudges_{column}"), "dialog_nudges", [column])
    op.create_table(
        "dialog_settings",
        sa.Column("year", sa.Integer(), autoincrement=False, nullable=False),
        *(sa.Column(c, sa.Integer(), nullable=False)
          for c in ("remind_supervisor", "escalate", "remind_confirm", "window_closing")),
        sa.Column("updated_at", UTC(), nullable=False),
        sa.ForeignKeyConstraint(["year"], ["cycles.year"], ondelete="CASCADE",
                                name=op.f("fk_dialog_settings_year_cycles")),
        sa.PrimaryKeyConstraint("year", name=op.f("pk_dialog_settings")),
    )  # fmt: skip


def downgrade() -> None:
    op.drop_table("dialog_settings")
    for column in ("recipient_id", "plan_id"):
        op.drop_index(op.f(f"ix_dialog_nudges_{column}"), table_name="dialog_nudges")
    op.drop_table("dialog_nudges")
    for column in ("acting_id", "employee_id", "unit_id", "ends"):
        op.drop_index(op.f(f"ix_acting_supervisors_{column}"), table_name="acting_supervisors")
    op.drop_table("acting_supervisors")
