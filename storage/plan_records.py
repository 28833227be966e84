"""The plan as data: each submission's rows, item versions, state moves and the audit log."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import func, select, update

from handlers.formulir1.sections_ab import CLASSIFICATIONS
from handlers.plan.model import (
    Analysis,
    CompetencySource,
    Item,
    ItemVersion,
    PlanContent,
    PlanEvent,
    Profile,
    Rating,
    Stage,
)
from storage.models import PlanItemRow, PlanRow
from storage.plan_models import (
    PlanAnalysisRow,
    PlanBasisRow,
    PlanEventRow,
    PlanItemVersionRow,
    PlanProfileRow,
    PlanRatingRow,
)
from storage.session import DbSession

PROFILE_FIELDS = ("nama", "nip", "jenis_pegawai", "pangkat_golongan", "pendidikan",
                  "masa_kerja", "jabatan", "unit_kerja")  # fmt: skip


def version_columns(version: ItemVersion) -> dict[str, Any]:
    """An item version as the columns of plan_item_versions (also used by migration 0012)."""
    return {
        "relevansi": json.dumps(list(version.relevance)),
        "tujuan": version.goal,
        "output": version.output,
        "kompetensi_klasifikasi": version.competency_classification,
        "kompetensi_sumber": version.competency_source.value,
        "kompetensi_key": version.competency_key,
        "kompetensi_deskripsi": version.competency_description,
        "sasaran": version.target,
        "metode_klasifikasi": version.method_class,
        "metode_bentuk": version.method_form,
        "sumber": version.learning_source,
        "bulan_mulai": version.start_month,
        "bulan_selesai": version.end_month,
        "triwulan": version.quarter,
        "level": version.execution_level,
        "pelaksana": version.organiser,
        "jp": version.jp,
    }


def content_rows(
    plan_id: int, content: PlanContent, at: datetime
) -> dict[str, list[dict[str, Any]]]:
    """Section A, B and the ratings of one submission, as rows per table name."""
    n = content.submission
    profile = {f: getattr(content.profile, f) for f in PROFILE_FIELDS}
    return {
        "plan_profiles": [{"plan_id": plan_id, "submission": n, **profile, "submitted_at": at}],
        "plan_bases": [{"plan_id": plan_id, "submission": n, "basis": b, "available": a}
                       for b, a in sorted(content.bases.items())],
        "plan_analyses": [{"plan_id": plan_id, "submission": n, "code": a.code,
                           "position": a.position, "text": a.text,
                           "competency_key": a.competency_key,
                           "classification": a.classification, "year": a.year}
                          for a in content.analyses],
        "plan_ratings": [{"plan_id": plan_id, "submission": n, "competency_key": r.competency_key,
                          "position": i, "classification": r.classification,
                          "required": r.required, "rating": r.rating,
                          "technical_name": r.technical_name}
                         for i, r in enumerate(content.ratings)],
    }  # fmt: skip


TABLES = {"plan_profiles": PlanProfileRow, "plan_bases": PlanBasisRow,
          "plan_analyses": PlanAnalysisRow, "plan_ratings": PlanRatingRow}  # fmt: skip


def read_version(row: Any) -> ItemVersion:
    return ItemVersion(
        relevance=tuple(json.loads(row.relevansi)),
        goal=row.tujuan,
        output=row.output,
        competency_classification=row.kompetensi_klasifikasi,
        competency_source=CompetencySource(row.kompetensi_sumber),
        competency_key=row.kompetensi_key,
        competency_description=row.kompetensi_deskripsi,
        target=row.sasaran,
        method_class=row.metode_klasifikasi,
        method_form=row.metode_bentuk,
        learning_source=row.sumber,
        start_month=row.bulan_mulai,
        end_month=row.bulan_selesai,
        quarter=row.triwulan,
        execution_level=row.level,
        organiser=row.pelaksana,
        jp=row.jp,
    )


def analysis_order(row: Any) -> tuple[str, int, int]:
    """As the form asks them: by code, 4.2 by classification, then as entered."""
    kind = CLASSIFICATIONS.index(row.classification) if row.classification else -1
    return row.code, kind, row.position


class SqlPlanRecords:
    def __init__(self, session: DbSession) -> None:
        self.session = session

    async def submissions(self, plan_id: int) -> int:
        found = await self.session.scalar(
            select(func.max(PlanProfileRow.submission)).where(PlanProfileRow.plan_id == plan_id)
        )
        return int(found or 0)

    async def save(self, plan_id: int, content: PlanContent, at: datetime) -> None:
        """Write one submission: A, B, ratings, and each item's versions under its stable id."""
        for name, rows in content_rows(plan_id, content, at).items():
            if rows:
                await self.session.execute(TABLES[name].__table__.insert(), rows)  # type: ignore[attr-defined]
        for item in content.items:
            item_id = await self._item_id(plan_id, item.position)
            for stage, version in item.versions.items():
                self.session.add(PlanItemVersionRow(
                    item_id=item_id, stage=stage.value, submission=content.submission,
                    created_at=at, **version_columns(version)))  # fmt: skip
        await self.session.flush()

    async def _item_id(self, plan_id: int, position: int) -> int:
        found = await self.session.scalar(
            select(PlanItemRow.id).where(
                PlanItemRow.plan_id == plan_id, PlanItemRow.position == position
            )
        )
        if found is not None:
            return int(found)
        row = PlanItemRow(plan_id=plan_id, position=position)
        self.session.add(row)
        await self.session.flush()
        return row.id

    async def load(self, plan_id: int, submission: int | None = None) -> PlanContent | None:
        """A submission of the plan (the latest by default); None before the first."""
        n = submission or await self.submissions(plan_id)
        profile = await self.session.get(PlanProfileRow, (plan_id, n)) if n else None
        if profile is None:
            return None

        async def rows(model: Any) -> list[Any]:
            query = select(model).where(model.plan_id == plan_id, model.submission == n)
            return list(await self.session.scalars(query))

        analyses = sorted(await rows(PlanAnalysisRow), key=analysis_order)
        return PlanContent(
            profile=Profile(**{f: getattr(profile, f) for f in PROFILE_FIELDS}),
            bases={b.basis: b.available for b in await rows(PlanBasisRow)},
            analyses=tuple(
                Analysis(a.code, a.text, a.position, a.competency_key, a.classification, a.year)
                for a in analyses
            ),
            ratings=tuple(
                Rating(r.competency_key, r.classification, r.required, r.rating, r.technical_name)
                for r in sorted(await rows(PlanRatingRow), key=lambda r: r.position)
            ),
            items=tuple(await self._items(plan_id, n)),
            submission=n,
        )

    async def _items(self, plan_id: int, submission: int) -> list[Item]:
        query = (
            select(PlanItemRow, PlanItemVersionRow)
            .join(PlanItemVersionRow, PlanItemVersionRow.item_id == PlanItemRow.id)
            .where(PlanItemRow.plan_id == plan_id, PlanItemVersionRow.submission == submission)
            .order_by(PlanItemRow.position, PlanItemVersionRow.id)
        )
        found: dict[int, Item] = {}
        for item, version in await self.session.execute(query):
            entry = found.setdefault(item.id, Item(item.position, {}, item.id))
            entry.versions[Stage(version.stage)] = read_version(version)
        return list(found.values())

    async def move(self, plan_id: int, source: str, target: str, at: datetime) -> bool:
        """Change the plan's state if it is still ``source``; False when another update moved
        it first (on PostgreSQL the update waits for that one, then finds nothing to do)."""
        values: dict[str, Any] = {"status": target, "updated_at": at}
        if target == "submitted":
            values["submitted_at"] = at
        result = await self.session.execute(
            update(PlanRow).where(PlanRow.id == plan_id, PlanRow.status == source).values(**values)
        )
        return bool(getattr(result, "rowcount", 0))

    async def append(self, event: PlanEvent) -> None:
        self.session.add(PlanEventRow(
            plan_id=event.plan_id, at=event.at, event=event.event, from_state=event.from_state,
            to_state=event.to_state, employee_id=event.employee_id, operator=event.operator,
            note=event.note, changes=json.dumps(event.changes, ensure_ascii=False, default=str),
        ))  # fmt: skip
        await self.session.flush()

    async def events(self, plan_id: int) -> list[PlanEvent]:
        query = (
            select(PlanEventRow).where(PlanEventRow.plan_id == plan_id).order_by(PlanEventRow.id)
        )
        return [
            PlanEvent(r.plan_id, r.event, r.from_state, r.to_state, r.at, r.employee_id,
                      r.operator, r.note, json.loads(r.changes))
            for r in await self.session.scalars(query)
        ]  # fmt: skip
