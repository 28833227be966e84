"""Button labels that fit: short, cut between words, with the full text in the message.

A channel shows a button's label on one line (Telegram cuts it at 64 characters, mid-word:
"…kesenjangan kompetens…"). A question whose choices do not all fit :data:`BUTTON_TEXT`
lists them in full, numbered, in its message; its buttons then carry each choice's short
label (:attr:`Choice.short`) or its number and its first words.
"""

from __future__ import annotations

from collections.abc import Sequence

import messages
from handlers.effects import Msg
from handlers.forms.model import Choice

BUTTON_TEXT = 40  # characters of a label shown whole on a button; longer ones are listed
TYPED_TEXT = 30  # characters of an own-words entry on its ✖ button


def plain(label: Msg, locale: str) -> str:
    return messages.to_plain_text(messages.render(label.template, locale, label.context))


def shorten(text: str, limit: int) -> str:
    """``text`` at most ``limit`` characters, cut after a whole word and marked "…"."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space >= limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,.;:(–-/") + "…"


def needs_listing(options: Sequence[Choice], locale: str) -> bool:
    """Whether the choices are listed in the message (some label is too long, or a choice
    has a short label of its own)."""
    return any(o.short is not None or len(plain(o.label, locale)) > BUTTON_TEXT for o in options)


def button_text(option: Choice, number: int, locale: str) -> str:
    """A listed choice's button: its short label, else its number and its first words."""
    if option.short is not None:
        return shorten(plain(option.short, locale), BUTTON_TEXT)
    return shorten(f"{number}. {plain(option.label, locale)}", BUTTON_TEXT)
