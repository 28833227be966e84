"""The verification's form on the engine: the priority, then Formulir 1 C's method, source,
time, level and organiser questions (handlers/formulir1/section_c.py, with their choices and
validators) pre-filled as agreed — to confirm, or change from the review — and a note.
One form for one item, a batch of one competency (set once for all) or an adjustment."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import replace
from datetime import datetime
from typing import Any

from handlers.dialog.agreement_forms import AnswersOnly
from handlers.effects import Msg, Reply
from handlers.forms.model import Choice, Form, FormContext, FormSession, Kind, Step, Value
from handlers.forms.walk import Walk
from handlers.forms.wizard import close_wizard
from handlers.formulir1.section_c import section_c
from handlers.model import Employee
from handlers.plan.model import ItemVersion, Priority
from handlers.ports import UnitOfWork

ABOUT = "_about"  # outside the questions: the items (plan, item, submission), what for
SECTION = "V"
VERIFIED_KEYS = ("metode_klasifikasi", "metode_bentuk", "sumber", "waktu", "level", "pelaksana")
ONE, BATCH, ADJUST = "vrf_one", "vrf_batch", "vrf_adjust"
# what a form's answers become: (uow, verifier, what it is about, answers, at) → replies
Done = Callable[[UnitOfWork, Employee, dict[str, Any], dict[str, Value], datetime],
                Awaitable[list[Reply]]]  # fmt: skip


def own_step(key: str, kind: Kind, **extra: Any) -> Step:
    return Step(key=key, kind=kind, section=SECTION, prompt=Msg("verify/prompt", {"key": key}),
                title=Msg("verify/title", {"key": key}), **extra)  # fmt: skip


def priority_choices(scope: Any, context: FormContext) -> list[Choice]:
    return [Choice(p.value, Msg("verify/priority", {"key": p.value})) for p in Priority]


def steps() -> tuple[Step, ...]:
    asked = {step.key: step for step in section_c().steps}
    return (
        own_step("prioritas", Kind.CHOICE, choices=priority_choices),
        *(
            replace(asked[key], section=SECTION, title=Msg("verify/title", {"key": key}))
            for key in VERIFIED_KEYS
        ),  # D's columns: "Usulan" is dropped
        own_step("catatan", Kind.LONG_TEXT, required=False, max_length=1000),
    )


def review(answers: Mapping[str, Value], context: FormContext) -> Msg:
    return Msg("verify/review", dict(context.data))


def verify_form(name: str) -> Form:
    return Form(
        name=name,
        nodes=steps(),
        sections=((SECTION, Msg("verify/title", {"key": "section"})),),
        review=review,
        title=Msg("verify/title", {"key": name}),
        submit=Msg("verify/label", {"key": "save"}),
        command="",  # resumed from the queue's buttons
    )


def prefilled(version: ItemVersion) -> dict[str, Value]:
    """The agreed (or verified) columns the verifier confirms or changes."""
    period: dict[str, Any] = {"start": version.start_month, "end": version.end_month}
    if version.quarter is not None:
        period["quarter"] = version.quarter
    return {"sasaran": version.target, "metode_klasifikasi": version.method_class,
            "metode_bentuk": version.method_form, "sumber": version.learning_source,
            "waktu": period, "level": version.execution_level,
            "pelaksana": version.organiser}  # fmt: skip


class VerifyFlow(AnswersOnly):
    def __init__(self, name: str, done: Done) -> None:
        self.form, self.done = verify_form(name), done

    async def context(
        self, uow: UnitOfWork, person: Employee, session: FormSession, answers: dict[str, Value]
    ) -> FormContext:
        about = dict(answers.get(ABOUT) or {})
        return FormContext(person=person, year=int(about.get("year", 0)), data=about)

    async def submit(
        self, uow: UnitOfWork, person: Employee, session: FormSession, walk: Walk, at: datetime
    ) -> list[Reply]:
        about, answers = dict(walk.answers.get(ABOUT) or {}), dict(walk.answers)
        await close_wizard(uow, session, answers, at)
        return await self.done(uow, person, about, answers, at)
