"""Junk at every step of Formulir 1: the form engine's promises, checked with hypothesis.

Budi walks the valid journey of tests/unit/journey_steps.py; at any step, whatever he types
or whatever button payload arrives (forged, stale, out of range, not a form's at all):

* the core does not raise, and answers with at least one reply;
* every reply renders in its locale (text and every button label), is not empty, escapes
  everything typed (no HTML but the templates' own tags), fits Telegram once split (parts of
  at most 4096 characters) and carries payloads of at most 64 bytes (callback_data);
* every form button it shows belongs to the question now on screen (never born stale);
* no answer already given is lost or changed — an invalid input leaves the answers, the
  question and the form's scratch state exactly as they were; a possibly valid one may only
  touch the current question's answer, and moves on only if it answered it (or navigated);
* a submitted plan never changes again.

The bugs these tests found have their own minimal tests at the end: regressions for those
fixed, strict xfails for those still open.
"""

from __future__ import annotations

import asyncio
import copy
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, event, given, settings
from hypothesis import strategies as st

from bot.outgoing import (
    TELEGRAM_TEXT_LIMIT,
    render_reply,
    split_text,
    telegram_html,
    utf16_units,
)
from handlers.conversation import split_command
from handlers.effects import Reply
from handlers.forms.engine import parse_payload
from handlers.forms.kinds import clean
from handlers.forms.walk import REVIEW
from handlers.formulir1.section_c import section_c
from handlers.model import LOCALES
from tests.unit.journey_steps import (
    BUDI,
    JOURNEY,
    SUBMIT_INDEX,
    Action,
    Budi,
    Checkpoint,
    checkpoints,
    typed,
)

CALLBACK_DATA_LIMIT = 64  # bytes: Telegram refuses a button with longer callback_data
TEMPLATE_TAG = re.compile(r'</?(?:b|i|u|s|code|pre)>|<control name="(?:back|skip|pause)"/>')
FUZZ = settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)


@cache
def saved() -> tuple[Checkpoint, ...]:
    """The committed state before every step of the clean journey (replayed once)."""
    return tuple(checkpoints())


def at_step(index: int) -> Budi:
    """A fresh FakeDatabase holding exactly what the valid journey committed before
    ``JOURNEY[index]`` — what replaying it up to there gives, without paying for it."""
    return saved()[index].restore()


def first_step_at(cursor: str | None) -> int:
    return next(i for i, action in enumerate(JOURNEY) if action.at == cursor and i > 0)


def run(body: Callable[[], Awaitable[None]]) -> None:
    saved()  # replayed outside the event loop of the test
    asyncio.run(body())


# --- what is thrown -----------------------------------------------------------------------

INVALID, NAVIGATION, ANSWER = "invalid", "navigation", "answer"


@dataclass(frozen=True)
class Form:
    """What the form looks like in the database, for comparing before and after an input."""

    answers: dict[str, Any]
    session_id: int | None
    cursor: str | None
    question: int
    state: dict[str, Any]
    locale: str
    plan: Any
    items: Any

    @classmethod
    def of(cls, budi: Budi) -> Form:
        session = budi.session()
        anyone = budi.any_session()
        forms = budi.state.forms
        return cls(
            answers=budi.answers(),
            session_id=session.id if session else None,
            cursor=session.cursor if session else None,
            question=anyone.question if anyone else 0,
            state=copy.deepcopy(session.state) if session else {},
            locale=budi.state.employees[BUDI.id].bahasa,
            plan=copy.deepcopy(forms.plans),
            items=copy.deepcopy(forms.items),
        )

    @property
    def submitted(self) -> bool:
        return any(plan.status == "submitted" for plan in self.plan.values())

    def same_place(self, other: Form) -> bool:
        """Nothing a person could notice in the form moved (the language may have)."""
        return (self.answers, self.session_id, self.cursor, self.question, self.state) == (
            other.answers, other.session_id, other.cursor, other.question, other.state,
        )  # fmt: skip


@dataclass(frozen=True)
class Typed:
    text: str

    def kind(self, before: Form) -> str:
        if split_command(self.text)[0] is not None:
            return NAVIGATION
        if not clean(self.text) or self.text in LONG_INVALID:
            return INVALID
        return ANSWER  # it may well be a valid answer here: any text is, at a text question

    async def send(self, budi: Budi) -> list[Reply]:
        return await budi.send(self.text)

    def __repr__(self) -> str:
        shown = self.text if len(self.text) <= 80 else f"{self.text[:40]}…[{len(self.text)}]"
        return f"Typed({shown!r})"


@dataclass(frozen=True)
class Pressed:
    """A button payload. ``how``: ``this`` (this session, the question on screen), ``old`` /
    ``future`` (this session, another question number), ``other`` (another session's), or
    ``raw`` (the token is the whole payload)."""

    how: str
    token: str
    offset: int = 1

    def payload(self, budi: Budi) -> str:
        if self.how == "raw":
            return self.token
        session = budi.session() or budi.any_session()
        sid, question = (session.id, session.question) if session else (1, 0)
        if self.how == "old":
            question -= self.offset
        elif self.how == "future":
            question += self.offset
        elif self.how == "other":
            sid += self.offset
        return f"f:{sid}:{question}:{self.token}"

    def kind(self, before: Form) -> str:
        if self.how != "this" or self.token not in MAYBE_VALID_TOKENS:
            return INVALID
        return NAVIGATION if self.token in NAVIGATION_TOKENS else ANSWER

    async def send(self, budi: Budi) -> list[Reply]:
        return await budi.send(payload=self.payload(budi))


Junk = Typed | Pressed

SHORT_TEXTS = [
    "", " ", "   \t\n  ", "\n\n\n", "\x00", "\x00\x01\x02\x7f", "\x1b[2J\x1b[31mred", "\r\n",
    "\u200b\u200b", "\ufeff", "\u2028", "\u00a0", "<b>x</b>&amp;<script>alert(1)</script>",
    "</b></i><i>", "<pre>", "&", "&lt;", "&#x3c;b&#x3e;", "{{ name }}", "{% raw %}", "${x}",
    "مرحبا بالعالم", "\u202etxt.exe", "שלום", "🙂", "👨‍👩‍👧‍👦", "🇮🇩", "Ｂｕｄｉ",
    "0", "1", "2", "5", "6", "-1", "01", "1.5", "1e3", "1,2", "1,,2", "2,1,3", "99", "2024",
    "1999", "3000", "٣", "２０２４", "²", "①", "1²", "³-⁴", "Q²", "99999999999", "ya", "Tidak",
    "ada", "TIDAK ADA", "selesai", "benar",
    "ok", "sudah benar", "q5", "TW V", "13-14", "Mei-Maret", "Sepanjang tahun", "1 jp", "501",
    "x" * 201, "x" * 1001, "a\nb", "\x00/kembali",
]  # fmt: skip
COMMANDS = [
    "/", "//", "/kembali", "/lewati", "/batal", "/bantuan", "/profil", "/bahasa xx",
    "/bahasa en", "/bahasa", "/start", "/start abc", "/entah", "/isi", "/rencana",
    "/LEWATI@idp_bot", "  /kembali  ", "/kembali sekarang", "/back", "/skip", "/cancel",
]  # fmt: skip
LONG_INVALID = [  # 10,000 characters, and no valid answer anywhere
    "x" * 10_000,
    "🙂" * 10_000,
    "ab\n" * 3333 + "a",
    "<b>x</b>&amp;<script>" * 476 + "<b>",
    "مرحبا \u202e" * 1250,
    "\x00a" * 5000,
    "1" * 10_000,
    "1 " * 5000,
]
LONG_OTHER = ["ya" + " " * 9998, "/bahasa " + "e" * 9992, "1, " * 1400, "x" * 2000]

ODD_CATEGORIES = ["Cc", "Cf", "Zs", "Zl", "Zp", "Mn", "So", "No"]  # controls, spaces, marks…
TEXTS = st.one_of(
    st.text(max_size=40),
    st.text(st.characters(codec="utf-8", categories=ODD_CATEGORIES), max_size=20),
    st.sampled_from(SHORT_TEXTS),
    st.sampled_from(COMMANDS),
    st.sampled_from(LONG_INVALID + LONG_OTHER),
    st.builds(str.__add__, st.sampled_from(SHORT_TEXTS + COMMANDS), st.text(max_size=8)),
)

INVALID_TOKENS = [
    "c999", "t999", "e999", "c-1", "t-1", "e-1", "c", "t", "e", "", "x", "C0", "cc0", "c0 ",
    " c0", "c0\n", "c+1", "c1e3", "c0.5", "go.999", "go.-1", "go.x", "go.", "go", "del.x",
    "del.-1", "del.", "del", "sec.Z", "sec.", "sec", "review.x", "done!", "ok?", "back2",
    "f:1:1:c0", ":", "🙂", "c²", "t²", "e²", "go.²", "del.²", "c٣", "c0000000001", "del.0",
    "del.999", "del.00", "drop", "drop.", "drop.0", "drop.999", "drop.x",
]  # fmt: skip
NAVIGATION_TOKENS = {"back", "skip", "keep", "review", "submit", "edit", "sec.A", "go.0"}
MAYBE_VALID_TOKENS = NAVIGATION_TOKENS | {"c0", "c1", "c5", "t0", "t1", "e0", "e6", "ok", "done"}
VALID_LOOKING = re.compile(r"[cte]\d+|ok|done|back|skip|keep|review|submit|edit|add|"
                           r"sec\..*|go\.\d+|del\.\d+|drop\.\d+", re.DOTALL)  # fmt: skip
NON_FORM = [
    "lang:xx", "lang:", "lang:en", "lang:id", "lang:EN", "lang:id:x", "plan:zzz", "plan:",
    "plan:fill2", "plan:FILL", "dialog:accept:17", "survey:3", "f", "f:", "f::", "f:::",
    "f:1", "f:1:1", "f:a:b:c", "f:-1:-1:c0", "F:1:1:c0", "f: 1:1:c0", "f:1 :1:c0", ":", "",
    "x" * 70, "f:1:1:" + "c" * 64, "🙂" * 17, "lang:" + "e" * 65, "f:" + "9" * 68,
    "f:²:1:c0", "f:1:²:c0", "f:" + "1" * 30 + ":1:c0", "f:1:" + "9" * 30 + ":c0",
]  # fmt: skip


def not_a_valid_press(payload: str) -> bool:
    parsed = parse_payload(payload)
    return payload != "plan:fill" and (parsed is None or not VALID_LOOKING.fullmatch(parsed[2]))


RAW = st.one_of(st.sampled_from(NON_FORM), st.text(max_size=70)).filter(not_a_valid_press)
RANDOM_TOKENS = st.text(max_size=12).filter(lambda t: not VALID_LOOKING.fullmatch(t))
INVALID_PRESSES = st.one_of(
    st.builds(Pressed, st.just("this"), st.sampled_from(INVALID_TOKENS) | RANDOM_TOKENS),
    st.builds(
        Pressed,
        st.sampled_from(["old", "future", "other"]),
        st.sampled_from(sorted(MAYBE_VALID_TOKENS)) | st.sampled_from(INVALID_TOKENS),
        st.integers(1, 40),
    ),
    st.builds(Pressed, st.just("raw"), RAW),
)
PRESSES = INVALID_PRESSES | st.builds(
    Pressed, st.just("this"), st.sampled_from(sorted(MAYBE_VALID_TOKENS))
)
JUNK = st.one_of(st.builds(Typed, TEXTS), PRESSES)
SURELY_INVALID = st.one_of(
    st.builds(Typed, st.sampled_from([t for t in SHORT_TEXTS if not clean(t)] + LONG_INVALID)),
    INVALID_PRESSES,
)


# --- the promises -------------------------------------------------------------------------


def check_replies(replies: list[Reply], after: Form) -> None:
    assert replies, "every input gets an answer"
    for reply in replies:
        assert reply.locale in LOCALES, reply
        rendered = render_reply(reply)  # renders the text and every button label
        assert rendered.text.strip(), f"{reply.text.template} renders empty"
        leftover = TEMPLATE_TAG.sub("", rendered.text)
        assert "<" not in leftover and ">" not in leftover, f"unescaped HTML in {rendered.text!r}"
        parts = split_text(telegram_html(rendered.text))
        assert all(utf16_units(part) <= TELEGRAM_TEXT_LIMIT for part in parts)
        for row in rendered.buttons:
            for label, payload in row:
                assert label.strip(), f"an empty label in {reply.text.template}"
                assert len(payload.encode()) <= CALLBACK_DATA_LIMIT, payload
                pressed = parse_payload(payload)
                if pressed is not None:  # a form button: for the question on screen now
                    assert pressed[:2] == (after.session_id, after.question), (payload, after)


@cache
def depending() -> dict[str, tuple[str, ...]]:
    """Formulir 1 C's steps that follow from another's answer (``depends_on``): by that one."""
    found: dict[str, list[str]] = {}
    for item_step in section_c().steps:
        for source in item_step.depends_on:
            found.setdefault(source, []).append(item_step.key)
    return {source: tuple(keys) for source, keys in found.items()}


def following(current: str | None) -> set[str]:
    """The answers that answering ``current`` again may clear, to be asked again."""
    if current is None:
        return set()
    prefix, _, key = current.rpartition(".")
    return {f"{prefix}.{dependent}" for dependent in depending().get(key, ())}


def check_form(junk: Junk, kind: str, before: Form, after: Form) -> None:
    assert after.question >= before.question, "question numbers never go back"
    if before.submitted:
        final = (before.answers, before.plan, before.items)
        assert (after.answers, after.plan, after.items) == final, "a submitted plan is final"
    if kind == INVALID:
        assert after.answers == before.answers, f"{junk!r} changed an answer"
        assert (after.session_id, after.cursor, after.state) == (
            before.session_id, before.cursor, before.state,
        ), f"{junk!r} moved the form"  # fmt: skip
        return
    current = before.cursor if before.cursor not in (None, REVIEW) else None
    touchable = {current} if current else set()
    if current and current.endswith("._more"):  # "add another item?" also counts the items
        touchable.add(f"{current.split('.')[0]}._count")
    clearable = touchable | following(current)  # a changed answer clears what followed from it
    for key, value in before.answers.items():
        if key not in clearable:
            assert key in after.answers, f"{junk!r} lost the answer {key}"
            assert after.answers[key] == value, f"{junk!r} changed the answer {key}"
    if before.session_id is not None:
        assert set(after.answers) - set(before.answers) <= touchable, f"{junk!r} wrote elsewhere"
    if kind == ANSWER and after.answers == before.answers and current not in before.answers:
        assert (after.session_id, after.cursor) == (before.session_id, before.cursor), (
            f"{junk!r} answered nothing but moved the form"
        )


async def throw(budi: Budi, junk: Junk) -> None:
    before = Form.of(budi)
    kind = junk.kind(before)
    replies = await junk.send(budi)
    after = Form.of(budi)
    check_replies(replies, after)
    check_form(junk, kind, before, after)


async def act(budi: Budi, action: Action) -> None:
    """One valid step of the journey, checked like the junk."""
    replies = await budi.act(action)
    check_replies(replies, Form.of(budi))


# --- the properties -----------------------------------------------------------------------


@FUZZ
@given(stop=st.integers(0, len(JOURNEY)), junk=st.lists(JUNK, min_size=1, max_size=8))
def test_junk_at_any_step_keeps_every_promise(stop: int, junk: list[Junk]) -> None:
    """Replay the journey up to ``stop``, throw the junk, then — if the junk left the form
    where it was — go on with the next valid steps as if nothing had happened."""

    async def body() -> None:
        budi = at_step(stop)
        start = Form.of(budi)
        for item in junk:
            event(f"{type(item).__name__} {item.kind(Form.of(budi))}")
            await throw(budi, item)
        unmoved = Form.of(budi).same_place(start)
        event("went on with the journey" if unmoved else "the junk moved the form")
        if unmoved:
            for action in JOURNEY[stop : stop + 3]:
                await act(budi, action)

    run(body)


@settings(FUZZ, max_examples=6, phases=[Phase.explicit, Phase.reuse, Phase.generate])
@given(data=st.data())
def test_the_journey_survives_junk_before_every_step(data: st.DataObject) -> None:
    """Before each valid action, a batch of invalid inputs; the journey then goes on, and
    what is submitted is exactly what the clean journey submits. (Not shrunk: shrinking a
    walk of ninety steps takes minutes; a failure lists each step's batch, labelled by step.)"""

    async def body() -> None:
        budi = Budi()
        for index, action in enumerate(JOURNEY):
            if not opens_a_list(index - 1):  # a list on screen: junk there would close it
                for item in data.draw(st.lists(SURELY_INVALID, max_size=3), label=f"{index}"):
                    await throw(budi, item)
            await act(budi, action)
        clean_end = at_step(len(JOURNEY))
        assert budi.state.forms.items == clean_end.state.forms.items
        assert budi.state.forms.change_requests == clean_end.state.forms.change_requests
        assert budi.answers() == clean_end.answers()

    run(body)


def opens_a_list(index: int) -> bool:
    token = JOURNEY[index].token if index >= 0 else None
    return token is not None and (token == "edit" or token.startswith("sec."))


@pytest.mark.parametrize(
    "text",
    [*LONG_INVALID, *LONG_OTHER, "<b>x</b>&amp;<script>", " ", ""],
    ids=lambda t: f"{len(t)}:{t[:10]!r}",
)
def test_ten_thousand_characters_and_html_at_every_step(text: str) -> None:
    """The same few nasty texts at every single step (no sampling)."""

    async def body() -> None:
        for index in range(len(JOURNEY) + 1):
            await throw(at_step(index), Typed(text))

    run(body)


@pytest.mark.parametrize("index", [0, 1, 5, 9, 30, 66, 72, len(JOURNEY)])
def test_a_saved_step_is_what_replaying_the_journey_gives(index: int) -> None:
    """The properties start from saved steps; replaying to there gives the very same form."""
    replayed = Budi()
    run(lambda: replayed.walk(0, index))
    restored = at_step(index)
    assert restored.state.forms == replayed.state.forms
    assert restored.state.employees == replayed.state.employees
    assert restored.state.accounts == replayed.state.accounts


def test_the_clean_journey_keeps_every_promise_and_submits() -> None:
    async def body() -> None:
        budi = Budi()
        for action in JOURNEY:
            await act(budi, action)
        [plan] = budi.state.forms.plans.values()
        assert plan.status == "submitted"
        assert [row["jp"] for row in budi.state.forms.items[plan.id]] == [24, 8, 4]

    run(body)


MAXIMAL = {"B.3.1": 2000, "B.3.2": 2000, "B.4.1.hasil": 2000, "tujuan": 1000, "output": 1000,
           "sumber": 200, "pelaksana": 200, "B.1.1": 200, "kompetensi_deskripsi": 200}  # fmt: skip


def maximal(action: Action) -> Action:
    """The same step with the longest answer allowed, full of characters HTML escapes
    (with a letter in every four, as a prose answer needs)."""
    if action.text is None or action.text.startswith("/") or action.at is None:
        return action
    limit = MAXIMAL.get(action.at) or MAXIMAL.get(action.at.rsplit(".", 1)[-1])
    return typed(action.at, ("<&>x" * 500)[:limit]) if limit else action


def test_the_longest_answers_still_fit_telegram() -> None:
    """Every answer at its limit, each "<&>" escaped to 4-5 characters: the review is far
    over 4096 characters, yet every part fits, and nothing typed is cut."""

    async def body() -> None:
        budi = Budi()
        longest = 0
        for action in map(maximal, JOURNEY):
            replies = await budi.act(action)
            check_replies(replies, Form.of(budi))
            longest = max([longest, *(len(render_reply(r).text) for r in replies)])
        assert longest > 3 * TELEGRAM_TEXT_LIMIT
        [rows] = budi.state.forms.items.values()
        assert {len(row["tujuan"]) for row in rows} == {1000}

    run(body)


# --- the bugs found ----------------------------------------------------------------------
# Found by the properties above while they were written; fixed in 5bb2445, kept as
# regressions: str.isdigit() is True for "²" and "①", which int() refuses, and int() refuses
# more than 4,300 digits, so such text or payloads crashed every choice, rating, year and
# period question, and the payload parser; an out-of-range "del.<n>" dropped an item.


@pytest.mark.parametrize(
    ("at", "text"),
    [("B.1.ada", "²"), ("B.1.1", "²"), ("B.1.1", "1,²"), ("B.4.1.tahun", "²"),
     ("S.integritas", "③"), ("C.1.kompetensi_klasifikasi", "¹"), ("C.1.waktu", "²-³"),
     ("B.1.ada", "1" * 10_000), ("B.1.1", "1" * 10_000), ("B.4.1.tahun", "1" * 10_000),
     ("S.integritas", "1" * 10_000), ("C.1.kompetensi_klasifikasi", "1 " * 5000)],
    ids=lambda value: value if len(value) < 20 else f"{value[:2]}…[{len(value)}]",
)  # fmt: skip
def test_odd_digits_typed_at_a_choice_step_are_refused(at: str, text: str) -> None:
    run(lambda: throw(at_step(first_step_at(at)), Typed(text)))


@pytest.mark.parametrize(
    ("at", "press"),
    [("B.1.ada", Pressed("raw", "f:²:1:c0")), ("B.1.ada", Pressed("raw", f"f:1:{'9' * 30}:c")),
     ("B.1.ada", Pressed("this", "c²")), ("B.1.1", Pressed("this", "t²")),
     ("A", Pressed("this", "e²")), (REVIEW, Pressed("this", "go.²")),
     (REVIEW, Pressed("this", "del.²")), (REVIEW, Pressed("this", "del.999")),
     (REVIEW, Pressed("this", "del.0"))],
    ids=repr,
)  # fmt: skip
def test_odd_digits_in_a_button_payload_are_stale(at: str, press: Pressed) -> None:
    """At the review with two items, so that a delete would be allowed."""
    budi = at_step(first_step_at(at))
    assert at != REVIEW or budi.answers()["C._count"] == 2
    run(lambda: throw(budi, press))


# Regression (found by test_the_journey_survives_junk_before_every_step in CI-like load): the
# review took any token starting "sec" for a section list — "sec" or "sec.Z" showed an empty
# one, leaving the review's own buttons stale — and "submit.x" or "add.x" for their verbs.


@pytest.mark.parametrize("token", ["sec", "sec.", "sec.Z", "submit.x", "add.x", "edit.x", "edit."])
def test_a_review_token_that_the_review_never_offered_changes_nothing(token: str) -> None:
    index = first_step_at(REVIEW)

    async def body() -> None:
        budi = at_step(index)
        await throw(budi, Pressed("this", token))
        await act(budi, JOURNEY[index])  # the review's own buttons still work

    run(body)


# Regression: an off-by-one once made 'del.2' delete item 1, and 'del.1' hide item 1's answers
# in an item 0 that total_jp still counted.


async def delete_item(number: int) -> tuple[dict[str, Any], dict[str, Any]]:
    """At the review with two items: "change" → item ``number`` → delete it → yes."""
    budi = at_step(first_step_at(REVIEW))
    before = budi.answers()
    assert before["C._count"] == 2
    for token in ("edit", f"sec.C{number}", f"del.{number}", f"drop.{number}"):
        payload = budi.payload(token)
        await budi.send(payload=payload)
        assert payload in budi.offered, payload
    return before, budi.answers()


def item_answers(answers: dict[str, Any], number: int) -> dict[str, Any]:
    prefix = f"C.{number}."
    return {k[len(prefix) :]: v for k, v in answers.items() if k.startswith(prefix)}


@pytest.mark.parametrize("number", [1, 2])
def test_deleting_an_item_removes_that_item_and_keeps_the_other(number: int) -> None:
    async def body() -> None:
        before, after = await delete_item(number)
        kept = 2 if number == 1 else 1
        assert after["C._count"] == 1
        assert not any(k.startswith("C.0.") for k in after), "an item moved out of sight"
        expected = {k: v for k, v in item_answers(before, kept).items() if k != "_more"}
        assert {k: v for k, v in item_answers(after, 1).items() if k != "_more"} == expected

    run(body)


def test_the_journey_is_where_the_bug_tests_think() -> None:
    assert JOURNEY[SUBMIT_INDEX].at == REVIEW
    assert {a.at for a in JOURNEY} >= {"A", "B.1.ada", "B.1.1", "B.4.1.tahun", "S.integritas"}
    assert Form.of(at_step(first_step_at(REVIEW))).answers["C._count"] == 2
