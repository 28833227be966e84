"""The reminder wizard as data: who (not started / not submitted), on which day, at what
time on each person's own clock, and the deadline to mention."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from handlers.effects import Msg
from handlers.forms.dates import date_label, impossible_date, parse_date, parse_time, time_label
from handlers.forms.model import Choice, Form, FormContext, Kind, Scope, Step, Value

NAME = "pengingat"
WHO = ("not_started", "not_submitted")  # a Stage, and the reminder template that goes with it


def title(key: str) -> Msg:
    return Msg("pengingat/title", {"key": key})


def date_error(answer: Value) -> str:
    return "form/error_no_such_day" if impossible_date(str(answer)) else "pengingat/error_date"


def check_day(answer: Value, scope: Scope, context: FormContext) -> str | None:
    day = parse_date(str(answer))
    if day is None:
        return date_error(answer)
    return None if day >= context.data["today"] else "pengingat/error_past"


def check_time(answer: Value, scope: Scope, context: FormContext) -> str | None:
    return None if parse_time(str(answer)) else "pengingat/error_time"


def check_deadline(answer: Value, scope: Scope, context: FormContext) -> str | None:
    deadline, on = parse_date(str(answer)), parse_date(str(scope.get("on")))
    if deadline is None:
        return date_error(answer)
    return None if on is None or deadline >= on else "pengingat/error_deadline"


def step(key: str, kind: Kind, **extra: Any) -> Step:
    return Step(key=key, kind=kind, prompt=Msg(f"pengingat/prompt_{key}"), title=title(key),
                section="P", **extra)  # fmt: skip


def who_choices(scope: Scope, context: FormContext) -> list[Choice]:
    return [Choice(who, Msg("siaran/value", {"kind": "stage", "key": who})) for who in WHO]


def summary(answers: Mapping[str, Value], context: FormContext) -> Msg:
    return Msg("pengingat/summary", {"count": context.data.get("recipients"),
                                     "goes": context.data.get("goes")})  # fmt: skip


PENGINGAT = Form(
    name=NAME,
    nodes=(
        step("who", Kind.CHOICE, choices=who_choices),
        step("on", Kind.SHORT_TEXT, check=check_day, label_of=date_label),
        step("at", Kind.SHORT_TEXT, check=check_time, label_of=time_label),
        step(
            "deadline", Kind.SHORT_TEXT, required=False, check=check_deadline, label_of=date_label
        ),
    ),
    sections=(("P", title("P")),),
    review=summary,
    title=title("review"),
    submit=Msg("pengingat/submit_label"),
    command="/pengingat",
)
