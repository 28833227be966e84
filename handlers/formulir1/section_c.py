"""Formulir 1 C (Usulan Rencana Pengembangan Kompetensi): the proposed development items."""

from __future__ import annotations

import re

from handlers.effects import Msg
from handlers.forms.kinds import ADA
from handlers.forms.model import Choice, FormContext, Group, Kind, Scope, Step
from handlers.formulir1.assessment import former_gap_label, gap_choices
from handlers.formulir1.sections_ab import CLASSIFICATIONS, title
from handlers.reference import methods

GROUP = "C"
_CODE_KEY = re.compile(r"^B\.(\d)\.(\d)(?:\..+)?$")
TARGETS = ("pengetahuan", "keterampilan")
LEVELS = ("teknis", "operasional", "strategis")
MAX_JP = 500


def value_choice(kind: str, value: str, recommended: bool = False) -> Choice:
    return Choice(value, Msg("form1/value", {"kind": kind, "key": value}), recommended)


def answered_codes(scope: Scope, context: FormContext) -> list[str]:
    """The analysis codes of B the employee actually filled (their basis is "Ada")."""
    codes = []
    for key, value in scope.answers.items():
        match = _CODE_KEY.match(key)
        if match and value not in (None, "", []) and scope.get(f"B.{match[1]}.ada") == ADA:
            code = f"{match[1]}.{match[2]}"
            if code not in codes:
                codes.append(code)
    return sorted(codes)


def relevance_choices(scope: Scope, context: FormContext) -> list[Choice]:
    return [
        Choice(code, Msg("form1/code_label", {"code": code}),
               short=Msg("form/short_label", {"text": code}))  # the code on its button
        for code in answered_codes(scope, context)
    ]  # fmt: skip


NEED = "n:"  # a competency chosen from the needs typed in 4.2: "n:<the need as typed>"


def former_competency(value: str, context: FormContext) -> Msg | None:
    """A competency chosen earlier that is offered no more: a need since removed from 4.2
    (as typed), or a gap the ratings closed."""
    if value.startswith(NEED):
        return Msg("form1/priority", {"text": value.removeprefix(NEED)})
    return former_gap_label(value, context)


def gone_code(code: str, context: FormContext) -> Msg:
    """A code chosen while its basis was "Ada", shown now that it is not."""
    return Msg("form1/code_gone", {"code": code})


def competency_choices(scope: Scope, context: FormContext) -> list[Choice]:
    """The self-assessment's gaps of the item's classification, then the needs of that
    classification the employee typed in 4.2."""
    classification = scope.local("kompetensi_klasifikasi")
    written = scope.get(f"B.4.2.{classification}") if classification else None
    typed = [v["text"] for v in written or [] if isinstance(v, dict)]
    needs = [Choice(f"{NEED}{text}", Msg("form1/priority", {"text": text})) for text in typed]
    return gap_choices(scope, context, classification) + needs


def method_class_choices(scope: Scope, context: FormContext) -> list[Choice]:
    target = scope.local("sasaran")
    recommended = methods.recommend(target) if target in TARGETS else ()
    order = methods.ranked(target) if target in TARGETS else tuple(methods.MethodClass)
    return [Choice(c.value, methods.class_name(c), c in recommended) for c in order]


def method_form_choices(scope: Scope, context: FormContext) -> list[Choice]:
    classification = scope.local("metode_klasifikasi")
    if classification not in {c.value for c in methods.MethodClass}:
        return []
    return [Choice(form.key, form.name) for form in methods.forms_of(classification)]


def method_details(scope: Scope, context: FormContext) -> dict[str, object]:
    """What the method questions show: the rule's recommendation and each form's description."""
    target = scope.local("sasaran")
    classification = scope.local("metode_klasifikasi")
    forms = []
    if classification in {c.value for c in methods.MethodClass}:
        forms = [{"name": f.name, "description": f.description}
                 for f in methods.forms_of(classification)]  # fmt: skip
    recommended = (
        [methods.class_name(c) for c in methods.recommend(target)] if target in TARGETS else []
    )
    return {"target": target, "recommended": recommended, "forms": forms,
            "classification": methods.class_name(classification) if forms else None}  # fmt: skip


def step(key: str, kind: Kind, **extra: object) -> Step:
    return Step(
        key=key,
        kind=kind,
        prompt=Msg(f"form1/prompt/c_{key}"),
        title=title(f"C.{key}"),
        section=GROUP,
        **extra,  # type: ignore[arg-type]
    )


def section_c() -> Group:
    return Group(
        key=GROUP,
        more=Msg("form1/prompt/c_more"),
        steps=(
            step("relevansi", Kind.MULTI, choices=relevance_choices,
                 condition=lambda scope, context: bool(answered_codes(scope, context)),
                 label_of=gone_code, offered_only=True),
            step("tujuan", Kind.LONG_TEXT, max_length=1000),
            step("output", Kind.LONG_TEXT, max_length=1000),
            step("kompetensi_klasifikasi", Kind.CHOICE,
                 choices=lambda s, c: [value_choice("klasifikasi", v) for v in CLASSIFICATIONS]),
            step("kompetensi_deskripsi", Kind.CHOICE, choices=competency_choices, allow_text=True,
                 label_of=former_competency, depends_on=("kompetensi_klasifikasi",)),
            step("sasaran", Kind.CHOICE,
                 choices=lambda s, c: [value_choice("sasaran", v) for v in TARGETS]),
            step("metode_klasifikasi", Kind.CHOICE, choices=method_class_choices,
                 details=method_details),
            step("metode_bentuk", Kind.CHOICE, choices=method_form_choices, details=method_details,
                 offered_only=True, depends_on=("metode_klasifikasi",)),  # of the class chosen
            step("sumber", Kind.SHORT_TEXT),
            step("waktu", Kind.PERIOD),
            step("level", Kind.CHOICE,
                 choices=lambda s, c: [value_choice("level", v) for v in LEVELS]),
            step("pelaksana", Kind.SHORT_TEXT),
            step("jp", Kind.NUMBER, low=1, high=MAX_JP, required=False),  # JP alone is no measure
        ),
    )  # fmt: skip
