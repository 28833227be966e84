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
        titles = {c.value: c.label for c in choices_of(step, scope, context)}
        return record_rows({**context.data.get("record", {}), **value}, titles, context)
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


def record_rows(value: dict[str, Any], titles: dict[str, Msg], context: FormContext) -> list[Piece]:
    """One row per field. A field an admin must approve (``approval_needed``) shows the
    recorded value, and beside it the correction: to be filed once the record is confirmed,
    or filed and waiting (``record_pending``)."""
    recorded = context.data.get("record", {})
    filed = context.data.get("record_pending", {})
    needed = context.data.get("approval_needed", ())
    rows: list[Piece] = []
    for key, shown in value.items():
        if key not in titles:
            continue
        draft = key in needed and shown != recorded.get(key)
        rows.append(Msg("form/record_row", {
            "title": titles[key], "value": recorded.get(key) if draft else shown,
            "pending": shown if draft else filed.get(key), "filed": not draft,
        }))  # fmt: skip
    return rows
