"""Template contexts and buttons as JSON text, dates included, for rows rendered later."""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from handlers.effects import Button, Msg

_DATE, _DATETIME, _MSG = "$date", "$datetime", "$msg"


def _encode(value: object) -> object:
    if isinstance(value, datetime):
        return {_DATETIME: value.isoformat()}
    if isinstance(value, date):
        return {_DATE: value.isoformat()}
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    if isinstance(value, Msg):  # a nested text (a label, a value), rendered when sent
        return {_MSG: [value.template, value.context]}
    raise TypeError(f"cannot store a {type(value).__name__} in a message context")


def _decode(obj: dict[str, Any]) -> object:
    if len(obj) == 1 and _DATETIME in obj:
        return datetime.fromisoformat(obj[_DATETIME])
    if len(obj) == 1 and _DATE in obj:
        return date.fromisoformat(obj[_DATE])
    if len(obj) == 1 and _MSG in obj:
        template, context = obj[_MSG]
        return Msg(template, context)
    return obj


def dump_context(context: dict[str, Any]) -> str:
    return json.dumps(context, default=_encode, ensure_ascii=False, separators=(",", ":"))


def load_context(text: str | None) -> dict[str, Any]:
    loaded = json.loads(text or "{}", object_hook=_decode)
    if not isinstance(loaded, dict):
        raise ValueError("a message context must be a JSON object")
    return loaded


def dump_buttons(rows: tuple[tuple[Button, ...], ...]) -> str | None:
    if not rows:
        return None
    plain = [
        [{"template": b.label.template, "context": b.label.context, "payload": b.payload}
         for b in row]
        for row in rows
    ]  # fmt: skip
    return json.dumps(plain, default=_encode, ensure_ascii=False, separators=(",", ":"))


def load_buttons(text: str | None) -> tuple[tuple[Button, ...], ...]:
    if not text:
        return ()
    rows = json.loads(text, object_hook=_decode)
    return tuple(
        tuple(Button(Msg(b["template"], b["context"]), b["payload"]) for b in row) for row in rows
    )
