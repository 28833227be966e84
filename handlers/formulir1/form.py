"""Formulir 1 A–C as data: the steps in the order they are asked."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from handlers.effects import Msg
from handlers.forms.kinds import ADA
from handlers.forms.model import Dynamic, Form, FormContext, Node
from handlers.forms.walk import COUNT
from handlers.formulir1.assessment import (
    SECTION,
    former_gap_label,
    gap_choices,
    offer_step,
    rating_steps,
)
from handlers.formulir1.section_c import GROUP, section_c
from handlers.formulir1.sections_ab import (
    BASES,
    section_a,
    section_b_after,
    section_b_before,
    title,
)
from handlers.model import JenisPegawai

NAME = "formulir1"
PNS_MIN_JP = 20  # PNS: the right to at least 20 JP a year
PPPK_MAX_JP = 24  # PPPK: at most 24 JP a year


def total_jp(answers: Mapping[str, Any]) -> int:
    return sum(
        v
        for k, v in answers.items()
        if k.startswith(f"{GROUP}.") and k.endswith(".jp") and isinstance(v, int)
    )


def items_without_jp(answers: Mapping[str, Any]) -> int:
    """Items whose JP was skipped (JP per item is optional)."""
    count = answers.get(f"{GROUP}.{COUNT}")
    items = count if isinstance(count, int) else 1
    return sum(
        1 for n in range(1, items + 1) if not isinstance(answers.get(f"{GROUP}.{n}.jp"), int)
    )


def jp_summary(answers: Mapping[str, Any], context: FormContext) -> Msg:
    """The review's notes (information, not a block): planned learning hours, as far as
    given, against the rule, and a plan that rests on no basis of B at all."""
    total = total_jp(answers)
    no_basis = all(answers.get(f"B.{basis}.ada") != ADA for basis in BASES)
    if context.person.jenis_pegawai is JenisPegawai.PNS:
        rule = {"jenis": "PNS", "limit": PNS_MIN_JP, "within": total >= PNS_MIN_JP}
    else:
        rule = {"jenis": "PPPK", "limit": PPPK_MAX_JP, "within": total <= PPPK_MAX_JP}
    return Msg("form1/jp_summary", {"total": total, **rule, "no_basis": no_basis,
                                    "without": items_without_jp(answers)})  # fmt: skip


def build() -> Form:
    nodes: list[Node] = [
        *section_a(),
        *section_b_before(),
        offer_step(),
        Dynamic(SECTION, rating_steps),
        *section_b_after(gap_choices, former_gap_label),
        section_c(),
    ]
    return Form(
        name=NAME,
        nodes=tuple(nodes),
        sections=tuple((key, title(key)) for key in ("A", "B", SECTION, GROUP)),
        review=jp_summary,
        title=Msg("form1/review_title"),
        submit=Msg("label/submit"),
        part_of={SECTION: "B"},  # the self-assessment feeds B.4.2: part of B's progress
    )


FORMULIR1 = build()
