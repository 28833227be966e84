"""The form engine: ask, take, validate, commit, go on — one question at a time.

A form session's place (``cursor``: a slot key, or ``@review``) and every answer live in
the database; the engine reads them, handles one input and writes them back in the same
transaction as anything the input changes. Each question shown gets a new number
(``question``); a button carries the session id and that number, so a button from an old
message or from someone else's form is recognised and answered, never obeyed.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import replace as with_changes
from datetime import datetime
from typing import Any, Protocol

from handlers.effects import Msg, Reply, TypedAnswer
from handlers.forms import present
from handlers.forms.kinds import (
    SHORT_LIMIT,
    Outcome,
    accept_text,
    accept_token,
    choices_of,
    holds,
    is_confirmation,
)
from handlers.forms.model import Form, FormContext, FormSession, Group, Kind, Value
from handlers.forms.numbers import index_in, small_number
from handlers.forms.walk import (
    COUNT,
    MORE,
    PAYLOAD_PREFIX,
    REVIEW,
    Slot,
    Walk,
    missing,
    next_open,
    slots,
    without_item,
)
from handlers.model import Employee
from handlers.ports import UnitOfWork


class FormFlow(Protocol):
    """What a concrete form adds to the engine: its steps, its context and its submit."""

    form: Form

    async def context(
        self, uow: UnitOfWork, person: Employee, session: FormSession, answers: dict[str, Value]
    ) -> FormContext: ...
    async def after_answer(
        self, uow: UnitOfWork, person: Employee, walk: Walk, slot: Slot, at: datetime
    ) -> list[Msg]: ...
    async def submit(
        self, uow: UnitOfWork, person: Employee, session: FormSession, walk: Walk, at: datetime
    ) -> list[Reply]: ...


def parse_payload(payload: str) -> tuple[int, int, str] | None:
    """``"f:<session>:<question>:<action>"`` → its parts; anything else → None."""
    parts = payload.split(":", 3)
    if (
        len(parts) != 4
        or parts[0] != PAYLOAD_PREFIX
        or small_number(parts[1]) is None
        or small_number(parts[2]) is None
    ):
        return None
    return int(parts[1]), int(parts[2]), parts[3]  # both checked by small_number


class Engine:
    def __init__(self, flow: FormFlow) -> None:
        self.flow = flow
        self.form = flow.form

    # -- loading and saving ---------------------------------------------------------------

    async def load(self, uow: UnitOfWork, person: Employee, session: FormSession) -> Walk:
        answers = await uow.forms.answers(session.id)
        context = await self.flow.context(uow, person, session, answers)
        return Walk(session, answers, context, slots(self.form, answers, context))

    async def put(
        self, uow: UnitOfWork, walk: Walk, values: dict[str, Value], at: datetime
    ) -> None:
        await uow.forms.put(walk.session.id, values, at)
        walk.answers.update(values)
        walk.laid = slots(self.form, walk.answers, walk.context)

    # -- entry points ---------------------------------------------------------------------

    async def show(
        self, uow: UnitOfWork, person: Employee, session: FormSession, at: datetime,
        notes: Sequence[Msg] = (), fresh: bool = True,
    ) -> list[Reply]:  # fmt: skip
        """Ask the current question again (or show the review), e.g. on resume."""
        walk = await self.load(uow, person, session)
        return await self.ask(uow, person, walk, at, notes, fresh=fresh)

    async def on_text(
        self, uow: UnitOfWork, person: Employee, session: FormSession, text: str, at: datetime
    ) -> list[Reply]:
        walk = await self.load(uow, person, session)
        if session.cursor == REVIEW:
            items = any(isinstance(node, Group) for node in self.form.nodes)
            hint = Msg("form/review_use_buttons", {"submit": self.form.submit, "items": items,
                                                   "edit": Msg("label/edit"),
                                                   "add": Msg("label/add_item")})  # fmt: skip
            return await self.ask(uow, person, walk, at, [hint])
        slot = walk.slot(session.cursor)
        if slot is None:
            return await self.advance(uow, person, walk, None, at)
        if slot.step.kind is Kind.RECORD and "editing" in session.state:
            return await self.record_field(uow, person, walk, slot, text, at)
        if slot.step.kind is Kind.RECORD and is_confirmation(text):
            return await self.record_token(uow, person, walk, slot, "ok", at)
        outcome = accept_text(
            slot, text, slot.scope(walk.answers), walk.context, session.state, person.bahasa
        )
        return await self.take(uow, person, walk, slot, outcome, at)

    async def problem_with(
        self, uow: UnitOfWork, person: Employee, session: FormSession, text: str
    ) -> Msg | None:
        """What is wrong with ``text`` as the answer to the current text question, if
        anything — nothing is saved (a channel's form box shows it before sending)."""
        walk = await self.load(uow, person, session)
        slot = walk.slot(session.cursor) if session.cursor != REVIEW else None
        if slot is not None and slot.step.kind is Kind.RECORD and "editing" in session.state:
            return self.field_answer(person, walk, slot, text)[0]
        if slot is None or slot.step.kind not in (Kind.SHORT_TEXT, Kind.LONG_TEXT):
            return None
        scope = slot.scope(walk.answers)
        return accept_text(slot, text, scope, walk.context, session.state, person.bahasa).error

    async def on_press(
        self, uow: UnitOfWork, person: Employee, session: FormSession, question: int, action: str,
        at: datetime,
    ) -> list[Reply]:  # fmt: skip
        walk = await self.load(uow, person, session)
        if question != session.question:
            return await self.ask(uow, person, walk, at, [Msg("form/stale_button")], fresh=False)
        if action == "back":
            return await self.back(uow, person, session, at)
        if action == "skip":
            return await self.skip(uow, person, session, at)
        if action == "pause":
            return await self.pause(uow, person, session, at)
        if session.cursor == REVIEW:
            return await self.review_action(uow, person, walk, action, at)
        slot = walk.slot(session.cursor)
        if slot is None:
            return await self.advance(uow, person, walk, None, at)
        if action == "keep" and slot.key in walk.answers:
            return await self.advance(uow, person, walk, slot, at)
        if action == "review" and session.state.get("return"):
            return await self.to_review(uow, person, walk, at)
        if slot.step.kind is Kind.RECORD:
            return await self.record_token(uow, person, walk, slot, action, at)
        outcome = accept_token(slot, action, slot.scope(walk.answers), walk.context, session.state)
        return await self.take(uow, person, walk, slot, outcome, at)

    async def back(
        self, uow: UnitOfWork, person: Employee, session: FormSession, at: datetime
    ) -> list[Reply]:
        """Go to the question before this one (from the review: the last question)."""
        walk = await self.load(uow, person, session)
        if session.state.pop("editing", None) is not None:  # back from a field to its record
            return await self.ask(uow, person, walk, at)
        position = len(walk.laid) if session.cursor == REVIEW else walk.index(session.cursor)
        if position <= 0:
            return await self.ask(uow, person, walk, at, [Msg("form/nothing_before")])
        previous = walk.laid[position - 1]
        session.cursor = previous.key
        session.state = {}
        return await self.ask(uow, person, walk, at)

    async def skip(
        self, uow: UnitOfWork, person: Employee, session: FormSession, at: datetime
    ) -> list[Reply]:
        walk = await self.load(uow, person, session)
        slot = walk.slot(session.cursor)
        if slot is None or slot.step.required or slot.is_more:
            return await self.ask(uow, person, walk, at, [Msg("form/cannot_skip")], fresh=False)
        await self.put(uow, walk, {slot.key: None}, at)
        return await self.advance(uow, person, walk, slot, at)

    async def pause(
        self, uow: UnitOfWork, person: Employee, session: FormSession, at: datetime
    ) -> list[Reply]:
        """Stop asking for now (every answer is kept); the form's command goes on from here."""
        session.active = False
        await uow.forms.save(session, at)
        return [Reply(Msg("form/paused", {"command": self.form.command}), person.bahasa)]

    # -- taking an answer -----------------------------------------------------------------

    async def take(
        self, uow: UnitOfWork, person: Employee, walk: Walk, slot: Slot, outcome: Outcome,
        at: datetime,
    ) -> list[Reply]:  # fmt: skip
        if outcome.error is not None:
            return await self.ask(uow, person, walk, at, [outcome.error], fresh=False)
        if outcome.redraw:
            return await self.ask(uow, person, walk, at, replace=True, fresh=False)
        value = outcome.value
        if slot.step.kind is Kind.RECORD:  # its fields were checked one by one
            pass
        elif slot.step.check is not None:
            problem = slot.step.check(value, slot.scope(walk.answers), walk.context)
            if problem is not None:
                return await self.ask(uow, person, walk, at, [Msg(problem)], fresh=False)
        if slot.step.normalize is not None and slot.step.kind is not Kind.RECORD:
            value = slot.step.normalize(value, walk.context)
        values: dict[str, Value] = {slot.key: value}
        if slot.is_more and value == "ya" and slot.group is not None:
            values[f"{slot.group.key}.{COUNT}"] = (slot.item or 0) + 1
        changed = slot.key in walk.answers and walk.answers[slot.key] != value
        await self.put(uow, walk, values, at)
        notes = await self.clear_dependents(uow, walk, slot, at) if changed else []
        notes += await self.flow.after_answer(uow, person, walk, slot, at)
        return await self.advance(uow, person, walk, slot, at, notes)

    async def clear_dependents(
        self, uow: UnitOfWork, walk: Walk, slot: Slot, at: datetime
    ) -> list[Msg]:
        """``slot``'s answer changed: clear the answers that followed from it (the steps
        that declare it in ``depends_on``), so that they are asked again."""
        cleared = [s for s in dependents(walk, slot) if s.key in walk.answers]
        if not cleared:
            return []
        await uow.forms.drop(walk.session.id, [s.key for s in cleared])
        for dependent in cleared:
            walk.answers.pop(dependent.key)
        walk.laid = slots(self.form, walk.answers, walk.context)
        asked = [s.step.title for s in cleared]
        return [Msg("form/asked_again", {"changed": slot.step.title, "asked": asked})]

    async def advance(
        self, uow: UnitOfWork, person: Employee, walk: Walk, after: Slot | None, at: datetime,
        notes: Sequence[Msg] = (),
    ) -> list[Reply]:  # fmt: skip
        """Go to the next unanswered question (wrapping round), else to the review."""
        session = walk.session
        stale = outdated(walk)  # an answer no longer among its choices is asked again first
        if stale is not None and (after is None or stale.key != after.key):
            notes = [*notes, Msg("form/choices_gone")]
        else:
            stale = None
        target = stale or next_open(walk.laid, walk.answers, after.key if after else None)
        returning = target is not None and bool(session.state.get("return"))
        session.state = {"return": True} if returning else {}
        session.cursor = target.key if target else REVIEW
        return await self.ask(uow, person, walk, at, notes)

    # -- section A style records ----------------------------------------------------------

    async def record_token(
        self, uow: UnitOfWork, person: Employee, walk: Walk, slot: Slot, action: str, at: datetime
    ) -> list[Reply]:
        state = walk.session.state
        fields = choices_of(slot.step, slot.scope(walk.answers), walk.context)
        if action == "ok":
            record = {**walk.context.data.get("record", {}), **walk.answers.get(slot.key, {}),
                      **state.get("record", {})}  # fmt: skip
            return await self.take(uow, person, walk, slot, Outcome(record, done=True), at)
        field = index_in(action[1:], len(fields)) if action.startswith("e") else None
        if field is not None:
            state["editing"] = fields[field].value
            await uow.forms.save(walk.session, at)
            return [self.record_edit_prompt(person, slot, walk, fields[field].label)]
        return await self.ask(uow, person, walk, at, [Msg("form/error_stale_token")], fresh=False)

    def record_edit_prompt(self, person: Employee, slot: Slot, walk: Walk, title: Msg) -> Reply:
        field = walk.session.state["editing"]
        current = self.record_value(walk, slot).get(field, "")
        asked = Msg("form/record_edit", {"title": title, "current": current})
        return Reply(asked, person.bahasa, typed=TypedAnswer(asked, limit=SHORT_LIMIT))

    def record_value(self, walk: Walk, slot: Slot) -> dict[str, Any]:
        return {**walk.context.data.get("record", {}), **walk.answers.get(slot.key, {}),
                **walk.session.state.get("record", {})}  # fmt: skip

    def field_answer(
        self, person: Employee, walk: Walk, slot: Slot, text: str
    ) -> tuple[Msg | None, Value]:
        """A record's field being corrected, typed: what is wrong with it, or its value."""
        field = walk.session.state["editing"]
        outcome = accept_text(slot_for_text(slot), text, slot.scope(walk.answers), walk.context,
                              walk.session.state, person.bahasa)  # fmt: skip
        if outcome.error is None and slot.step.check is not None:
            error = slot.step.check((field, outcome.value), slot.scope(walk.answers), walk.context)
            return (Msg(error) if error else None), outcome.value
        return outcome.error, outcome.value

    async def record_field(
        self, uow: UnitOfWork, person: Employee, walk: Walk, slot: Slot, text: str, at: datetime
    ) -> list[Reply]:
        state = walk.session.state
        field = state["editing"]
        problem, value = self.field_answer(person, walk, slot, text)
        if problem is not None:
            return [Reply(problem, person.bahasa), self.record_edit_prompt(
                person, slot, walk, _field_title(slot, walk, field))]  # fmt: skip
        if slot.step.normalize is not None:
            field, value = slot.step.normalize((field, value), walk.context)
        state.pop("editing")
        state.setdefault("record", {})[field] = value
        return await self.ask(uow, person, walk, at, fresh=False)

    # -- the review -----------------------------------------------------------------------

    async def to_review(
        self, uow: UnitOfWork, person: Employee, walk: Walk, at: datetime
    ) -> list[Reply]:
        walk.session.cursor = REVIEW
        walk.session.state = {}
        return await self.ask(uow, person, walk, at)

    async def review_action(
        self, uow: UnitOfWork, person: Employee, walk: Walk, action: str, at: datetime
    ) -> list[Reply]:
        session = walk.session
        deleting = session.state.pop("deleting", None)  # only the next press may confirm it
        verb, dot, argument = action.partition(".")
        if (verb in ("submit", "edit", "add") and dot) or (
            verb == "sec" and all(slot.section != argument for slot in walk.laid)
        ):
            verb = "stale"  # not a button the review offers: "submit.x", "sec", "sec.Z"
        if verb == "submit":
            gap = missing(walk.laid, walk.answers)
            if gap is not None:
                session.cursor, session.state = gap.key, {"return": True}
                return await self.ask(uow, person, walk, at, [Msg("form/still_missing")])
            stale = outdated(walk)
            if stale is not None:
                session.cursor, session.state = stale.key, {"return": True}
                return await self.ask(uow, person, walk, at, [Msg("form/choices_gone")])
            await uow.forms.save(session, at)
            return await self.flow.submit(uow, person, session, walk, at)
        if verb == "review":
            return await self.ask(uow, person, walk, at, replace=True, fresh=False)
        if verb in ("edit", "sec"):  # a new list of choices: the review's buttons go stale
            session.question += 1
            await uow.forms.save(session, at)
            if verb == "edit":  # in place of a review of one message; under a longer one
                whole = len(self.review_replies(person, walk)) == 1
                return [replace_if(self.sections_reply(person, walk), whole)]
            return [self.steps_reply(person, walk, argument)]
        target = index_in(argument, len(walk.laid)) if verb == "go" else None
        if target is not None:
            session.cursor, session.state = walk.laid[target].key, {"return": True}
            return await self.ask(uow, person, walk, at)
        if verb in ("add", "del", "drop"):
            return await self.change_items(uow, person, walk, verb, argument, at, deleting)
        return await self.ask(uow, person, walk, at, [Msg("form/stale_button")], fresh=False)

    async def change_items(
        self, uow: UnitOfWork, person: Employee, walk: Walk, verb: str, argument: str, at: datetime,
        confirmed: int | None = None,
    ) -> list[Reply]:  # fmt: skip
        """Add an item, ask before deleting one (``del``), delete the one asked about
        (``drop``, with ``confirmed`` the item number the question was about)."""
        group = next(s.group for s in walk.laid if s.group is not None)
        session = walk.session
        count = walk.answers.get(f"{group.key}.{COUNT}") or group.min_items
        if verb == "add" and count < group.max_items:
            await self.put(uow, walk, {f"{group.key}.{count}.{MORE}": "ya",
                                       f"{group.key}.{COUNT}": count + 1}, at)  # fmt: skip
            first = next(s for s in walk.laid if s.item == count + 1)
            session.cursor, session.state = first.key, {"return": True}
            return await self.ask(uow, person, walk, at)
        position = index_in(argument, count, start=1) if verb in ("del", "drop") else None
        if position is not None and count > group.min_items and verb == "del":
            session.question += 1  # ask first: an item is many answers
            session.state["deleting"] = position + 1
            await uow.forms.save(session, at)
            return [present.confirm_delete(person, walk, group, position + 1)]
        if position is not None and count > group.min_items and confirmed == position + 1:
            kept = without_item(group, position + 1, walk.answers)  # item numbers start at 1
            old = [k for k in walk.answers if k.startswith(f"{group.key}.")]
            await uow.forms.drop(session.id, old)
            for key in old:
                walk.answers.pop(key)
            await self.put(uow, walk, kept, at)
            return await self.ask(uow, person, walk, at, [Msg("form/item_removed")])
        return await self.ask(uow, person, walk, at, [Msg("form/cannot_change_items")])

    # -- asking ---------------------------------------------------------------------------

    async def ask(
        self, uow: UnitOfWork, person: Employee, walk: Walk, at: datetime,
        notes: Sequence[Msg] = (), replace: bool = False, fresh: bool = True,
    ) -> list[Reply]:  # fmt: skip
        """Save the session and show where it stands: the current question or the review.

        ``fresh`` gives the question a new number, so buttons of earlier messages go stale;
        a redraw (ticks, an error) keeps the number and the buttons already shown.
        """
        session = walk.session
        if session.cursor != REVIEW and walk.slot(session.cursor) is None:
            target = next_open(walk.laid, walk.answers, None)
            session.cursor = target.key if target else REVIEW
        if fresh:
            session.question += 1
        shown = walk.slot(session.cursor)
        if shown is not None and shown.step.kind is Kind.MULTI and "picks" not in session.state:
            start_ticks(session.state, walk.answers.get(shown.key))  # saved with the question
        await uow.forms.save(session, at)
        replies = [Reply(note, person.bahasa) for note in notes]
        if session.cursor == REVIEW:
            parts = self.review_replies(person, walk)
            first = dataclasses.replace(parts[0], replace=replace)
            return [*replies, first, *parts[1:]]  # in place of the pressed message: its first
        slot = walk.slot(session.cursor)
        assert slot is not None
        if slot.step.kind is Kind.RECORD and "editing" in session.state:  # a field is awaited
            title = _field_title(slot, walk, session.state["editing"])
            return [*replies, self.record_edit_prompt(person, slot, walk, title)]
        return [*replies, self.question_reply(person, walk, slot, replace)]

    def question_reply(self, person: Employee, walk: Walk, slot: Slot, replace: bool) -> Reply:
        return present.question(self.form, person, walk, slot, replace)

    def review_replies(self, person: Employee, walk: Walk) -> list[Reply]:
        return present.review(self.form, person, walk)

    def sections_reply(self, person: Employee, walk: Walk) -> Reply:
        return present.sections(self.form, person, walk)

    def steps_reply(self, person: Employee, walk: Walk, section: str) -> Reply:
        return present.section_steps(person, walk, section)


def outdated(walk: Walk) -> Slot | None:
    """The first answer that picked a choice no longer offered, where that matters (a C
    item's relevance to a code whose basis has become "Tidak Ada", a method form of a class
    changed since)."""
    return next((s for s in walk.laid if not holds(s, walk.answers, walk.context)), None)


def dependents(walk: Walk, slot: Slot) -> list[Slot]:
    """The questions whose answer follows from ``slot``'s (their ``depends_on`` names it,
    within their own item or the whole form)."""
    return [
        s for s in walk.laid
        if any(f"{s.prefix}{key}" == slot.key or key == slot.key for key in s.step.depends_on)
    ]  # fmt: skip


def replace_if(reply: Reply, replace: bool) -> Reply:
    return dataclasses.replace(reply, replace=replace)


def start_ticks(state: dict[str, Any], answer: Value) -> None:
    """A multiple choice opens with its answer ticked and its typed entries listed, so that
    "Selesai" without a change keeps the answer whole."""
    values = answer if isinstance(answer, list) else []
    state["picks"] = [v for v in values if isinstance(v, str)]
    state["typed"] = [v["text"] for v in values if isinstance(v, dict)]


def slot_for_text(slot: Slot) -> Slot:
    """A record field is typed like a short text."""
    return Slot(slot.key, with_changes(slot.step, kind=Kind.SHORT_TEXT, check=None), slot.prefix)


def _field_title(slot: Slot, walk: Walk, field: str) -> Msg:
    fields = choices_of(slot.step, slot.scope(walk.answers), walk.context)
    return next((f.label for f in fields if f.value == field), Msg("form/skipped"))
