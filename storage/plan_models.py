"""Tables of the plan as data (migration 0012): each submission of a plan kept whole.

Section A, B and the ratings are written once per submission (``submission`` 1, 2, … — a
plan returned and sent again adds one); an item (``plan_items``, its id stable across
submissions) has one version per stage and submission in ``plan_item_versions``. Nothing is
updated in place: a plan's history is these rows and ``plan_events``.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from storage.models import Base, Id, UtcDateTime


def _plan_id(primary: bool = False) -> Mapped[int]:
    return mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), primary_key=primary,
                         index=not primary)  # fmt: skip


class PlanProfileRow(Base):
    """Section A as it stood when the plan was sent."""

    __tablename__ = "plan_profiles"
    plan_id: Mapped[int] = _plan_id(primary=True)
    submission: Mapped[int] = mapped_column(Integer, primary_key=True)
    nama: Mapped[str] = mapped_column(Text)
    nip: Mapped[str] = mapped_column(Text)
    jenis_pegawai: Mapped[str] = mapped_column(String(4))
    pangkat_golongan: Mapped[str] = mapped_column(Text)
    pendidikan: Mapped[str] = mapped_column(Text)
    masa_kerja: Mapped[str] = mapped_column(Text)
    jabatan: Mapped[str] = mapped_column(Text)
    unit_kerja: Mapped[str] = mapped_column(Text)
    submitted_at: Mapped[datetime] = mapped_column(UtcDateTime())


class PlanBasisRow(Base):
    """Section B: whether each basis (1–5) is available ("Ada")."""

    __tablename__ = "plan_bases"
    plan_id: Mapped[int] = _plan_id(primary=True)
    submission: Mapped[int] = mapped_column(Integer, primary_key=True)
    basis: Mapped[int] = mapped_column(Integer, primary_key=True)
    available: Mapped[bool] = mapped_column(Boolean)


class PlanAnalysisRow(Base):
    """Section B: an entry under an analysis code (see handlers/plan/model.py Analysis)."""

    __tablename__ = "plan_analyses"
    __table_args__ = (
        UniqueConstraint("plan_id", "submission", "code", "classification", "position",
                         name="uq_plan_analyses_entry"),
    )  # fmt: skip
    id: Mapped[int] = mapped_column(Id, primary_key=True)
    plan_id: Mapped[int] = _plan_id()
    submission: Mapped[int] = mapped_column(Integer)
    code: Mapped[str] = mapped_column(String(3))
    position: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    competency_key: Mapped[str | None] = mapped_column(Text)
    classification: Mapped[str | None] = mapped_column(String(20))
    year: Mapped[int | None] = mapped_column(Integer)


class PlanRatingRow(Base):
    """The self-assessment: a competency of the job, its required level and the rating."""

    __tablename__ = "plan_ratings"
    plan_id: Mapped[int] = _plan_id(primary=True)
    submission: Mapped[int] = mapped_column(Integer, primary_key=True)
    competency_key: Mapped[str] = mapped_column(Text, primary_key=True)
    position: Mapped[int] = mapped_column(Integer)  # the order the form asked them in
    classification: Mapped[str] = mapped_column(String(20))
    required: Mapped[int] = mapped_column(Integer)
    rating: Mapped[int] = mapped_column(Integer)
    technical_name: Mapped[str | None] = mapped_column(Text)


class PlanItemVersionRow(Base):
    """One version of a development item: as proposed (C), agreed, or verified (D).

    Columns are named after the Formulir 1 C questions; ``relevansi`` is a JSON list of
    codes, the time frame is months of the cycle year (``triwulan`` when given as a quarter).
    """

    __tablename__ = "plan_item_versions"
    __table_args__ = (
        UniqueConstraint("item_id", "stage", "submission", name="uq_plan_item_versions_stage"),
    )
    id: Mapped[int] = mapped_column(Id, primary_key=True)
    item_id: Mapped[int] = mapped_column(
        ForeignKey("plan_items.id", ondelete="CASCADE"), index=True
    )
    stage: Mapped[str] = mapped_column(String(10), index=True)
    submission: Mapped[int] = mapped_column(Integer)
    relevansi: Mapped[str] = mapped_column(Text)
    tujuan: Mapped[str] = mapped_column(Text)
    output: Mapped[str] = mapped_column(Text)
    kompetensi_klasifikasi: Mapped[str] = mapped_column(String(20), index=True)
    kompetensi_sumber: Mapped[str] = mapped_column(String(8))
    kompetensi_key: Mapped[str | None] = mapped_column(Text, index=True)
    kompetensi_deskripsi: Mapped[str] = mapped_column(Text)
    sasaran: Mapped[str] = mapped_column(String(20))
    metode_klasifikasi: Mapped[str] = mapped_column(String(20), index=True)
    metode_bentuk: Mapped[str] = mapped_column(String(80), index=True)
    sumber: Mapped[str] = mapped_column(Text)
    bulan_mulai: Mapped[int] = mapped_column(Integer)
    bulan_selesai: Mapped[int] = mapped_column(Integer)
    triwulan: Mapped[int | None] = mapped_column(Integer)
    level: Mapped[str] = mapped_column(String(20), index=True)
    pelaksana: Mapped[str] = mapped_column(Text)
    jp: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())


class PlanEventRow(Base):
    """The plan's audit log: one row per transition, appended, never changed."""

    __tablename__ = "plan_events"
    id: Mapped[int] = mapped_column(Id, primary_key=True)
    plan_id: Mapped[int] = _plan_id()
    at: Mapped[datetime] = mapped_column(UtcDateTime())
    event: Mapped[str] = mapped_column(String(20))
    from_state: Mapped[str] = mapped_column(String(24))
    to_state: Mapped[str] = mapped_column(String(24))
    # who: an employee's id (kept as a number, not a reference: the log outlives a person's
    # erasure, whose row stays as an anonymous marker), or an operator at the command line
    employee_id: Mapped[int | None] = mapped_column(Id)
    operator: Mapped[str | None] = mapped_column(String(40))
    note: Mapped[str | None] = mapped_column(Text)
    changes: Mapped[str] = mapped_column(Text, default="{}")  # JSON: field → [old, new]
