"""What a form is made of: steps of a few kinds, repeatable groups, and the answers so far."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from handlers.effects import Msg

Value = Any  # JSON-compatible: str, int, list[str], dict[str, Any] or None (skipped)


class Kind(StrEnum):
    SHORT_TEXT = "short_text"  # one line, up to 200 characters
    LONG_TEXT = "long_text"  # up to 2,000 characters
    CHOICE = "choice"  # one of the buttons (or, with allow_text, a typed value)
    MULTI = "multi"  # several buttons ticked, then "Selesai"
    ADA = "ada"  # Ada / Tidak Ada (available / not available)
    NUMBER = "number"  # a whole number between low and high
    YEAR = "year"  # a year between low and the cycle year
    PERIOD = "period"  # a quarter or a range of months within the cycle year
    RATING = "rating"  # a level 1-5
    RECORD = "record"  # a set of prefilled fields to confirm or correct (Formulir 1 A)


@dataclass(frozen=True)
class Choice:
    value: str
    label: Msg
    recommended: bool = False
    short: Msg | None = None  # the button's label when the message lists the full one


class Scope:
    """The answers as one step sees them: its own item's keys first, then the whole form."""

    def __init__(self, answers: Mapping[str, Value], prefix: str = "") -> None:
        self.answers, self.prefix = answers, prefix

    def local(self, key: str) -> Value:
        return self.answers.get(f"{self.prefix}{key}")

    def get(self, key: str) -> Value:
        return self.answers.get(key)

    def has(self, key: str) -> bool:
        return self.answers.get(key) is not None


@dataclass(frozen=True)
class FormContext:
    """What a form may read besides its answers: who fills it, for which year, and the
    reference data snapshotted when the form started (priorities, competencies, …)."""

    person: Any
    year: int
    data: Mapping[str, Any] = field(default_factory=dict)


Condition = Callable[[Scope, FormContext], bool]
Choices = Callable[[Scope, FormContext], Sequence[Choice]]
Check = Callable[[Value, Scope, FormContext], str | None]  # an error template, or None
Normalize = Callable[[Value, FormContext], Value]
Details = Callable[[Scope, FormContext], dict[str, Any]]  # more context for the prompt
LabelOf = Callable[[str, FormContext], Any]  # a Msg naming a value no longer offered, or None


@dataclass(frozen=True)
class Step:
    """One question. ``prompt`` and ``title`` are templates; ``title`` names the step in
    the review and in the "change what?" list."""

    key: str
    kind: Kind
    prompt: Msg
    title: Msg
    section: str
    required: bool = True
    condition: Condition | None = None
    choices: Choices | None = None
    allow_text: bool = False
    low: int = 1
    high: int = 1000
    max_length: int = 0
    check: Check | None = None
    normalize: Normalize | None = None
    details: Details | None = None
    help: Msg | None = None
    label_of: LabelOf | None = None  # for answers the choices no longer hold
    offered_only: bool = False  # every value chosen must still be offered (else asked again)
    # keys of the steps this answer follows from (in its own item, else in the form): when
    # one of those answers changes, this one is cleared and asked again
    depends_on: tuple[str, ...] = ()
    takes_file: bool = False  # answered by sending a file (the check-in's evidence), not typed

    def applies(self, scope: Scope, context: FormContext) -> bool:
        return self.condition is None or self.condition(scope, context)


@dataclass(frozen=True)
class Group:
    """A repeatable run of steps (Formulir 1 C items): at least ``min_items``."""

    key: str
    steps: tuple[Step, ...]
    more: Msg  # "add another?"
    min_items: int = 1
    max_items: int = 20


@dataclass(frozen=True)
class Dynamic:
    """Steps that depend on the person (the competencies of their job). ``build`` returns
    them with their full keys (``<key>.<step>``); it is called for every input, so a form
    should cache what it builds."""

    key: str
    build: Callable[[FormContext], Sequence[Step]]


Node = Step | Group | Dynamic


@dataclass(frozen=True)
class Form:
    name: str
    nodes: tuple[Node, ...]
    sections: tuple[tuple[str, Msg], ...]  # (section key, title) in order, for "change what?"
    review: Callable[[Mapping[str, Value], FormContext], Msg]  # the review's closing note
    title: Msg  # the review's heading
    submit: Msg  # the submit button's label
    command: str = "/isi"  # what the person types to resume it
    part_of: Mapping[str, str] = field(default_factory=dict)  # a section counted in another's part


@dataclass
class FormSession:
    """A person's place in a form, as stored: the step they are on and scratch state."""

    id: int
    employee_id: int
    form: str
    subject_id: int
    cursor: str
    question: int
    state: dict[str, Any]
    active: bool
    version: int = 0  # bumped by every save; a save from an older read is refused


class StaleSession(Exception):
    """The form session was saved by another update since this one read it (two presses at
    once, or two processes): nothing of this update may be kept; handle it again afresh."""
