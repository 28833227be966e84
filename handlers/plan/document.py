"""A stored plan as a document: typed data → rows of label templates, rendered at the edge.

The rows reuse the titles and value labels Formulir 1 shows while it is filled in
(``form1/title``, ``form1/code_label``, ``form1/value``, ``ref/method``, ``label/period``), so
a plan reads the same while drafted and once sent.
"""

from __future__ import annotations

from handlers.effects import Msg
from handlers.formulir1.sections_ab import BASES, CLASSIFICATIONS, RECORD_FIELDS, title
from handlers.plan.model import Analysis, CompetencySource, ItemVersion, PlanContent, Rating
from handlers.reference import methods

Piece = Msg | str
Row = dict[str, object]


def document(content: PlanContent, year: int) -> Msg:
    """The whole plan, section by section (``plan/document``)."""
    sections = [
        section("A", profile_rows(content)),
        section("B", basis_rows(content)),
        *([section("S", [rating_row(r) for r in content.ratings])] if content.ratings else []),
        *(section("C", item_rows(item.current, year), item.position) for item in content.items),
    ]
    jp = sum(item.current.jp or 0 for item in content.items)
    return Msg("plan/document", {"sections": sections, "jp": jp})


def section(key: str, rows: list[Row], item: int | None = None) -> Row:
    return {"key": key, "title": title(key), "item": item, "rows": rows}


def row(key: str, *value: Piece) -> Row:
    return {"title": title(key), "value": list(value)}


def profile_rows(content: PlanContent) -> list[Row]:
    return [row(f"A.{name}", getattr(content.profile, name)) for name in RECORD_FIELDS]


def basis_rows(content: PlanContent) -> list[Row]:
    rows = []
    for basis, codes in BASES.items():
        available = content.bases.get(basis, False)
        rows.append(row(f"B.{basis}.ada", Msg("label/ada" if available else "label/tidak_ada")))
        for code in codes if available else ():
            rows.extend(analysis_rows(code, content.analyses_of(code)))
    return rows


def analysis_rows(code: str, entries: list[Analysis]) -> list[Row]:
    if code == "4.1":
        return [r for a in entries for r in (row("B.4.1.tahun", str(a.year)),
                                              row("B.4.1.hasil", a.text))]  # fmt: skip
    if code == "4.2":
        return [
            row(f"B.4.2.{jenis}", *(need_label(a) for a in entries if a.classification == jenis))
            for jenis in CLASSIFICATIONS
            if any(a.classification == jenis for a in entries)
        ]
    if code == "1.1":
        return [row("B.1.1", *(priority_label(a) for a in entries))] if entries else []
    return [row(f"B.{code}", *(a.text for a in entries))] if entries else []


def priority_label(entry: Analysis) -> Piece:
    if entry.competency_key:
        return Msg("ref/competency", {"key": entry.competency_key, "part": "name"})
    return entry.text


def need_label(entry: Analysis) -> Piece:
    if entry.competency_key:
        return Msg("ref/competency_label", {"key": entry.competency_key, "name": entry.text})
    return entry.text


def rating_row(rating: Rating) -> Row:
    name = Msg("ref/competency_label", {"key": rating.competency_key,
                                        "name": rating.technical_name or ""})  # fmt: skip
    given = Msg("plan/rating", {"rating": rating.rating, "required": rating.required})
    return {"title": name, "value": [given]}


def competency_label(version: ItemVersion) -> Piece:
    if version.competency_source is CompetencySource.GAP and version.competency_key:
        return Msg("ref/competency_label", {"key": version.competency_key,
                                            "name": version.competency_description})  # fmt: skip
    return version.competency_description


def period(version: ItemVersion, year: int) -> Msg:
    context: dict[str, object] = {"start": version.start_month, "end": version.end_month,
                                  "year": year}  # fmt: skip
    if version.quarter is not None:
        context["quarter"] = version.quarter
    return Msg("label/period", context)


def value(kind: str, key: str) -> Msg:
    return Msg("form1/value", {"kind": kind, "key": key})


def item_values(version: ItemVersion, year: int) -> list[tuple[str, list[Piece]]]:
    """Each column of an item as (title key, value pieces), in the form's order."""
    relevance: list[Piece] = [Msg("form1/code_label", {"code": c}) for c in version.relevance]
    return [
        ("C.relevansi", relevance),
        ("C.tujuan", [version.goal]),
        ("C.output", [version.output]),
        ("C.kompetensi_klasifikasi", [value("klasifikasi", version.competency_classification)]),
        ("C.kompetensi_deskripsi", [competency_label(version)]),
        ("C.sasaran", [value("sasaran", version.target)]),
        ("C.metode_klasifikasi", [methods.class_name(version.method_class)]),
        ("C.metode_bentuk", [Msg("ref/method", {"key": version.method_form, "part": "name"})]),
        ("C.sumber", [version.learning_source]),
        ("C.waktu", [period(version, year)]),
        ("C.level", [value("level", version.execution_level)]),
        ("C.pelaksana", [version.organiser]),
        ("C.jp", [str(version.jp) if version.jp is not None else Msg("form/skipped")]),
    ]


def item_rows(version: ItemVersion, year: int) -> list[Row]:
    return [row(key, *pieces) for key, pieces in item_values(version, year) if pieces]
