"""Every user-facing text: Jinja2 templates under ``messages/<locale>/`` and one render().

Templates write the neutral markup, a tiny HTML subset: ``<b>``, ``<i>``, ``<code>``,
``<a href="…">``, line breaks (a blank line between paragraphs) and ``• `` opening a list
item — and every value is HTML-escaped on the way in (autoescape), so a value is always text.
:mod:`messages.markup` parses it into a document that each channel renders in its own format:
Telegram's HTML, plain text in the terminal (:func:`to_plain_text`), Slack's mrkdwn. See
``docs/markup.md``. Words that depend on the channel (how to go back, skip or pause) are not
written in templates: the channel supplies them.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

LOCALES = ("id", "en")
DEFAULT_LOCALE = "id"
ROOT = Path(__file__).parent

MONTHS = {
    "id": ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
           "September", "Oktober", "November", "Desember"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"),
}  # fmt: skip


def format_date(value: date | datetime, locale: str) -> str:
    """``29 November 2026`` in the person's language (``29 Desember 2026`` in Indonesian)."""
    return f"{value.day} {MONTHS[locale][value.month - 1]} {value.year}"


def format_number(value: int, locale: str) -> str:
    """``10.000`` in Indonesian, ``10,000`` in English."""
    text = f"{value:,}"
    return text.replace(",", ".") if locale == "id" else text


def format_count(value: int, locale: str, singular: str, plural: str | None = None) -> str:
    """``1 item`` / ``2 items`` in English (``plural`` when it is not ``singular`` + s);
    Indonesian nouns do not change, so there it is the number and ``singular``."""
    if locale == "en" and value != 1:
        return f"{format_number(value, locale)} {plural or singular + 's'}"
    return f"{format_number(value, locale)} {singular}"


_SERVICE = re.compile(r"^(\d+) tahun (\d+) bulan$")


def format_service(value: Any, locale: str) -> Any:
    """Masa kerja as stored ("3 tahun 0 bulan") in the reader's language; other values as
    they are (the filter runs over every field of a record)."""
    match = _SERVICE.match(value) if isinstance(value, str) and locale == "en" else None
    if match is None:
        return value
    years, months = int(match.group(1)), int(match.group(2))
    return f"{years} year{'s' * (years != 1)} {months} month{'s' * (months != 1)}"


@cache
def environment(locale: str) -> Environment:
    env = Environment(
        loader=FileSystemLoader(ROOT / locale),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.filters["date"] = lambda value: format_date(value, locale)
    env.filters["number"] = lambda value: format_number(value, locale)
    env.filters["counted"] = lambda value, singular, plural=None: format_count(
        value, locale, singular, plural
    )
    env.filters["service"] = lambda value: format_service(value, locale)
    env.globals["show"] = lambda piece: show(piece, locale)
    # a text that keeps the regulation's Indonesian wording (the SKP's e-Kinerja fields)
    env.globals["show_id"] = lambda piece: show(piece, DEFAULT_LOCALE)
    env.globals["show_all"] = lambda pieces, sep="; ": escape(sep).join(
        show(piece, locale) for piece in pieces
    )
    return env


def show(piece: Any, locale: str) -> Markup:
    """Inside a template: a nested text (anything with ``template`` and ``context``, such as
    handlers.effects.Msg) rendered in the same language, or a plain value escaped."""
    if piece is None:
        return Markup("")
    if hasattr(piece, "template") and hasattr(piece, "context"):
        return Markup(render(piece.template, locale, piece.context))  # noqa: S704 - escaped by its own render
    return escape(piece)


def render(name: str, locale: str, context: dict[str, Any] | None = None) -> str:
    """Render ``messages/<locale>/<name>.j2``; unknown locales fall back to Indonesian."""
    env = environment(locale if locale in LOCALES else DEFAULT_LOCALE)
    return env.get_template(f"{name}.j2").render(**(context or {})).strip()


def template_names(locale: str) -> list[str]:
    """Every template of a locale, as render() names them."""
    base = ROOT / locale
    return sorted(str(p.relative_to(base).with_suffix("")) for p in base.rglob("*.j2"))


def to_plain_text(text: str) -> str:
    """The rendered markup as plain text, for the terminal."""
    from messages.markup import parse, to_plain

    return to_plain(parse(text))
