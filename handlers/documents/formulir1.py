"""Formulir 1 as a DOCX laid out like the regulation's form, from a template an agency may
replace (docxtpl over python-docx; ``messages/documents/formulir1.docx``, its generator
``messages/documents/build_formulir1.py``, docs/documents.md).

The template sees A as rows of (label, value), B as the form's table rows, and the item
sections as data: each has a title, seven column titles and rows of seven cells. C (what the
dialog kinerja agreed, else what was proposed) and D (what the expertise group verified) are
the builders of :data:`ITEM_SECTIONS`, and so is E (the quarters' check-ins: a row per item
and quarter, the item's columns as agreed or verified, the last cell what the quarter
recorded — handlers/report/entry.py).
"""

from __future__ import annotations

import io
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from docxtpl import DocxTemplate, Listing

import messages
from handlers.formulir1.sections_ab import BASES, RECORD_FIELDS
from handlers.plan.model import Analysis, Item, ItemVersion, PlanContent, Stage
from handlers.recap.labels import Labels
from handlers.report.entry import entry_lines
from handlers.report.model import CheckinEntry

MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
DEFAULT_TEMPLATE = Path(messages.__file__).parent / "documents" / "formulir1.docx"


@dataclass
class TemplateChoice:
    """The template in use: the repository's, or the agency's (``IDP_FORMULIR1_TEMPLATE``,
    set by the composition root through :func:`use_template`)."""

    path: Path = DEFAULT_TEMPLATE


TEMPLATE = TemplateChoice()


def use_template(path: Path | None) -> None:
    TEMPLATE.path = path or DEFAULT_TEMPLATE


@dataclass(frozen=True)
class Plan:
    """What the document is made of: the content of the plan's latest submission, its cycle
    year, each verified item's priority (Formulir 2) and what its check-ins recorded."""

    content: PlanContent
    year: int
    priorities: Mapping[int, str] = field(default_factory=dict)
    checkins: Sequence[CheckinEntry] = ()


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    headers: list[str]
    rows: list[list[Any]]


def cell(*lines: str) -> Listing:
    """A cell of several lines (a line break each), its text escaped."""
    return Listing("\n".join(lines))


def item_row(item: Item, version: ItemVersion, labels: Labels, extra: list[str]) -> list[Any]:
    word = document_word(labels)
    method = (f"{word('klasifikasi')}: {labels.method_class(version.method_class)}",
              f"{word('bentuk')}: {labels.method_form(version.method_form)}",
              f"{word('sumber')}: {version.learning_source}")  # fmt: skip
    return [
        str(item.position), ", ".join(version.relevance),
        cell(f"{word('tujuan')}: {version.goal}", f"{word('output')}: {version.output}"),
        cell(f"{word('klasifikasi')}: {labels.classification(version.competency_classification)}",
             f"{word('deskripsi')}: {labels.version_competency(version)}"),
        cell(*method), labels.version_period(version),
        cell(f"{word('level')}: {labels.level(version.execution_level)}",
             f"{word('pelaksana')}: {version.organiser}", *extra),
    ]  # fmt: skip


def document_word(labels: Labels) -> Callable[[str], str]:
    return lambda key: labels.text("documents/text", ("key", key))


def section(key: str, labels: Labels, rows: list[list[Any]]) -> Section:
    word = document_word(labels)
    return Section(key, word(key), word(f"{key}_headers").splitlines(), rows)


def agreed_section(plan: Plan, labels: Labels) -> Section | None:
    """C: the items as the dialog kinerja agreed them, or as proposed before it."""
    items = plan.content.items
    stage = Stage.AGREED if any(Stage.AGREED in i.versions for i in items) else Stage.PROPOSED
    rows = [item_row(i, i.versions[stage], labels, []) for i in items if stage in i.versions]
    return section("C", labels, rows)


def verified_section(plan: Plan, labels: Labels) -> Section | None:
    """D: the items as the expertise group verified them (with their priority); none yet:
    no section."""
    word = document_word(labels)

    def priority(item: Item) -> list[str]:
        found = plan.priorities.get(item.id or 0)
        return [f"{word('prioritas')}: {labels.priority(found)}"] if found else []

    rows = [item_row(i, i.versions[Stage.VERIFIED], labels, priority(i))
            for i in plan.content.items if Stage.VERIFIED in i.versions]  # fmt: skip
    return section("D", labels, rows) if rows else None


def evaluation_section(plan: Plan, labels: Labels) -> Section | None:
    """E: per item and quarter, the item as verified (else agreed; a cancelled one as
    proposed) and what the quarter's check-in recorded; no check-in yet: no section."""
    items = {item.id: item for item in plan.content.items}
    rows: list[tuple[int, list[Any]]] = []
    for entry in sorted(plan.checkins, key=lambda e: (e.item_id, e.quarter)):
        item = items.get(entry.item_id)
        stage = next((s for s in (Stage.VERIFIED, Stage.AGREED, Stage.PROPOSED)
                      if item and s in item.versions), None)  # fmt: skip
        if item is None or stage is None:
            continue
        recorded = ["", *entry_lines(entry, labels.locale)]
        rows.append((item.position, item_row(item, item.versions[stage], labels, recorded)))
    rows.sort(key=lambda found: found[0])
    return section("E", labels, [row for _, row in rows]) if rows else None


ITEM_SECTIONS: list[Callable[[Plan, Labels], Section | None]] = [
    agreed_section, verified_section, evaluation_section]  # fmt: skip


def analysis_text(entry: Analysis, labels: Labels) -> str:
    if entry.code == "4.1":
        return f"{entry.year}: {entry.text}"
    name = (
        labels.competency(entry.competency_key, entry.text) if entry.competency_key else entry.text
    )
    if entry.code == "4.2" and entry.classification:
        return f"{labels.classification(entry.classification)}: {name}"
    return name


def basis_rows(content: PlanContent, labels: Labels) -> list[list[Any]]:
    word = document_word(labels)
    rows: list[list[Any]] = []
    for basis, codes in BASES.items():
        available = content.bases.get(basis, False)
        for n, code in enumerate(codes):
            entries = (
                [analysis_text(a, labels) for a in content.analyses_of(code)] if available else []
            )
            first = n == 0
            rows.append([
                str(basis) if first else "", word(f"basis_{basis}") if first else "",
                word("ada" if available else "tidak_ada") if first else "", code,
                labels.text("form1/code_label", ("code", code)), cell(*entries),
            ])  # fmt: skip
    return rows


def context(plan: Plan, labels: Labels) -> dict[str, Any]:
    """Everything the template reads."""
    word = document_word(labels)
    title_a = labels.text("form1/title", ("key", "A.nama"))  # the form's own row labels
    profile = plan.content.profile
    return {
        "title": word("title"), "subtitle": word("subtitle"), "year": plan.year,
        "title_a": word("A"), "title_b": word("B"),
        "a_rows": [{"label": labels.text("form1/title", ("key", f"A.{name}")) or title_a,
                    "value": getattr(profile, name)} for name in RECORD_FIELDS],
        "b_headers": word("b_headers").splitlines(),
        "b_rows": basis_rows(plan.content, labels),
        "sections": [found for build in ITEM_SECTIONS
                     if (found := build(plan, labels)) is not None],
    }  # fmt: skip


def render(plan: Plan, labels: Labels, template: Path | None = None) -> bytes:
    """The DOCX of ``plan``, every value escaped (autoescape: a value is text, never markup)."""
    document = DocxTemplate(str(template or TEMPLATE.path))
    document.render(context(plan, labels), autoescape=True)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
