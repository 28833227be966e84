"""Self-assessment (BAB II A, "penilaian mandiri melalui formulir") inside Formulir 1: the
employee may rate each competency of their job 0–5; the gaps against the required level are
offered as the needs of B 4.2 and as the competencies of section C items.

It is optional ("Pegawai ASN *dapat* melakukan penilaian mandiri"): the form offers it
(question ``S``), recommends it when basis 4 is available, and every rating can be skipped.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict
from functools import lru_cache
from typing import Any

from handlers.effects import Msg
from handlers.forms.kinds import ADA
from handlers.forms.model import Choice, FormContext, Kind, Scope, Step
from handlers.reference.competencies import CompetencyType
from handlers.reference.self_assessment import RATINGS, Gap, RequiredCompetency, gaps

SECTION = "S"
OFFER = SECTION  # the answer "ya" / "tidak": take the self-assessment now or not
YES, NO = "ya", "tidak"


def snapshot(required: Sequence[RequiredCompetency]) -> list[dict[str, Any]]:
    """What the form keeps of the requirements when it starts (JSON)."""
    return [{**asdict(c), "classification": c.classification.value} for c in required]


def competencies(context: FormContext) -> list[RequiredCompetency]:
    return [
        RequiredCompetency(
            key=c["key"],
            classification=CompetencyType(c["classification"]),
            level=int(c["level"]),
            technical_name=c.get("technical_name"),
            # a snapshot from before this flag: a technical level was always imported
            imported=bool(c.get("imported", c.get("technical_name") is not None)),
        )
        for c in context.data.get("competencies", [])
    ]


def rating_prompt(competency: RequiredCompetency) -> Msg:
    national = competency.technical_name is None
    description = Msg("ref/competency", {"key": competency.key, "part": "description"})
    return Msg(
        "form1/prompt/rating",
        {
            "competency": competency.label,
            "classification": competency.classification.name_msg,
            "description": description if national else None,
            "required": competency.level,
            "standard": competency.imported,
        },
    )


def with_offer_taken(answers: Mapping[str, Any]) -> dict[str, Any]:
    """Answers kept from before the self-assessment was offered (it was then always taken):
    ratings given and no answer to the offer count as the offer taken."""
    prefix = f"{SECTION}."
    rated = any(key.startswith(prefix) for key in answers)
    return {**answers, OFFER: YES} if rated and OFFER not in answers else dict(answers)


def assessing(scope: Scope, context: FormContext) -> bool:
    """The person chose to take the self-assessment."""
    return bool(scope.get(OFFER) == YES)


def offer_choices(scope: Scope, context: FormContext) -> list[Choice]:
    """Take it now or not; taking it is recommended where basis 4 (the job's competency
    information) is available, since its gaps become the needs of 4.2."""
    basis = scope.get("B.4.ada") == ADA
    return [Choice(YES, Msg("form1/assess_choice", {"take": True}), basis),
            Choice(NO, Msg("form1/assess_choice", {"take": False}))]  # fmt: skip


def offer_step() -> Step:
    return Step(
        key=OFFER,
        kind=Kind.CHOICE,
        prompt=Msg("form1/prompt/assess"),
        title=Msg("form1/title", {"key": "S.offer"}),
        section=SECTION,
        choices=offer_choices,
        details=lambda scope, context: {"basis": scope.get("B.4.ada") == ADA,
                                        "count": len(competencies(context))},
    )  # fmt: skip


def rating_steps(context: FormContext) -> tuple[Step, ...]:
    """One question per competency of the person's job (keys ``S.<competency key>``)."""
    return _rating_steps(tuple(competencies(context)))


@lru_cache(maxsize=1024)
def _rating_steps(required: tuple[RequiredCompetency, ...]) -> tuple[Step, ...]:
    return tuple(
        Step(
            key=f"{SECTION}.{c.key}",
            kind=Kind.RATING,
            prompt=rating_prompt(c),
            title=c.label,
            section=SECTION,
            low=min(RATINGS),
            high=max(RATINGS),
            help=Msg("form1/help/rating"),
            required=False,  # each rating may be skipped
            condition=assessing,
        )
        for c in required
    )


def ratings(scope: Scope | Mapping[str, Any]) -> dict[str, int]:
    """The ratings given, while the person takes the self-assessment (ratings kept from
    before they chose not to take it count no more)."""
    answers = scope.answers if isinstance(scope, Scope) else scope
    if answers.get(OFFER) != YES:
        return {}
    prefix = f"{SECTION}."
    return {
        k[len(prefix) :]: v
        for k, v in answers.items()
        if k.startswith(prefix) and isinstance(v, int)
    }


def current_gaps(scope: Scope, context: FormContext) -> list[Gap]:
    return gaps(competencies(context), ratings(scope))


def gap_label(gap: Gap) -> Msg:
    return Msg("form1/gap", {"competency": gap.competency.label, "gap": gap.size,
                             "current": gap.current, "required": gap.competency.level})  # fmt: skip


def find_competency(value: str, context: FormContext) -> RequiredCompetency | None:
    """The job's competency a gap choice ("k:<key>") names."""
    key = value.removeprefix("k:")
    return next((c for c in competencies(context) if c.key == key), None)


def former_gap_label(value: str, context: FormContext) -> Msg | None:
    """A gap chosen earlier that the ratings no longer show: its name, and that it closed."""
    found = find_competency(value, context)
    return Msg("form1/gap_closed", {"competency": found.label}) if found else None


def gap_choices(scope: Scope, context: FormContext, jenis: str | None) -> list[Choice]:
    """The gaps (of one classification, or all) as choices, largest first; the largest
    (every one as large as the first) are recommended."""
    found = [g for g in current_gaps(scope, context)
             if jenis is None or g.competency.classification.value == jenis]  # fmt: skip
    largest = found[0].size if found else 0
    return [Choice(f"k:{g.competency.key}", gap_label(g), g.size == largest, gap_short(g))
            for g in found]  # fmt: skip


def gap_short(gap: Gap) -> Msg:
    """A gap on a button: the competency and its levels ("Komunikasi (0→2)")."""
    return Msg("form1/gap_short", {"competency": gap.competency.label, "current": gap.current,
                                   "required": gap.competency.level})  # fmt: skip
