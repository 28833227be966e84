"""An item of the dialog kinerja's agreement on the form engine: the questions of Formulir 1
C (handlers/formulir1/section_c.py), pre-filled with the item's values, so that every
validator and the method advice apply to what the supervisor changes or adds.

The item's questions read section B of the plan (relevance codes, needs, self-assessment
gaps): here that is the submitted plan's B, laid out as the answers Formulir 1 kept, and
read beside the item's own answers (:func:`on_plan`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import Any, TypeVar

from handlers.effects import Msg
from handlers.forms.kinds import ADA
from handlers.forms.model import Form, FormContext, Scope, Step, Value
from handlers.formulir1.assessment import OFFER, SECTION, YES
from handlers.formulir1.section_c import GROUP, NEED, section_c
from handlers.formulir1.sections_ab import title
from handlers.plan.build import GAP, version
from handlers.plan.model import CompetencySource, ItemVersion, PlanContent

PLAN = "plan"  # context.data: section B and the ratings of the plan, as Formulir 1's answers
ITEM = "_item"  # an answer outside the questions: the item (0: a new one) and its plan
T = TypeVar("T")


def on_plan(
    read: Callable[[Scope, FormContext], T] | None,
) -> Callable[[Scope, FormContext], T] | None:
    """``read`` (a step's choices or condition) seeing the plan's B beside the item."""
    if read is None:
        return None

    def seeing_the_plan(scope: Scope, context: FormContext) -> T:
        return read(Scope({**context.data.get(PLAN, {}), **scope.answers}, scope.prefix), context)

    return seeing_the_plan


def item_steps() -> tuple[Step, ...]:
    return tuple(
        replace(step, choices=on_plan(step.choices), condition=on_plan(step.condition))
        for step in section_c().steps
    )


def plan_answers(content: PlanContent) -> dict[str, Value]:
    """Section B and the ratings of a submitted plan as the answers Formulir 1 kept."""
    answers: dict[str, Value] = {f"B.{b}.ada": ADA for b, ok in content.bases.items() if ok}
    for entry in content.analyses:
        if entry.code == "4.2":
            need = f"{GAP}{entry.competency_key}" if entry.competency_key else {"text": entry.text}
            answers.setdefault(f"B.4.2.{entry.classification}", []).append(need)
        elif entry.code == "4.1":
            answers["B.4.1.tahun"], answers["B.4.1.hasil"] = entry.year, entry.text
        elif entry.code == "1.1":
            answers.setdefault("B.1.1", []).append({"text": entry.text})
        else:
            answers[f"B.{entry.code}"] = entry.text
    if content.ratings:
        answers[OFFER] = YES
        answers.update({f"{SECTION}.{r.competency_key}": r.rating for r in content.ratings})
    return answers


def plan_competencies(content: PlanContent) -> list[dict[str, Any]]:
    """The job's competencies as the self-assessment snapshot kept them (for the gaps)."""
    return [{"key": r.competency_key, "classification": r.classification, "level": r.required,
             "technical_name": r.technical_name, "imported": r.technical_name is not None}
            for r in content.ratings]  # fmt: skip


def competency_answer(item: ItemVersion) -> Value:
    if item.competency_source is CompetencySource.GAP and item.competency_key:
        return f"{GAP}{item.competency_key}"
    if item.competency_source is CompetencySource.NEED:
        return f"{NEED}{item.competency_description}"
    return {"text": item.competency_description}


def prefilled(item: ItemVersion) -> dict[str, Value]:
    """An item version as the answers of its questions (what the form shows to change)."""
    period: dict[str, Any] = {"start": item.start_month, "end": item.end_month}
    if item.quarter is not None:
        period["quarter"] = item.quarter
    return {
        "relevansi": list(item.relevance),
        "tujuan": item.goal,
        "output": item.output,
        "kompetensi_klasifikasi": item.competency_classification,
        "kompetensi_deskripsi": competency_answer(item),
        "sasaran": item.target,
        "metode_klasifikasi": item.method_class,
        "metode_bentuk": item.method_form,
        "sumber": item.learning_source,
        "waktu": period,
        "level": item.execution_level,
        "pelaksana": item.organiser,
        "jp": item.jp,
    }


def answered(answers: Mapping[str, Value], context: FormContext, keys: list[str]) -> ItemVersion:
    """The item as its answers say (``keys``: the questions laid out now)."""
    return version({key: answers.get(key) for key in keys}, context)


def item_form(name: str, review: Callable[[Mapping[str, Value], FormContext], Msg]) -> Form:
    return Form(
        name=name,
        nodes=item_steps(),
        sections=((GROUP, title(GROUP)),),
        review=review,
        title=Msg("dialog/agree/item_title"),
        submit=Msg("dialog/agree/label", {"key": "save"}),
        command="",  # resumed from the agreement's buttons, not by a command
    )
