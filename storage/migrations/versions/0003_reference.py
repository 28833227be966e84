"""reference data: priority competencies and job competency requirements

Revision ID: 0003_reference
Revises: 0002_forms
Create Date: 2026-11-29 09:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import storage.models

revision = "0003_reference"
down_revision = "0002_forms"
branch_labels = None
depends_on = None

ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "priority_competencies",
        sa.Column("id", ID, nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("unit_kerja", sa.String(length=200), nullable=False),
        sa.Column("kompetensi", sa.String(length=200), nullable=False),
        sa.Column("kompetensi_norm", sa.String(length=200), nullable=False),
        sa.Column("competency_key", sa.String(length=40), nullable=True),
        sa.Column("keterangan", sa.Text(), nullable=False),
        sa.Column("updated_at", storage.models.UtcDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_priority_competencies")),
        sa.UniqueConstraint(
            "year", "unit_kerja", "kompetensi_norm", name="uq_priority_competencies"
        ),
    )
    with op.batch_alter_table("priority_competencies", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_priority_competencies_year"), ["year"], unique=False)

    op.create_table(
        "job_competencies",
        sa.Column("id", ID, nullable=False),
        sa.Column("jabatan", sa.String(length=200), nullable=False),
        sa.Column("jabatan_norm", sa.String(length=200), nullable=False),
        sa.Column("jenis", sa.String(length=20), nullable=False),
        sa.Column("kompetensi", sa.String(length=200), nullable=False),
        sa.Column("kompetensi_norm", sa.String(length=200), nullable=False),
        sa.Column("level", sa.Integer(), nullable=False),
        sa.Column("updated_at", storage.models.UtcDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_job_competencies")),
        sa.UniqueConstraint("jabatan_norm", "jenis", "kompetensi_norm", name="uq_job_competencies"),
    )
    with op.batch_alter_table("job_competencies", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_job_competencies_jabatan_norm"), ["jabatan_norm"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("job_competencies", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_job_competencies_jabatan_norm"))
    op.drop_table("job_competencies")
    with op.batch_alter_table("priority_competencies", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_priority_competencies_year"))
    op.drop_table("priority_competencies")
