"""Turn the core's replies into text and buttons, ready for any channel to format."""

from __future__ import annotations

import re
from dataclasses import dataclass

import messages
from handlers.effects import Msg, Reply
from handlers.forms.labels import shorten
from messages import markup

TELEGRAM_TEXT_LIMIT = 4096
TAG_RESERVE = 40


@dataclass(frozen=True)
class Rendered:
    """A reply in the HTML subset of :mod:`messages`, with button rows of (label, payload)."""

    text: str
    buttons: tuple[tuple[tuple[str, str], ...], ...]
    nav: frozenset[str] = frozenset()  # payloads of the navigation buttons (back, skip, …)


LABEL_LIMIT = 64  # characters of a button label; longer ones are cut with "…"


def button_label(text: str) -> str:
    """Button labels are plain text on every channel (no HTML), and short."""
    return shorten(messages.to_plain_text(text), LABEL_LIMIT)  # between words, if ever


_LABELS: dict[tuple[str, str], str] = {}
_LABELS_KEPT = 20_000


def render_label(label: Msg, locale: str) -> str:
    """A button label, rendered once per text and language (labels repeat on every step)."""
    key = (locale, repr(label))
    found = _LABELS.get(key)
    if found is None:
        if len(_LABELS) >= _LABELS_KEPT:
            _LABELS.clear()
        found = _LABELS[key] = button_label(messages.render(label.template, locale, label.context))
    return found


def render_reply(reply: Reply) -> Rendered:
    rows = tuple(
        tuple((render_label(b.label, reply.locale), b.payload) for b in row)
        for row in reply.buttons
    )
    nav = frozenset(b.payload for row in reply.buttons for b in row if b.nav)
    text = messages.render(reply.text.template, reply.locale, reply.text.context)
    return Rendered(text, rows, nav)


def telegram_html(text: str) -> str:
    """A rendered text in Telegram's HTML: the neutral markup with the form's controls
    written as the commands Telegram users type (see :mod:`messages.markup`)."""
    if "<control" not in text:
        return text  # nothing to write differently: the subset is Telegram's HTML
    return markup.to_telegram(markup.parse(text), markup.TYPED_CONTROLS)


def utf16_units(text: str) -> int:
    """Telegram's length of ``text``: UTF-16 code units, 2 for a character beyond U+FFFF
    (most emoji), 1 for any other."""
    return len(text) if text.isascii() else len(text.encode("utf-16-le")) // 2


def split_text(text: str, limit: int = TELEGRAM_TEXT_LIMIT) -> list[str]:
    """Split a long text into parts of at most ``limit`` UTF-16 code units (what Telegram's
    4,096 counts: an emoji is two).

    Cuts fall at line breaks where possible (the break itself is dropped), never inside an
    entity, a tag or a character; a tag left open at a cut is closed there and reopened in
    the next part, so every part is valid HTML on its own.
    """
    reserve = min(TAG_RESERVE, limit // 2) if _TAG.search(text) else 0
    budget = limit - reserve  # room for closing and reopening tags at a cut
    pieces: list[str] = []
    current: str | None = None
    current_units = 0
    for line in text.split("\n"):
        line_units = utf16_units(line)
        while line_units > budget:
            if current is not None:
                pieces.append(current)
                current = None
            cut = safe_cut(line, budget)
            pieces.append(line[:cut])
            line_units -= utf16_units(line[:cut])
            line = line[cut:]
        if current is None:
            current, current_units = line, line_units
        elif current_units + 1 + line_units > budget:
            pieces.append(current)
            current, current_units = line, line_units
        else:
            current, current_units = f"{current}\n{line}", current_units + 1 + line_units
    if current is not None:
        pieces.append(current)
    # Telegram refuses a message that is only white space.
    return balance_tags([p for p in pieces if p.strip()] or pieces[:1])


def units_cut(line: str, limit: int) -> int:
    """The longest prefix of ``line`` (in characters) of at most ``limit`` UTF-16 units.

    Each step drops half the excess in characters (a character is one or two units), so it
    never drops more than needed and takes a few steps, not one per character.
    """
    cut = min(limit, len(line))
    while (excess := utf16_units(line[:cut]) - limit) > 0:
        cut -= (excess + 1) // 2
    return cut


def safe_cut(line: str, limit: int) -> int:
    """Where to cut ``line`` at or before ``limit`` UTF-16 units without splitting an entity,
    a tag or a character (Python slices whole characters: a surrogate pair stays whole)."""
    head = line[: units_cut(line, limit)]
    for opener, closer in (("&", ";"), ("<", ">")):
        start = head.rfind(opener)
        if start > 0 and closer not in head[start:]:
            head = head[:start]
    return len(head) or max(1, units_cut(line, limit))


_TAG = re.compile(r"<(/?)(b|i|u|s|code|pre)>")


def balance_tags(pieces: list[str]) -> list[str]:
    """Close the tags each piece leaves open and reopen them at the start of the next."""
    balanced: list[str] = []
    carried: list[str] = []
    for piece in pieces:
        stack = list(carried)
        for match in _TAG.finditer(piece):
            closing, name = match.groups()
            if not closing:
                stack.append(name)
            elif stack and stack[-1] == name:
                stack.pop()
        opening = "".join(f"<{name}>" for name in carried)
        closing_tags = "".join(f"</{name}>" for name in reversed(stack))
        balanced.append(f"{opening}{piece}{closing_tags}")
        carried = stack
    return balanced
