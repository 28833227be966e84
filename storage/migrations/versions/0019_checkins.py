"""checkins: the quarterly check-in (Formulir 1 E) per plan and quarter, its answers per item,
and the amendments of the plan proposed in it (see storage/checkin_models.py)

Revision ID: 0019_checkins
Revises: 0018_verify
Create Date: 2026-12-04 00:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import storage.models

revision = "0019_checkins"
down_revision = "0018_verify"
branch_labels = None
depends_on = None

UTC = storage.models.UtcDateTime
ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def _id(name: str, primary: bool = False, nullable: bool = False) -> sa.Column[int]:
    return sa.Column(name, ID, primary_key=primary, autoincrement=primary, nullable=nullable)


def _ref(table: str, column: str, target: str, ondelete: str = "CASCADE",
         primary: bool = False, nullable: bool = False) -> sa.Column[int]:  # fmt: skip
    return sa.Column(column, ID, sa.ForeignKey(f"{target}.id", ondelete=ondelete,
                                               name=f"fk_{table}_{column}_{target}"),
                     primary_key=primary, autoincrement=False, nullable=nullable)  # fmt: skip


def _text(name: str) -> sa.Column[str]:
    return sa.Column(name, sa.Text(), nullable=True)


def _at(name: str, nullable: bool = True) -> sa.Column[object]:
    return sa.Column(name, UTC(), nullable=nullable)


INDEXES = {
    "checkins": ("plan_id", "state"),
    "checkin_items": ("plan_id", "status"),
    "checkin_amendments": ("checkin_id", "plan_id"),
}


def upgrade() -> None:
    op.create_table(
        "checkins", _id("id", primary=True), _ref("checkins", "plan_id", "plans"),
        sa.Column("quarter", sa.Integer(), nullable=False),
        sa.Column("submission", sa.Integer(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("state", sa.String(12), nullable=False),
        _at("asked_at", nullable=False), _at("snoozed_until"), _at("submitted_at"),
        _at("closed_at"), _id("closed_by", nullable=True), _text("note"),
        _at("updated_at", nullable=False),
        sa.UniqueConstraint("plan_id", "quarter", name="uq_checkins_plan_quarter"),
    )  # fmt: skip
    op.create_table(
        "checkin_items",
        _ref("checkin_items", "checkin_id", "checkins", primary=True),
        _ref("checkin_items", "item_id", "plan_items", primary=True),
        _ref("checkin_items", "plan_id", "plans"),
        sa.Column("status", sa.String(12), nullable=False), _text("status_reason"),
        sa.Column("done_on", sa.Date(), nullable=True),
        sa.Column("method_class", sa.String(20), nullable=True),
        sa.Column("method_form", sa.String(80), nullable=True),
        sa.Column("jp_realized", sa.Integer(), nullable=True),
        _ref("checkin_items", "evidence_file_id", "stored_files", "SET NULL", nullable=True),
        sa.Column("fit", sa.String(10), nullable=True), _text("fit_reason"),
        sa.Column("benefit", sa.Integer(), nullable=True), _text("benefit_example"),
        _at("answered_at", nullable=False),
        _text("feedback"), _id("feedback_by", nullable=True), _at("feedback_at"),
    )  # fmt: skip
    op.create_table(
        "checkin_amendments", _id("id", primary=True),
        _ref("checkin_amendments", "checkin_id", "checkins"),
        _ref("checkin_amendments", "plan_id", "plans"),
        sa.Column("kind", sa.String(12), nullable=False),
        _ref("checkin_amendments", "item_id", "plan_items", nullable=True),
        sa.Column("content", sa.Text(), nullable=False), _text("reason"),
        _at("proposed_at", nullable=False),
        sa.Column("verdict", sa.String(10), nullable=True), _text("verdict_reason"),
        _id("decided_by", nullable=True), _at("decided_at"),
    )  # fmt: skip
    for table, columns in INDEXES.items():
        for column in columns:
            op.create_index(op.f(f"ix_{table}_{column}"), table, [column])


def downgrade() -> None:
    for table, columns in reversed(INDEXES.items()):
        for column in columns:
            op.drop_index(op.f(f"ix_{table}_{column}"), table_name=table)
        op.drop_table(table)
