"""Formulir 1 E on the form engine: for each item due by the quarter's end, what became of
it — status, when, the method actually used, JP realized, evidence, (a) the fit with the
plan and (b) the benefit for the work. The steps are laid out per item (their keys
``E.<item id>.<question>``) from the items the flow puts in the context."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from handlers.checkin.model import BENEFIT_SCALE, Fit, ItemStatus
from handlers.effects import Msg
from handlers.forms.dates import date_label, parse_date
from handlers.forms.model import Choice, Dynamic, Form, FormContext, Kind, Scope, Step, Value
from handlers.reference import methods

NAME = "checkin"
SECTION = "E"
ITEMS = "items"  # context.data: the due items, each {"id", "position", "competency", …}
MAX_JP = 500
EVIDENCE = "file:"  # an evidence answer: "file:<stored file id>:<name as sent>"
DONE = (ItemStatus.TERLAKSANA.value, ItemStatus.BERJALAN.value)  # something happened


def key(item_id: int, question: str) -> str:
    return f"{SECTION}.{item_id}.{question}"


def choices(kind: str, values: Sequence[str], recommended: str | None = None) -> list[Choice]:
    return [
        Choice(v, Msg("checkin/value", {"kind": kind, "key": v}), v == recommended) for v in values
    ]


def parse_day(text: str) -> date | None:
    return parse_date(text)


def check_day(value: Value, scope: Scope, context: FormContext) -> str | None:
    """A date inside the cycle year, not after today."""
    day = parse_day(str(value))
    if day is None:
        return "checkin/error_date"
    if day.year != context.year:
        return "checkin/error_date_outside"
    today = context.data.get("today")
    if isinstance(today, date) and day > today:
        return "checkin/error_date_future"
    return None


def iso_day(value: Value, context: FormContext) -> Value:
    day = parse_day(str(value))
    return day.isoformat() if day else value


def refuse_typed_evidence(value: Value, scope: Scope, context: FormContext) -> str | None:
    """Evidence is a file sent, never typed: a typed text is answered with what to send."""
    return None if str(value).startswith(EVIDENCE) else "checkin/error_send_file"


def evidence_label(value: str, context: FormContext) -> Msg | None:
    if not value.startswith(EVIDENCE):
        return None
    name = value.removeprefix(EVIDENCE).partition(":")[2]
    return Msg("checkin/evidence_label", {"name": name})


def evidence_file(value: Value) -> tuple[int, str] | None:
    """``"file:12:sertifikat.pdf"`` → (12, "sertifikat.pdf")."""
    if not isinstance(value, str) or not value.startswith(EVIDENCE):
        return None
    number, _, name = value.removeprefix(EVIDENCE).partition(":")
    return (int(number), name) if number.isdigit() else None


def item_steps(item: Mapping[str, Any]) -> list[Step]:
    """The questions about one due item, each asked only where its status makes it mean
    something (nothing happened: no date, no JP, no evidence)."""
    item_id, position = int(item["id"]), int(item["position"])
    about = {
        "position": position,
        "competency": item.get("competency", ""),
        "planned": item.get("planned", {}),
    }
    status_key, fit_key, class_key, benefit_key = (
        key(item_id, "status"),
        key(item_id, "fit"),
        key(item_id, "metode_klasifikasi"),
        key(item_id, "manfaat"),
    )

    def status_is(*values: str) -> Any:
        return lambda scope, context: scope.get(status_key) in values

    def make(question: str, kind: Kind, **extra: Any) -> Step:
        return Step(
            key=key(item_id, question),
            kind=kind,
            section=SECTION,
            prompt=Msg("checkin/prompt", {"key": question, **about}),
            title=Msg("checkin/title", {"key": question, "position": position}),
            **extra,
        )

    def method_forms(scope: Scope, context: FormContext) -> list[Choice]:
        chosen = scope.get(class_key)
        if chosen not in {c.value for c in methods.MethodClass}:
            return []
        planned = item.get("planned", {}).get("metode_bentuk")
        return [Choice(f.key, f.name, f.key == planned) for f in methods.forms_of(chosen)]

    def method_classes(scope: Scope, context: FormContext) -> list[Choice]:
        planned = item.get("planned", {}).get("metode_klasifikasi")
        return [
            Choice(c.value, methods.class_name(c), c.value == planned) for c in methods.MethodClass
        ]

    done = status_is(*DONE)
    return [
        make("status", Kind.CHOICE, choices=lambda s, c: choices("status", list(ItemStatus))),
        make("alasan", Kind.LONG_TEXT, max_length=1000, condition=status_is(ItemStatus.BATAL)),
        make("waktu_baru", Kind.PERIOD, required=False, condition=status_is(ItemStatus.BELUM)),
        make(
            "tanggal",
            Kind.SHORT_TEXT,
            max_length=20,
            condition=done,
            check=check_day,
            normalize=iso_day,
            label_of=date_label,
        ),
        make("metode_klasifikasi", Kind.CHOICE, condition=done, choices=method_classes),
        make(
            "metode_bentuk",
            Kind.CHOICE,
            condition=done,
            choices=method_forms,
            offered_only=True,
            depends_on=(class_key,),
        ),
        make("jp", Kind.NUMBER, low=0, high=MAX_JP, condition=done),
        make(
            "bukti",
            Kind.SHORT_TEXT,
            required=False,
            condition=done,
            check=refuse_typed_evidence,
            takes_file=True,
            label_of=evidence_label,
        ),
        make("fit", Kind.CHOICE, condition=done, choices=lambda s, c: choices("fit", list(Fit))),
        make(
            "fit_alasan",
            Kind.LONG_TEXT,
            max_length=1000,
            condition=lambda s, c: (
                s.get(status_key) in DONE and s.get(fit_key) in (Fit.SEBAGIAN, Fit.TIDAK)
            ),
        ),
        make("manfaat", Kind.RATING, low=BENEFIT_SCALE[0], high=BENEFIT_SCALE[-1], condition=done),
        make(  # an example of a benefit felt: none is asked when there was none
            "contoh",
            Kind.LONG_TEXT,
            max_length=1000,
            condition=lambda s, c: done(s, c) and felt(s.get(benefit_key)),
        ),
    ]


def felt(benefit: Value | None) -> bool:
    """A benefit was rated above "none at all" (the lowest of the scale): an example is asked."""
    return benefit is not None and str(benefit) != str(BENEFIT_SCALE[0])


def due_steps(context: FormContext) -> list[Step]:
    return [step for item in context.data.get(ITEMS, []) for step in item_steps(item)]


def summary(answers: Mapping[str, Value], context: FormContext) -> Msg:
    return Msg(
        "checkin/review",
        {"quarter": context.data.get("quarter"), "later": context.data.get("later", [])},
    )


CHECKIN = Form(
    name=NAME,
    nodes=(Dynamic(SECTION, due_steps),),
    sections=((SECTION, Msg("checkin/title", {"key": SECTION, "position": 0})),),
    review=summary,
    title=Msg("checkin/title", {"key": "review", "position": 0}),
    submit=Msg("checkin/label", {"key": "send"}),
    command="/triwulan",
)
