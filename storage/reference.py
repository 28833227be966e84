"""Reference data tables and their repository: the steering board's priority competencies and
the competencies each jabatan requires (level overrides and technical competencies)."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Integer, String, Text, UniqueConstraint, delete, select
from sqlalchemy.orm import Mapped, mapped_column

from handlers.ports import JobRequirement, Priority
from handlers.reference.competencies import normalize_name
from storage.models import Base, Id, Unit, UtcDateTime
from storage.organisation import chunks
from storage.repositories import upsert
from storage.session import DbSession

AGENCY = ""  # unit_kerja of a priority for the whole agency


class PriorityRow(Base):
    """A priority competency (arah pengembangan kompetensi) of a year, agency-wide or a unit's."""

    __tablename__ = "priority_competencies"
    __table_args__ = (
        UniqueConstraint("year", "unit_kerja", "kompetensi_norm", name="uq_priority_competencies"),
    )
    id: Mapped[int] = mapped_column(Id, primary_key=True)
    year: Mapped[int] = mapped_column(Integer, index=True)
    unit_kerja: Mapped[str] = mapped_column(String(200))
    kompetensi: Mapped[str] = mapped_column(String(200))
    kompetensi_norm: Mapped[str] = mapped_column(String(200))
    competency_key: Mapped[str | None] = mapped_column(String(40))
    keterangan: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())


class JobCompetencyRow(Base):
    """A jabatan's required level of a national competency, or one of its technical ones."""

    __tablename__ = "job_competencies"
    __table_args__ = (
        UniqueConstraint("jabatan_norm", "jenis", "kompetensi_norm", name="uq_job_competencies"),
    )
    id: Mapped[int] = mapped_column(Id, primary_key=True)
    jabatan: Mapped[str] = mapped_column(String(200))
    jabatan_norm: Mapped[str] = mapped_column(String(200), index=True)
    jenis: Mapped[str] = mapped_column(String(20))
    kompetensi: Mapped[str] = mapped_column(String(200))
    kompetensi_norm: Mapped[str] = mapped_column(String(200))
    level: Mapped[int] = mapped_column(Integer)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())


class SqlReference:
    """Implements :class:`handlers.ports.Reference`."""

    def __init__(self, session: DbSession) -> None:
        self.session = session

    async def priorities(self, year: int, unit: str | None) -> list[Priority]:
        """The agency-wide priorities of ``year``, then those of ``unit``, as first imported."""
        units = [AGENCY] if not unit else [AGENCY, unit]
        query = select(PriorityRow).where(
            PriorityRow.year == year, PriorityRow.unit_kerja.in_(units)
        )
        rows = await self.session.scalars(
            query.order_by(PriorityRow.unit_kerja != AGENCY, PriorityRow.id)
        )
        return [
            Priority(r.year, r.unit_kerja or None, r.kompetensi, r.competency_key, r.keterangan)
            for r in rows
        ]

    async def requirements(self, jabatan: str) -> list[JobRequirement]:
        query = (
            select(JobCompetencyRow)
            .where(JobCompetencyRow.jabatan_norm == normalize_name(jabatan))
            .order_by(JobCompetencyRow.id)
        )
        return [
            JobRequirement(r.jabatan, r.jenis, r.kompetensi, r.level)
            for r in await self.session.scalars(query)
        ]

    async def unit_names(self) -> list[str]:
        return list(await self.session.scalars(select(Unit.name).order_by(Unit.name)))

    async def save_priorities(self, records: list[Priority], *, replace_years: bool) -> int:
        """Upsert by (year, unit, competency); with ``replace_years``, the file's years are
        emptied first."""
        if replace_years and records:
            years = sorted({r.year for r in records})
            await self.session.execute(delete(PriorityRow).where(PriorityRow.year.in_(years)))
        now = datetime.now(UTC)
        for part in chunks(records):
            values = [
                {
                    "year": r.year,
                    "unit_kerja": r.unit_kerja or AGENCY,
                    "kompetensi": r.kompetensi,
                    "kompetensi_norm": r.competency_key or normalize_name(r.kompetensi),
                    "competency_key": r.competency_key,
                    "keterangan": r.keterangan,
                    "updated_at": now,
                }
                for r in part
            ]
            await upsert(
                self.session, PriorityRow, values,
                index=("year", "unit_kerja", "kompetensi_norm"),
                changed=("kompetensi", "competency_key", "keterangan", "updated_at"),
            )  # fmt: skip
        return len(records)

    async def save_requirements(
        self, records: list[JobRequirement], *, replace_jabatan: bool
    ) -> int:
        """Upsert by (jabatan, jenis, competency); with ``replace_jabatan``, each jabatan in
        the file loses what it had before."""
        if replace_jabatan and records:
            names = sorted({normalize_name(r.jabatan) for r in records})
            for part in chunks(names):
                await self.session.execute(
                    delete(JobCompetencyRow).where(JobCompetencyRow.jabatan_norm.in_(part))
                )
        now = datetime.now(UTC)
        for part in chunks(records):
            values = [
                {
                    "jabatan": r.jabatan,
                    "jabatan_norm": normalize_name(r.jabatan),
                    "jenis": r.jenis,
                    "kompetensi": r.kompetensi,
                    "kompetensi_norm": normalize_name(r.kompetensi),
                    "level": r.level,
                    "updated_at": now,
                }
                for r in part
            ]
            await upsert(
                self.session, JobCompetencyRow, values,
                index=("jabatan_norm", "jenis", "kompetensi_norm"),
                changed=("jabatan", "kompetensi", "level", "updated_at"),
            )  # fmt: skip
        return len(records)
