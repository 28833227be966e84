"""Turn the core's replies into text and buttons, ready for any channel to format."""

from __future__ import annotations

from dataclasses import dataclass

import messages
from handlers.effects import Reply

TELEGRAM_TEXT_LIMIT = 4096


@dataclass(frozen=True)
class Rendered:
    """A reply in the HTML subset of :mod:`messages`, with button rows of (label, payload)."""

    text: str
    buttons: tuple[tuple[tuple[str, str], ...], ...]


def render_reply(reply: Reply) -> Rendered:
    rows = tuple(
        tuple(
            (messages.render(b.label.template, reply.locale, b.label.context), b.payload)
            for b in row
        )
        for row in reply.buttons
    )
    return Rendered(messages.render(reply.text.template, reply.locale, reply.text.context), rows)


def split_text(text: str, limit: int = TELEGRAM_TEXT_LIMIT) -> list[str]:
    """Split a long text into parts of at most ``limit`` characters, at line breaks if any."""
    parts: list[str] = []
    current = ""
    for line in text.split("\n"):
        while len(line) > limit:
            if current:
                parts.append(current)
                current = ""
            cut = safe_cut(line, limit)
            parts.append(line[:cut])
            line = line[cut:]
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) > limit:
            parts.append(current)
            current = line
        else:
            current = candidate
    if current or not parts:
        parts.append(current)
    return parts


def safe_cut(line: str, limit: int) -> int:
    """Where to cut ``line`` at or before ``limit`` without splitting an entity or a tag."""
    head = line[:limit]
    for opener, closer in (("&", ";"), ("<", ">")):
        start = head.rfind(opener)
        if start > 0 and closer not in head[start:]:
            head = head[:start]
    return len(head) or limit
