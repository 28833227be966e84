"""What the person sees: a question with its buttons, the review, the "change what?" lists."""

from __future__ import annotations

import messages
from handlers.effects import Button, Msg, Reply, TypedAnswer
from handlers.forms.display import display
from handlers.forms.kinds import TYPED_MAX, choices_of, holds, text_limit
from handlers.forms.labels import TYPED_TEXT, button_text, needs_listing, shorten
from handlers.forms.model import Choice, Form, Group, Kind
from handlers.forms.walk import MORE, Slot, Walk
from handlers.model import Employee

ROW_WIDTH = {Kind.ADA: 2, Kind.RATING: 3, Kind.CHOICE: 1, Kind.PERIOD: 2, Kind.MULTI: 1}


def label(inner: Msg, picked: bool = False, recommended: bool = False) -> Msg:
    return Msg("form/label", {"label": inner, "picked": picked, "recommended": recommended})


def rows(buttons: list[Button], width: int) -> list[tuple[Button, ...]]:
    return [tuple(buttons[i : i + width]) for i in range(0, len(buttons), width)]


def section_title(form: Form, slot: Slot) -> Msg:
    titles = dict(form.sections)
    return titles.get(slot.step.section, Msg("form/skipped"))


def progress(form: Form, walk: Walk, slot: Slot) -> dict[str, int]:
    """Where the person is, in numbers that only grow: the part of the form (of a fixed
    count) and the question within it — not "12/34", whose total moves as answers open
    follow-up questions."""
    parts = [key for key, _ in form.sections if key not in form.part_of]

    def part_of(s: Slot) -> str:
        return form.part_of.get(s.step.section, s.step.section)

    part = part_of(slot)
    before = walk.laid[: walk.index(slot.key)]
    asked = [s for s in before if part_of(s) == part and s.item == slot.item and not s.is_more]
    return {"part": parts.index(part) + 1 if part in parts else 0, "parts": len(parts),
            "number": len(asked) + 1}  # fmt: skip


def question(form: Form, person: Employee, walk: Walk, slot: Slot, replace: bool) -> Reply:
    """The current question, its answer so far, and its buttons."""
    step, state = slot.step, walk.session.state
    scope = slot.scope(walk.answers)
    options = choices_of(step, scope, walk.context)
    current = walk.answers.get(slot.key)
    buttons: list[Button] = []
    listing = step.kind in (Kind.MULTI, Kind.CHOICE) and needs_listing(options, person.bahasa)
    picked = state.get("picks", []) if step.kind is Kind.MULTI else []

    def face(number: int, option: Choice) -> Msg:
        """The button's label: the choice's own, or (listed) a short one."""
        if not listing:
            return label(option.label, option.value in picked, option.recommended)
        short = Msg("form/short_label", {"text": button_text(option, number, person.bahasa)})
        return label(short, option.value in picked, option.recommended)

    if step.kind is Kind.MULTI:
        buttons = [Button(face(i + 1, o), walk.token(f"t{i}")) for i, o in enumerate(options)]
        typed = state.get("typed", [])
        buttons += [
            Button(Msg("label/remove_typed", {"text": shorten(entry, TYPED_TEXT)}),
                   walk.token(f"x{n}"))
            for n, entry in enumerate(typed)
        ]  # fmt: skip
        buttons.append(Button(Msg("label/done"), walk.token("done")))
    elif step.kind is Kind.RECORD:
        buttons = [Button(Msg("label/confirm"), walk.token("ok"))] + [
            Button(Msg("label/edit_field", {"field": o.label}), walk.token(f"e{i}"))
            for i, o in enumerate(options)
        ]
    else:
        buttons = [Button(face(i + 1, o), walk.token(f"c{i}")) for i, o in enumerate(options)]
    width = 2 if step.kind is Kind.RECORD else ROW_WIDTH.get(step.kind, 1)
    keyboard = rows(buttons, width) if buttons else []
    keyboard.append(navigation(walk, slot))
    details = step.details(scope, walk.context) if step.details else {}
    prompt = Msg(step.prompt.template, {**step.prompt.context, **details, "options": len(options)})
    context = {
        "prompt": prompt,
        "section": section_title(form, slot),
        **progress(form, walk, slot),
        "item": slot.item,
        "kind": step.kind.value,
        "options": len(options),
        "own_words": step.allow_text,
        "required": step.required,
        "returning": bool(state.get("return")),
        "current": display(slot, current, scope, walk.context)
        if slot.key in walk.answers
        else None,
        "record": _record_rows(walk, slot) if step.kind is Kind.RECORD else None,
        "typed": list(state.get("typed", [])),
        "listed": listed(options, picked) if listing else [],
        "typed_max": TYPED_MAX,
        "help": step.help,
        "file": step.takes_file,
    }
    typed = None
    if step.kind in (Kind.SHORT_TEXT, Kind.LONG_TEXT) and not step.takes_file:  # sent, not typed
        typed = TypedAnswer(prompt, long=step.kind is Kind.LONG_TEXT, limit=text_limit(step))
    return Reply(Msg("form/question", context), person.bahasa, tuple(keyboard), replace,
                 typed=typed)  # fmt: skip


def listed(options: list[Choice], picked: list[str]) -> list[dict[str, object]]:
    """The choices in full, numbered, for a message whose buttons carry short labels."""
    return [{"number": n, "label": o.label, "picked": o.value in picked,
             "recommended": o.recommended} for n, o in enumerate(options, start=1)]  # fmt: skip


def _record_rows(walk: Walk, slot: Slot) -> list[Msg]:
    value = {**walk.context.data.get("record", {}), **walk.answers.get(slot.key, {}),
             **walk.session.state.get("record", {})}  # fmt: skip
    pieces = display(slot, value, slot.scope(walk.answers), walk.context)
    return [p for p in pieces if isinstance(p, Msg)]


def navigation(walk: Walk, slot: Slot) -> tuple[Button, ...]:
    nav = []
    if walk.index(slot.key) > 0:
        nav.append(Button(Msg("label/back"), walk.token("back"), nav=True))
    if not slot.step.required and not slot.is_more:
        nav.append(Button(Msg("label/skip"), walk.token("skip"), nav=True))
    if (slot.key in walk.answers and slot.step.kind not in (Kind.MULTI, Kind.RECORD)
            and holds(slot, walk.answers, walk.context)):  # fmt: skip
        nav.append(Button(Msg("label/keep"), walk.token("keep"), nav=True))
    if walk.session.state.get("return"):
        nav.append(Button(Msg("label/to_review"), walk.token("review"), nav=True))
    # pausing is a button on every channel (typed as /batal where commands are typed)
    nav.append(Button(Msg("label/pause"), walk.token("pause"), nav=True))
    return tuple(nav)


REVIEW_PART = 3500  # characters of one part of the review: under any channel's limit


def review(
    form: Form, person: Employee, walk: Walk, *, answered_only: bool = False,
    title: Msg | bool | None = True,
) -> list[Reply]:  # fmt: skip
    """Everything answered, section by section, as a document in as few messages as fit
    (each split at a section's boundary), with submit / change / add under the last: the
    buttons act on the whole review. ``answered_only``: the questions not reached yet are
    left out (a draft read with /rencana)."""
    sections = review_sections(form, walk, answered_only)
    summary = form.review(walk.answers, walk.context)
    heading = form.title if title is True else title or None  # False: no heading
    parts = pack(sections, heading, summary, person.bahasa)
    replies = [Reply(Msg("form/review", part), person.bahasa) for part in parts]
    changes = [Button(Msg("label/edit"), walk.token("edit"))]
    if any(isinstance(node, Group) for node in form.nodes):
        changes.append(Button(Msg("label/add_item"), walk.token("add")))
    buttons = ((Button(form.submit, walk.token("submit")),), tuple(changes))
    replies[-1] = Reply(replies[-1].text, person.bahasa, buttons)
    return replies


def review_sections(form: Form, walk: Walk, answered_only: bool) -> list[dict[str, object]]:
    sections: dict[str, dict[str, object]] = {}  # each once, in the order first reached
    for slot in walk.laid:
        if slot.is_more or (answered_only and slot.key not in walk.answers):
            continue
        section = sections.setdefault(slot.section, {
            "key": slot.section, "title": section_title(form, slot), "item": slot.item,
            "rows": []})  # fmt: skip
        value = walk.answers.get(slot.key)
        shown = display(slot, value, slot.scope(walk.answers), walk.context)
        rows_ = section["rows"]
        assert isinstance(rows_, list)
        rows_.append({
            "title": slot.step.title,
            "value": shown if slot.key in walk.answers else [],
            "missing": slot.step.required and value in (None, "", []),
            "lines": slot.step.kind is Kind.RECORD or (isinstance(value, list) and len(value) > 1),
        })  # fmt: skip
    return list(sections.values())


def pack(
    sections: list[dict[str, object]], title: Msg | None, summary: Msg, locale: str
) -> list[dict[str, object]]:
    """The review's parts: whole sections, as many as fit :data:`REVIEW_PART` each; the
    title heads the first part, the summary closes the last."""
    parts: list[list[dict[str, object]]] = [[]]
    for section in sections:
        trial = {"title": title if len(parts) == 1 else None, "summary": None,
                 "sections": [*parts[-1], section]}  # fmt: skip
        if parts[-1] and len(messages.render("form/review", locale, trial)) > REVIEW_PART:
            parts.append([])
        parts[-1].append(section)
    last = len(parts) - 1
    return [{"title": title if n == 0 else None, "summary": summary if n == last else None,
             "sections": part} for n, part in enumerate(parts)]  # fmt: skip


def sections(form: Form, person: Employee, walk: Walk) -> Reply:
    seen: list[Slot] = []
    for slot in walk.laid:
        if not slot.is_more and all(s.section != slot.section for s in seen):
            seen.append(slot)
    buttons = [
        Button(Msg("form/section_label", {"title": section_title(form, s), "item": s.item}),
               walk.token(f"sec.{s.section}"))
        for s in seen
    ]  # fmt: skip
    keyboard = [*rows(buttons, 2), (Button(Msg("label/to_review"), walk.token("review.")),)]
    return Reply(Msg("form/choose_section"), person.bahasa, tuple(keyboard), replace=True)


def confirm_delete(person: Employee, walk: Walk, group: Group, item: int) -> Reply:
    """ "Delete item 2 and its 13 answers?" — deleting is one press, losing them is not."""
    prefix = f"{group.key}.{item}."
    answered = [k for k, v in walk.answers.items() if k.startswith(prefix) and v is not None]
    keyboard = ((Button(Msg("label/delete_confirm", {"item": item}), walk.token(f"drop.{item}")),),
                (Button(Msg("label/to_review"), walk.token("review.")),))  # fmt: skip
    context = {"item": item, "answers": len([k for k in answered if not k.endswith(MORE)])}
    return Reply(Msg("form/confirm_delete", context), person.bahasa, keyboard, replace=True)


def section_steps(person: Employee, walk: Walk, section: str) -> Reply:
    chosen = [(n, s) for n, s in enumerate(walk.laid) if s.section == section and not s.is_more]
    buttons = [
        Button(Msg("form/step_label", {"title": s.step.title, "number": position}),
               walk.token(f"go.{n}"))
        for position, (n, s) in enumerate(chosen, start=1)
    ]  # fmt: skip
    keyboard = [(b,) for b in buttons]
    item = next((s.item for s in walk.laid if s.section == section), None)
    if item is not None:
        keyboard.append(
            (Button(Msg("label/delete_item", {"item": item}), walk.token(f"del.{item}")),)
        )
    keyboard.append((Button(Msg("label/to_review"), walk.token("review.")),))
    return Reply(Msg("form/choose_step"), person.bahasa, tuple(keyboard), replace=True)
