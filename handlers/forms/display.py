"""Answers as the person sees them: label templates for choices, their own words for text."""

from __future__ import annotations

from typing import Any

from handlers.effects import Msg
from handlers.forms.kinds import choices_of
from handlers.forms.model import FormContext, Kind, Scope, Value
from handlers.forms.walk import Slot

Piece = Msg | str


def display(slot: Slot, value: Value, scope: Scope, context: FormContext) -> list[Piece]:
    """How an answer reads in a question ("your answer now") and in the review."""
    step = slot.step
    if value is None:
        return [Msg("form/skipped")]
    if step.kind is Kind.RECORD:  # the stored record over what the context prefills
        value = {**context.data.get("record", {}), **value}
        waiting = context.data.get("record_pending", {})  # corrections awaiting approval
        titles = {c.value: c.label for c in choices_of(step, scope, context)}
        return [
            Msg("form/record_row", {"title": titles[k], "value": v, "pending": waiting.get(k)})
            for k, v in value.items()
            if k in titles
        ]
    if step.kind is Kind.PERIOD:
        return [Msg("label/period", {**value, "year": context.year})]
    if step.kind in (Kind.NUMBER, Kind.YEAR):
        return [str(value)]
    if step.kind in (Kind.SHORT_TEXT, Kind.LONG_TEXT):
        named = step.label_of(str(value), context) if step.label_of is not None else None
        return [named if isinstance(named, Msg) else str(value)]
    labels = {c.value: c.label for c in choices_of(step, scope, context)}
    values = value if isinstance(value, list) else [value]
    return [_piece(v, labels, slot, context) for v in values]


def _piece(value: Any, labels: dict[str, Msg], slot: Slot, context: FormContext) -> Piece:
    if isinstance(value, dict):
        return str(value.get("text", ""))
    key = str(value)
    if key in labels:
        return labels[key]
    label_of = slot.step.label_of
    named = label_of(key, context) if label_of is not None else None
    return named if isinstance(named, Msg) else key
