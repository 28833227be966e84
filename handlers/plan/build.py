"""A submitted Formulir 1 walk as the typed plan (the aggregate of handlers/plan/model.py)."""

from __future__ import annotations

from typing import Any

from handlers.forms.kinds import ADA
from handlers.forms.model import FormContext, Value
from handlers.forms.walk import Slot, Walk
from handlers.formulir1.assessment import SECTION, competencies, find_competency, ratings
from handlers.formulir1.section_c import NEED
from handlers.formulir1.sections_ab import BASES, RECORD_FIELDS
from handlers.plan.model import (
    Analysis,
    CompetencySource,
    Item,
    ItemVersion,
    PlanContent,
    Profile,
    Rating,
    Stage,
)

GAP = "k:"  # a gap of the self-assessment chosen: "k:<competency key>"


def content(walk: Walk, submission: int = 1) -> PlanContent:
    """Everything the walk lays out (a step hidden by a condition leaves nothing behind)."""
    laid = [s for s in walk.laid if not s.is_more]
    answers, context = walk.answers, walk.context
    return PlanContent(
        profile=profile(answers, context),
        bases={basis: answers.get(f"B.{basis}.ada") == ADA for basis in BASES},
        analyses=tuple(a for s in laid if s.section == "B" for a in analyses(s, answers, context)),
        ratings=tuple(rated(answers, context)),
        items=tuple(items(laid, answers, context)),
        submission=submission,
    )


def profile(answers: dict[str, Value], context: FormContext) -> Profile:
    """Section A: the organisation's record, with the employee's corrections over it."""
    record = {**context.data.get("record", {}), **(answers.get("A") or {})}
    fields = {name: str(record.get(name, "")) for name in RECORD_FIELDS}
    return Profile(jenis_pegawai=context.person.jenis_pegawai.value, **fields)


def competency_name(value: str, context: FormContext) -> str:
    """A gap's competency by name (a technical one's as imported; a national one's key when
    no name is at hand here: templates name it)."""
    found = find_competency(value, context)
    if found is None:
        return value.removeprefix(GAP)
    return found.technical_name or ""


def analyses(slot: Slot, answers: dict[str, Value], context: FormContext) -> list[Analysis]:
    value = answers.get(slot.key)
    if value in (None, "", []) or not slot.key.startswith("B.") or slot.key.endswith(".ada"):
        return []
    parts = slot.key.split(".")  # B.1.1 · B.4.1.tahun · B.4.2.<classification>
    code = f"{parts[1]}.{parts[2]}"
    if code == "4.1":
        if parts[3] != "tahun":
            return []  # the result is kept with its year
        return [Analysis("4.1", str(answers.get("B.4.1.hasil") or ""), year=int(value))]
    if code == "1.1":
        return [priority(i, v, context) for i, v in enumerate(_list(value))]
    if code == "4.2":
        return [need(i, v, parts[3], context) for i, v in enumerate(_list(value))]
    return [Analysis(code, str(value))]


def _list(value: Value) -> list[Any]:
    return value if isinstance(value, list) else [value]


def priority(position: int, value: Any, context: FormContext) -> Analysis:
    """An entry of 1.1: a priority of the steering board ("p<n>"), or typed."""
    if isinstance(value, dict):
        return Analysis("1.1", str(value.get("text", "")), position)
    published = context.data.get("priorities", [])
    index = int(str(value).removeprefix("p"))
    chosen = published[index] if index < len(published) else {"text": str(value)}
    return Analysis("1.1", str(chosen.get("text") or ""), position, chosen.get("key"))


def need(position: int, value: Any, classification: str, context: FormContext) -> Analysis:
    """An entry of 4.2: a gap of the self-assessment ("k:<key>"), or a need typed."""
    if isinstance(value, dict):
        return Analysis("4.2", str(value.get("text", "")), position, None, classification)
    key = str(value).removeprefix(GAP)
    text = competency_name(str(value), context)
    return Analysis("4.2", text, position, key, classification)


def rated(answers: dict[str, Value], context: FormContext) -> list[Rating]:
    given = ratings(answers)
    return [
        Rating(c.key, c.classification.value, c.level, given[c.key], c.technical_name)
        for c in competencies(context)
        if c.key in given and f"{SECTION}.{c.key}" in answers
    ]


def items(laid: list[Slot], answers: dict[str, Value], context: FormContext) -> list[Item]:
    fields: dict[int, dict[str, Value]] = {}
    for slot in laid:
        if slot.item is not None:
            fields.setdefault(slot.item, {})[slot.step.key] = answers.get(slot.key)
    return [Item(n, {Stage.PROPOSED: version(fields[n], context)}) for n in sorted(fields)]


def version(answer: dict[str, Value], context: FormContext) -> ItemVersion:
    period = answer.get("waktu") or {}
    assert isinstance(period, dict)
    source, key, description = competency(answer.get("kompetensi_deskripsi"), context)
    jp = answer.get("jp")
    return ItemVersion(
        relevance=tuple(str(c) for c in answer.get("relevansi") or []),
        goal=_text(answer.get("tujuan")),
        output=_text(answer.get("output")),
        competency_classification=_text(answer.get("kompetensi_klasifikasi")),
        competency_source=source,
        competency_key=key,
        competency_description=description,
        target=_text(answer.get("sasaran")),
        method_class=_text(answer.get("metode_klasifikasi")),
        method_form=_text(answer.get("metode_bentuk")),
        learning_source=_text(answer.get("sumber")),
        start_month=int(period.get("start", 1)),
        end_month=int(period.get("end", 12)),
        quarter=period.get("quarter"),
        execution_level=_text(answer.get("level")),
        organiser=_text(answer.get("pelaksana")),
        jp=jp if isinstance(jp, int) else None,
    )


def _text(value: Value) -> str:
    return "" if value is None else str(value)


def competency(value: Value, context: FormContext) -> tuple[CompetencySource, str | None, str]:
    if isinstance(value, dict):
        return CompetencySource.TYPED, None, str(value.get("text", ""))
    text = _text(value)
    if text.startswith(NEED):
        return CompetencySource.NEED, None, text.removeprefix(NEED)
    if text.startswith(GAP):
        return CompetencySource.GAP, text.removeprefix(GAP), competency_name(text, context)
    return CompetencySource.TYPED, None, text
