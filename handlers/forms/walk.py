"""Lay a form out against the answers so far: the concrete questions, in order."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from handlers.effects import Msg
from handlers.forms.model import (
    Choice,
    Dynamic,
    Form,
    FormContext,
    FormSession,
    Group,
    Kind,
    Scope,
    Step,
    Value,
)
from handlers.forms.numbers import small_number

MORE = "_more"
COUNT = "_count"
REVIEW = "@review"  # the cursor while the person reads the review
PAYLOAD_PREFIX = "f"


@dataclass(frozen=True)
class Slot:
    """One concrete question: a step at a key such as ``B.1.ada`` or ``C.2.tujuan``."""

    key: str
    step: Step
    prefix: str = ""
    item: int | None = None
    group: Group | None = None

    @property
    def section(self) -> str:
        return f"{self.step.section}{self.item}" if self.item is not None else self.step.section

    @property
    def is_more(self) -> bool:
        return self.step.key == MORE

    def scope(self, answers: Mapping[str, Value]) -> Scope:
        return Scope(answers, self.prefix)


def yes_no() -> list[Choice]:
    return [Choice("ya", Msg("label/yes")), Choice("tidak", Msg("label/no"))]


def more_step(group: Group) -> Step:
    """The synthetic "add another item?" question after a group's last item."""
    return Step(
        key=MORE,
        kind=Kind.CHOICE,
        prompt=group.more,
        title=group.more,
        section=group.steps[0].section,
        choices=lambda scope, context: yes_no(),
    )


def item_count(group: Group, answers: Mapping[str, Value]) -> int:
    stored = answers.get(f"{group.key}.{COUNT}")
    return max(group.min_items, stored if isinstance(stored, int) else 0)


def slots(form: Form, answers: Mapping[str, Value], context: FormContext) -> list[Slot]:
    """Every question that applies now, in the order they are asked."""
    laid: list[Slot] = []
    for node in form.nodes:
        if isinstance(node, Step):
            if node.applies(Scope(answers), context):
                laid.append(Slot(node.key, node))
        elif isinstance(node, Dynamic):
            laid.extend(
                Slot(s.key, s) for s in node.build(context) if s.applies(Scope(answers), context)
            )
        else:
            laid.extend(_group_slots(node, answers, context))
    return laid


def _group_slots(group: Group, answers: Mapping[str, Value], context: FormContext) -> list[Slot]:
    laid: list[Slot] = []
    count = item_count(group, answers)
    for item in range(1, count + 1):
        prefix = f"{group.key}.{item}."
        scope = Scope(answers, prefix)
        for step in group.steps:
            if step.applies(scope, context):
                laid.append(Slot(f"{prefix}{step.key}", step, prefix, item, group))
        if item == count and count < group.max_items:
            laid.append(Slot(f"{prefix}{MORE}", more_step(group), prefix, item, group))
    return laid


def answered(slot: Slot, answers: Mapping[str, Value]) -> bool:
    return slot.key in answers


def next_open(laid: list[Slot], answers: Mapping[str, Value], after: str | None) -> Slot | None:
    """The first unanswered question after ``after`` (wrapping round), or None if none."""
    start = next((i + 1 for i, s in enumerate(laid) if s.key == after), 0)
    for slot in laid[start:] + laid[:start]:
        if not answered(slot, answers):
            return slot
    return None


def missing(laid: list[Slot], answers: Mapping[str, Value]) -> Slot | None:
    """The first required question without an answer (the "add another?" ones excepted)."""
    for slot in laid:
        if slot.is_more:
            continue
        if slot.step.required and answers.get(slot.key) in (None, "", []):
            return slot
    return None


def without_item(group: Group, item: int, answers: Mapping[str, Value]) -> dict[str, Value]:
    """The group's answers with ``item`` removed and later items moved up by one."""
    count = item_count(group, answers)
    moved: dict[str, Value] = {}
    for key, value in answers.items():
        head, _, rest = key.partition(".")
        if head != group.key or rest == COUNT:
            continue
        number, _, field = rest.partition(".")
        position = small_number(number)
        if position is None or position == item:
            continue
        index = position - 1 if position > item else position
        moved[f"{group.key}.{index}.{field}"] = value
    moved[f"{group.key}.{COUNT}"] = max(group.min_items, count - 1)
    return moved


@dataclass
class Walk:
    """One input's view of a session: its answers, context and the questions that apply."""

    session: FormSession
    answers: dict[str, Any]
    context: FormContext
    laid: list[Slot]

    def slot(self, key: str) -> Slot | None:
        return next((s for s in self.laid if s.key == key), None)

    def index(self, key: str) -> int:
        return next((i for i, s in enumerate(self.laid) if s.key == key), -1)

    def token(self, token: str) -> str:
        """A button payload for the question on screen: ``f:<session>:<question>:<token>``."""
        return f"{PAYLOAD_PREFIX}:{self.session.id}:{self.session.question}:{token}"
