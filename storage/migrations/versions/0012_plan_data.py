"""plan data: the plan as typed data with item versions and an audit log; the prose items
converted (storage/plan_conversion.py), their prose columns dropped

Revision ID: 0012_plan_data
Revises: 0010_cycles
Create Date: 2026-12-03 18:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import storage.models
from storage import plan_conversion

revision = "0012_plan_data"
down_revision = "0010_cycles"
branch_labels = None
depends_on = None

UTC = storage.models.UtcDateTime
PROSE_INDEXED = ("kompetensi_klasifikasi", "level", "metode_klasifikasi")


def _plan_id(primary: bool = False) -> sa.Column[int]:
    return sa.Column("plan_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
                     sa.ForeignKey("plans.id", name=None, ondelete="CASCADE"),
                     primary_key=primary, nullable=False)  # fmt: skip


def _id() -> sa.Column[int]:
    return sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
                     primary_key=True, autoincrement=True)  # fmt: skip


def upgrade() -> None:
    op.create_table(
        "plan_profiles", _plan_id(True),
        sa.Column("submission", sa.Integer(), primary_key=True),
        *(sa.Column(c, sa.Text(), nullable=False) for c in ("nama", "nip")),
        sa.Column("jenis_pegawai", sa.String(4), nullable=False),
        *(sa.Column(c, sa.Text(), nullable=False)
          for c in ("pangkat_golongan", "pendidikan", "masa_kerja", "jabatan", "unit_kerja")),
        sa.Column("submitted_at", UTC(), nullable=False),
    )  # fmt: skip
    op.create_table(
        "plan_bases", _plan_id(True),
        sa.Column("submission", sa.Integer(), primary_key=True),
        sa.Column("basis", sa.Integer(), primary_key=True),
        sa.Column("available", sa.Boolean(), nullable=False),
    )  # fmt: skip
    op.create_table(
        "plan_analyses", _id(), _plan_id(),
        sa.Column("submission", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(3), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("competency_key", sa.Text(), nullable=True),
        sa.Column("classification", sa.String(20), nullable=True),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.UniqueConstraint("plan_id", "submission", "code", "classification", "position",
                            name="uq_plan_analyses_entry"),
    )  # fmt: skip
    op.create_index(op.f("ix_plan_analyses_plan_id"), "plan_analyses", ["plan_id"])
    op.create_table(
        "plan_ratings", _plan_id(True),
        sa.Column("submission", sa.Integer(), primary_key=True),
        sa.Column("competency_key", sa.Text(), primary_key=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("classification", sa.String(20), nullable=False),
        sa.Column("required", sa.Integer(), nullable=False),
        sa.Column("rating", sa.Integer(), nullable=False),
        sa.Column("technical_name", sa.Text(), nullable=True),
    )  # fmt: skip
    op.create_table(
        "plan_item_versions", _id(),
        sa.Column("item_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
                  sa.ForeignKey("plan_items.id", ondelete="CASCADE"), nullable=False),
        sa.Column("stage", sa.String(10), nullable=False),
        sa.Column("submission", sa.Integer(), nullable=False),
        sa.Column("relevansi", sa.Text(), nullable=False),
        sa.Column("tujuan", sa.Text(), nullable=False),
        sa.Column("output", sa.Text(), nullable=False),
        sa.Column("kompetensi_klasifikasi", sa.String(20), nullable=False),
        sa.Column("kompetensi_sumber", sa.String(8), nullable=False),
        sa.Column("kompetensi_key", sa.Text(), nullable=True),
        sa.Column("kompetensi_deskripsi", sa.Text(), nullable=False),
        sa.Column("sasaran", sa.String(20), nullable=False),
        sa.Column("metode_klasifikasi", sa.String(20), nullable=False),
        sa.Column("metode_bentuk", sa.String(80), nullable=False),
        sa.Column("sumber", sa.Text(), nullable=False),
        sa.Column("bulan_mulai", sa.Integer(), nullable=False),
        sa.Column("bulan_selesai", sa.Integer(), nullable=False),
        sa.Column("triwulan", sa.Integer(), nullable=True),
        sa.Column("level", sa.String(20), nullable=False),
        sa.Column("pelaksana", sa.Text(), nullable=False),
        sa.Column("jp", sa.Integer(), nullable=True),
        sa.Column("created_at", UTC(), nullable=False),
        sa.UniqueConstraint("item_id", "stage", "submission",
                            name="uq_plan_item_versions_stage"),
    )  # fmt: skip
    for column in ("item_id", "stage", "kompetensi_klasifikasi", "kompetensi_key",
                   "metode_klasifikasi", "metode_bentuk", "level"):  # fmt: skip
        op.create_index(op.f(f"ix_plan_item_versions_{column}"), "plan_item_versions", [column])
    op.create_table(
        "plan_events", _id(), _plan_id(),
        sa.Column("at", UTC(), nullable=False),
        sa.Column("event", sa.String(20), nullable=False),
        sa.Column("from_state", sa.String(24), nullable=False),
        sa.Column("to_state", sa.String(24), nullable=False),
        sa.Column("employee_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
                  nullable=True),
        sa.Column("operator", sa.String(40), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("changes", sa.Text(), nullable=False),
    )  # fmt: skip
    op.create_index(op.f("ix_plan_events_plan_id"), "plan_events", ["plan_id"])

    plan_conversion.upgrade(op.get_bind())

    # Not batch mode: on SQLite it copies plan_items and drops the old table, and the drop
    # cascades to the versions just written. Both engines drop a plain column in place.
    for column in PROSE_INDEXED:
        op.drop_index(op.f(f"ix_plan_items_{column}"), table_name="plan_items")
    for column in plan_conversion.PROSE_COLUMNS:
        op.execute(f"ALTER TABLE plan_items DROP COLUMN {column}")


def downgrade() -> None:
    for column in plan_conversion.PROSE_COLUMNS:  # in place, as upgrade() dropped them
        kind = sa.Integer() if column == "jp" else sa.Text()
        default = "0" if column == "jp" else ""
        op.add_column("plan_items", sa.Column(column, kind, nullable=False, server_default=default))
    plan_conversion.downgrade(op.get_bind())
    for column in PROSE_INDEXED:
        op.create_index(op.f(f"ix_plan_items_{column}"), "plan_items", [column], unique=False)
    for name in ("plan_events", "plan_item_versions", "plan_ratings", "plan_analyses",
                 "plan_bases", "plan_profiles"):  # fmt: skip
        op.drop_table(name)
