"""The prose columns plan_items held before the plan was data (until migration 0012), and
the way back from them.

``columns`` writes an item version exactly as ``formulir1/flow.py items()`` wrote it:
Indonesian plain text where a person chose from a list, keys where it kept keys. The data
migration reads old rows back with ``parse`` when a plan's answers are gone (an erased
person's plan keeps only these rows): a list of codes or a time frame is recognised by
rendering every candidate and finding the one written.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import messages
from handlers.effects import Msg
from handlers.formulir1.sections_ab import BASES
from handlers.plan.document import competency_label, period
from handlers.plan.model import CompetencySource, ItemVersion

SEPARATOR = "; "  # how items() joined the pieces of one answer
CODES = tuple(code for codes in BASES.values() for code in codes)


def plain(piece: Msg | str) -> str:
    if isinstance(piece, str):
        return piece
    return messages.to_plain_text(messages.render(piece.template, "id", piece.context))


def code_text(code: str) -> str:
    return plain(Msg("form1/code_label", {"code": code}))


def columns(version: ItemVersion, year: int) -> dict[str, Any]:
    """The old plan_items row of one item (without plan_id and position)."""
    return {
        "relevansi": SEPARATOR.join(code_text(c) for c in version.relevance),
        "tujuan": version.goal,
        "output": version.output,
        "kompetensi_klasifikasi": version.competency_classification,
        "kompetensi_deskripsi": plain(competency_label(version)),
        "sasaran": version.target,
        "metode_klasifikasi": version.method_class,
        "metode_bentuk": version.method_form,
        "sumber": version.learning_source,
        "waktu": plain(period(version, year)),
        "level": version.execution_level,
        "pelaksana": version.organiser,
        "jp": version.jp or 0,
    }


class Unreadable(ValueError):
    """An old row whose relevance or time frame matches nothing the form could write."""


@cache
def _codes() -> dict[str, str]:
    return {code_text(code): code for code in CODES}


@cache
def _periods(year: int) -> dict[str, tuple[int, int, int | None]]:
    """Every time frame the form could store, by how items() wrote it."""
    found: dict[str, tuple[int, int, int | None]] = {}
    spans = [(s, e, None) for s in range(1, 13) for e in range(s, 13)]
    quarters = [(3 * q - 2, 3 * q, q) for q in range(1, 5)]
    for start, end, quarter in [*spans, *quarters]:
        context: dict[str, object] = {"start": start, "end": end, "year": year}
        if quarter is not None:
            context["quarter"] = quarter
        found[plain(Msg("label/period", context))] = (start, end, quarter)
    return found


def relevance(text: str) -> tuple[str, ...]:
    if not text:
        return ()
    codes = []
    for piece in text.split(SEPARATOR):
        if piece not in _codes():
            raise Unreadable("relevansi")
        codes.append(_codes()[piece])
    return tuple(codes)


def parse(row: dict[str, Any], year: int) -> ItemVersion:
    """An old plan_items row as an item version; the competency is kept as it was written
    (whether it was a gap or a need, the row does not say)."""
    if row["waktu"] not in _periods(year):
        raise Unreadable("waktu")
    start, end, quarter = _periods(year)[row["waktu"]]
    return ItemVersion(
        relevance=relevance(row["relevansi"]),
        goal=row["tujuan"],
        output=row["output"],
        competency_classification=row["kompetensi_klasifikasi"],
        competency_source=CompetencySource.TYPED,
        competency_key=None,
        competency_description=row["kompetensi_deskripsi"],
        target=row["sasaran"],
        method_class=row["metode_klasifikasi"],
        method_form=row["metode_bentuk"],
        learning_source=row["sumber"],
        start_month=start,
        end_month=end,
        quarter=quarter,
        execution_level=row["level"],
        organiser=row["pelaksana"],
        jp=row["jp"] or None,
    )
