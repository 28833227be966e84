"""How each kind of step is shown (buttons) and how it takes a typed text or a pressed button."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import messages
from handlers.effects import Msg
from handlers.forms.model import Choice, FormContext, Kind, Scope, Step, Value
from handlers.forms.numbers import index_in, small_number
from handlers.forms.period import ReversedPeriod, parse_period, quarter, whole_year
from handlers.forms.walk import Slot

SHORT_LIMIT = 200
LONG_LIMIT = 2000
TYPED_MAX = 10  # own answers typed into one multiple choice…
TYPED_TOTAL = 1000  # …and their characters together (each is at most SHORT_LIMIT)
LEAST_CONTENT = {Kind.SHORT_TEXT: 1, Kind.LONG_TEXT: 3}  # letters or digits: not "-" or "🙂"
ADA, TIDAK_ADA = "ada", "tidak_ada"
_NUMBER = re.compile(r"^\s*([0-9]{1,6})\s*(?:jp|jam|jam pelajaran)?\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Outcome:
    """What an input did: gave the answer, was refused (``error``), or changed scratch
    state so the same question is shown again (``redraw``)."""

    value: Value = None
    done: bool = False
    error: Msg | None = None
    redraw: bool = False


def refuse(template: str, **context: Any) -> Outcome:
    return Outcome(error=Msg(f"form/error_{template}", context))


def choices_of(step: Step, scope: Scope, context: FormContext) -> list[Choice]:
    if step.kind is Kind.ADA:
        return [Choice(ADA, Msg("label/ada")), Choice(TIDAK_ADA, Msg("label/tidak_ada"))]
    if step.kind is Kind.RATING:
        levels = range(step.low, step.high + 1)
        return [Choice(str(n), Msg("label/level", {"level": n})) for n in levels]
    if step.kind is Kind.PERIOD:
        quarters = [Choice(f"q{n}", Msg("label/quarter", {"quarter": n})) for n in range(1, 5)]
        return [*quarters, Choice("year", Msg("label/whole_year"))]
    return list(step.choices(scope, context)) if step.choices else []


def holds(slot: Slot, answers: Mapping[str, Value], context: FormContext) -> bool:
    """Whether ``slot``'s answer still stands: for a step whose answer must be among its
    choices (``offered_only``), every value chosen is still offered."""
    value = answers.get(slot.key)
    if not slot.step.offered_only or value is None:
        return True
    offered = {c.value for c in choices_of(slot.step, slot.scope(answers), context)}
    chosen = value if isinstance(value, list) else [value]
    return all(not isinstance(v, str) or v in offered for v in chosen)


def clean(text: str) -> str:
    """Drop control characters (keeping line breaks) and surrounding white space."""
    kept = (c for c in text if c in "\n\t" or unicodedata.category(c)[0] != "C")
    return "".join(kept).strip()


_BRACKETED = re.compile(r"\s*\([^()]*\)\s*$")  # "Teknis (di unit kerja)" → "Teknis"


def _fold(text: str) -> str:
    return re.sub(r"[\s_\-./]+", "", text.casefold())


def match_choice(text: str, options: Sequence[Choice], locale: str) -> Choice | None:
    """A typed choice: its number, its value, or its label in the person's language — whole,
    or without what it adds in brackets ("Teknis" for "Teknis (di unit kerja)", "pelayanan
    publik" for "Pelayanan Publik (kesenjangan 1: 1→2)") when that names one choice only."""
    typed = _fold(text)
    position = index_in(typed, len(options), start=1)
    if position is not None:
        return options[position]
    named: list[Choice] = []
    for option in options:
        label = messages.to_plain_text(
            messages.render(option.label.template, locale, option.label.context)
        )
        if typed in (_fold(option.value), _fold(label)):
            return option
        if typed == _fold(_BRACKETED.sub("", label)):
            named.append(option)
    return named[0] if len(named) == 1 else None


def as_choice_value(kind: Kind, choice: Choice) -> Value:
    if kind is Kind.RATING:
        return int(choice.value)
    if kind is Kind.PERIOD:
        return whole_year() if choice.value == "year" else quarter(int(choice.value[1:]))
    return choice.value


def accept_text(
    slot: Slot, text: str, scope: Scope, context: FormContext, state: dict[str, Any], locale: str
) -> Outcome:
    step = slot.step
    typed = clean(text)
    if not typed:
        return refuse("empty")
    if step.kind in (Kind.SHORT_TEXT, Kind.LONG_TEXT):
        limit = text_limit(step)
        if len(typed) > limit:
            return refuse("too_long", limit=limit, length=len(typed))
        if step.kind is Kind.SHORT_TEXT and "\n" in typed:
            return refuse("one_line")
        least = LEAST_CONTENT[step.kind]
        if step.check is None and not has_content(typed, least):
            return refuse("no_content", least=least, found=content(typed))
        return Outcome(typed, done=True)
    if step.kind is Kind.NUMBER:
        match = _NUMBER.match(typed)
        if not match or not step.low <= int(match.group(1)) <= step.high:
            return refuse("number", low=step.low, high=step.high)
        return Outcome(int(match.group(1)), done=True)
    if step.kind is Kind.YEAR:
        year = small_number(typed)
        if year is None or not step.low <= year <= context.year:
            return refuse("year", low=step.low, high=context.year)
        return Outcome(year, done=True)
    if step.kind is Kind.PERIOD:
        try:
            period = parse_period(typed, context.year)
        except ReversedPeriod as error:
            return refuse("period_reversed", start=error.start, end=error.end, year=context.year)
        return Outcome(period, done=True) if period else refuse("period", year=context.year)
    rating = small_number(typed) if step.kind is Kind.RATING else None
    if rating is not None:
        if not step.low <= rating <= step.high:
            return refuse("number", low=step.low, high=step.high)
        return Outcome(rating, done=True)
    options = choices_of(step, scope, context)
    if step.kind is Kind.MULTI:
        return _multi_text(slot, typed, options, state, locale)
    if step.kind is Kind.RECORD:
        return refuse("use_buttons")
    choice = match_choice(typed, options, locale)
    if choice is not None:
        return Outcome(as_choice_value(step.kind, choice), done=True)
    if step.allow_text:
        return own_words(typed) or Outcome({"text": typed}, done=True)
    if step.kind is Kind.RATING:
        return refuse("number", low=step.low, high=step.high)
    return refuse("choice", count=len(options))


def text_limit(step: Step) -> int:
    """The most characters a step takes typed: a text question its own limit; own words
    typed instead of a choice, or a field of a record, one line of SHORT_LIMIT. What is
    stored of an answer must fit this (tests/unit/test_column_limits.py)."""
    if step.kind is Kind.LONG_TEXT:
        return step.max_length or LONG_LIMIT
    if step.kind is Kind.SHORT_TEXT:
        return step.max_length or SHORT_LIMIT
    return SHORT_LIMIT


def own_words(typed: str) -> Outcome | None:
    """What is wrong with an answer typed instead of picking a button; None: nothing."""
    if len(typed) > SHORT_LIMIT or "\n" in typed:
        return refuse("too_long", limit=SHORT_LIMIT, length=len(typed))
    least = LEAST_CONTENT[Kind.SHORT_TEXT]
    return None if has_content(typed, least) else refuse("no_content", least=least, found=0)


def content(typed: str) -> int:
    """How many letters and digits: what makes an answer more than punctuation or emoji."""
    return sum(c.isalnum() for c in typed)


def has_content(typed: str, least: int) -> bool:
    return content(typed) >= least


FINISH_WORDS = {"selesai", "done", "sudah", "ok"}  # typed instead of pressing "Selesai"
CONFIRM_WORDS = {"benar", "sudahbenar", "ya", "ok", "yes", "correct"}  # a record is right


def finish_multi(step: Step, options: Sequence[Choice], state: dict[str, Any]) -> Outcome:
    chosen = [o.value for o in options if o.value in state.get("picks", [])]
    typed = [{"text": t} for t in state.get("typed", [])]
    if step.required and not chosen and not typed:
        return refuse("pick_one", choices=bool(options), typed=step.allow_text)
    return Outcome([*chosen, *typed], done=True)


def is_confirmation(text: str) -> bool:
    return _fold(clean(text)) in CONFIRM_WORDS


def _multi_text(
    slot: Slot, typed: str, options: Sequence[Choice], state: dict[str, Any], locale: str
) -> Outcome:
    if _fold(typed) in FINISH_WORDS:
        return finish_multi(slot.step, options, state)
    if len(typed) > SHORT_LIMIT or "\n" in typed:  # one line, whether a list or own words
        return refuse("too_long", limit=SHORT_LIMIT, length=len(typed))
    picks = list(state.get("picks", []))
    listed = listed_choices(typed, options)
    if listed is not None:
        if not listed:
            return refuse("choice", count=len(options))
        for value in listed:
            picks.remove(value) if value in picks else picks.append(value)
        state["picks"] = picks
        return Outcome(redraw=True)
    choice = match_choice(typed, options, locale)
    if choice is not None:
        picks.remove(choice.value) if choice.value in picks else picks.append(choice.value)
    elif slot.step.allow_text:
        problem = own_words(typed)
        if problem is not None:
            return problem
        entries = state.setdefault("typed", [])
        if typed not in entries:  # typed again: kept once (the ✖ button removes it)
            problem = typed_room(entries, typed)
            if problem is not None:
                return problem
            entries.append(typed)
    else:
        return refuse("choice", count=len(options))
    state["picks"] = picks
    return Outcome(redraw=True)


_LIST_SEPARATORS = re.compile(r"[\s,;]+")
_CODE_LIKE = re.compile(r"^[0-9.]+$")


def listed_choices(typed: str, options: Sequence[Choice]) -> list[str] | None:
    """Several choices typed at once — their numbers or their codes as shown on screen,
    separated by spaces, commas or both ("1 3", "1,3", "3.2, 4.2") — as their values;
    ``[]`` when they look like numbers or codes but one names no choice; None when the text
    is not such a list (a label, or own words)."""
    tokens = [t for t in _LIST_SEPARATORS.split(typed) if t]
    values: list[str] = []
    for token in tokens:
        named = next((o.value for o in options if o.value.casefold() == token.casefold()), None)
        position = index_in(token, len(options), start=1) if named is None else None
        if named is None and position is not None:
            named = options[position].value
        if named is None:
            return [] if all(_CODE_LIKE.match(t) for t in tokens) else None
        if named not in values:  # named twice: once
            values.append(named)
    return values or None


def typed_room(entries: Sequence[str], typed: str) -> Outcome | None:
    """Why ``typed`` cannot join the answers typed so far (the count or the total size of
    a multiple choice's own answers is capped); None: it can."""
    if len(entries) >= TYPED_MAX:
        return refuse("typed_count", limit=TYPED_MAX)
    used = sum(len(entry) for entry in entries)
    if used + len(typed) > TYPED_TOTAL:
        return refuse("typed_total", limit=TYPED_TOTAL, left=TYPED_TOTAL - used)
    return None


def accept_token(
    slot: Slot, action: str, scope: Scope, context: FormContext, state: dict[str, Any]
) -> Outcome:
    """A pressed button of this question: ``c<n>`` choose, ``t<n>`` tick, ``done``."""
    step = slot.step
    options = choices_of(step, scope, context)
    kind, number = action[:1], action[1:]
    position = index_in(number, len(options)) if kind in ("c", "t") else None
    if position is not None:
        option = options[position]
        if kind == "c" and step.kind is not Kind.MULTI:
            return Outcome(as_choice_value(step.kind, option), done=True)
        if kind == "t" and step.kind is Kind.MULTI:
            picks = list(state.get("picks", []))
            picks.remove(option.value) if option.value in picks else picks.append(option.value)
            state["picks"] = picks
            return Outcome(redraw=True)
    if action == "done" and step.kind is Kind.MULTI:
        return finish_multi(step, options, state)
    entries = state.get("typed", [])
    removed = index_in(number, len(entries)) if kind == "x" and step.kind is Kind.MULTI else None
    if removed is not None:  # ✖ on an answer typed in
        state["typed"] = [e for n, e in enumerate(entries) if n != removed]
        return Outcome(redraw=True)
    return refuse("stale_token")
