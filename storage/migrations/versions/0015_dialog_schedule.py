"""dialog schedule: dialogue windows per unit, appointments of the dialog kinerja, files sent
with messages (stored once, referred to by outbox rows)

Revision ID: 0015_dialog_schedule
Revises: 0014_channels
Create Date: 2026-12-03 21:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import storage.models

revision = "0015_dialog_schedule"
down_revision = "0014_channels"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "dialogue_windows",
        sa.Column("year", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("unit", sa.Text(), nullable=False),
        sa.Column("starts", sa.Date(), nullable=False),
        sa.Column("ends", sa.Date(), nullable=False),
        sa.Column("set_by", sa.Text(), nullable=False),
        sa.Column("set_at", storage.models.UtcDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("year", "unit", name=op.f("pk_dialogue_windows")),
    )
    op.create_table(
        "dialogue_appointments",
        sa.Column(
            "plan_id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=False,
            nullable=False,
        ),
        sa.Column("uid", sa.Text(), nullable=False),
        sa.Column("starts_at", storage.models.UtcDateTime(timezone=True), nullable=True),
        sa.Column("proposed_at", storage.models.UtcDateTime(timezone=True), nullable=True),
        sa.Column(
            "proposed_by", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("updated_at", storage.models.UtcDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["plan_id"],
            ["plans.id"],
            ondelete="CASCADE",
            name=op.f("fk_dialogue_appointments_plan_id_plans"),
        ),
        sa.ForeignKeyConstraint(
            ["proposed_by"],
            ["employees.id"],
            ondelete="SET NULL",
            name=op.f("fk_dialogue_appointments_proposed_by_employees"),
        ),
        sa.PrimaryKeyConstraint("plan_id", name=op.f("pk_dialogue_appointments")),
    )
    op.create_table(
        "stored_files",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("mime", sa.Text(), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", storage.models.UtcDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stored_files")),
    )
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "attachment_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
            )
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_outbox_attachment_id_stored_files"),
            "stored_files",
            ["attachment_id"],
            ["id"],
            ondelete="SET NULL",
        )


def downgrade() -> None:
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_outbox_attachment_id_stored_files"), type_="foreignkey"
        )
        batch_op.drop_column("attachment_id")
    op.drop_table("stored_files")
    op.drop_table("dialogue_appointments")
    op.drop_table("dialogue_windows")
