"""The broadcast wizard as data: audience, text, when — then a preview to confirm."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from handlers.audience import Stage
from handlers.broadcast import TEXT_LIMIT
from handlers.effects import Msg
from handlers.forms.dates import impossible_date, parse_when, when_label
from handlers.forms.model import Choice, Form, FormContext, Kind, Scope, Step, Value
from handlers.model import Role
from handlers.names import canonical_name

NAME = "siaran"
KINDS = ("all", "unit", "group", "role", "stage")
BUTTONS_SHOWN = 30  # more units or groups than this: the coordinator types the name


def value(kind: str, key: str) -> Msg:
    return Msg("siaran/value", {"kind": kind, "key": key})


def title(key: str) -> Msg:
    return Msg("siaran/title", {"key": key})


def named(names_key: str) -> Any:
    """Choices from a list in the context (units, groups): the first ones as buttons."""

    def choices(scope: Scope, context: FormContext) -> list[Choice]:
        names = list(context.data.get(names_key, []))[:BUTTONS_SHOWN]
        return [Choice(name, Msg("form1/priority", {"text": name})) for name in names]

    return choices


def known_name(names_key: str) -> Any:
    def check(answer: Value, scope: Scope, context: FormContext) -> str | None:
        typed = answer["text"] if isinstance(answer, dict) else str(answer)
        known = canonical_name(typed, context.data.get(names_key, []))
        return None if known is not None else f"siaran/error_unknown_{names_key}"

    return check


def canonical(names_key: str) -> Any:
    def normalize(answer: Value, context: FormContext) -> Value:
        typed = answer["text"] if isinstance(answer, dict) else str(answer)
        return canonical_name(typed, context.data.get(names_key, [])) or typed

    return normalize


def check_when(answer: Value, scope: Scope, context: FormContext) -> str | None:
    parsed = parse_when(str(answer))
    if parsed is None:
        day_part = str(answer).strip().rpartition(" ")[0]
        return "form/error_no_such_day" if impossible_date(day_part) else "siaran/error_when_format"
    day, at = parsed
    latest = datetime.combine(day, at).replace(tzinfo=context.data["latest_zone"])
    return None if latest > context.data["now"] else "siaran/error_when_past"


def only(kind: str) -> Any:
    return lambda scope, context: scope.get("kind") == kind


def only_later(scope: Scope, context: FormContext) -> bool:
    return bool(scope.get("when") == "later")


def step(key: str, kind: Kind, prompt: dict[str, Any] | None = None, **extra: Any) -> Step:
    return Step(key=key, kind=kind, prompt=Msg(f"siaran/prompt_{key}", prompt or {}),
                title=title(key), section="S", **extra)  # fmt: skip


def preview(answers: Mapping[str, Value], context: FormContext) -> Msg:
    """The review's note: how many people the audience holds now, and the zones that get
    the broadcast later than set (passed there, or night)."""
    return Msg("siaran/recipients", {"count": context.data.get("recipients"),
                                     "moved": context.data.get("moved")})  # fmt: skip


def fixed(kind: str, keys: Iterable[str]) -> Any:
    """Choices from a fixed list, labelled by the ``siaran/value`` catalogue."""
    return lambda scope, context: [Choice(k, value(kind, k)) for k in keys]


def by_name(key: str) -> Step:
    """A unit or an expertise group: a button, or the name typed (checked, then written
    as the organisation spells it)."""
    names = f"{key}s"
    return step(key, Kind.CHOICE, choices=named(names), allow_text=True, condition=only(key),
                check=known_name(names), normalize=canonical(names))  # fmt: skip


SIARAN = Form(
    name=NAME,
    nodes=(
        step("kind", Kind.CHOICE, choices=fixed("kind", KINDS)),
        by_name("unit"),
        by_name("group"),
        step("role", Kind.CHOICE, condition=only("role"), choices=fixed("role", list(Role))),
        step("stage", Kind.CHOICE, condition=only("stage"), choices=fixed("stage", list(Stage))),
        step("text", Kind.LONG_TEXT, {"limit": TEXT_LIMIT}, max_length=TEXT_LIMIT),
        step("when", Kind.CHOICE, choices=fixed("when", ("now", "later"))),
        step("at", Kind.SHORT_TEXT, condition=only_later, check=check_when, label_of=when_label),
    ),
    sections=(("S", title("S")),),
    review=preview,
    title=title("review"),
    submit=Msg("siaran/submit_label"),
    command="/siaran",
)


def audience_text(answers: Mapping[str, Value]) -> str:
    """The answers as the audience the broadcast core reads (``unit:<name>``, …)."""
    kind = str(answers.get("kind"))
    if kind == "all":
        return "all"
    return f"{kind}:{answers.get(kind)}"
