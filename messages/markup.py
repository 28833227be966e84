"""The neutral markup of every template, parsed into a document each channel renders.

Templates write a tiny HTML subset — ``<b>``, ``<i>``, ``<code>``, ``<a href="…">`` and line
breaks (a blank line between paragraphs, ``• `` at the start of a list item), plus
``<control name="back|skip|pause"/>`` where a form's control is named (each channel says it
its own way) — and every value is escaped on the way in (Jinja autoescape). That subset IS
the neutral markup: Telegram takes it as HTML (its controls written as commands), and
:func:`parse` reads it into :class:`Line`s of :class:`Span`s, which :func:`to_telegram`,
:func:`to_plain` and :func:`to_slack` write in each channel's format. A user's value is
only ever text in a span, so no renderer can turn it into a tag, a link or (in Slack) a
mention. :func:`split` cuts a long document for a channel's length limit
between lines, or inside a line between characters of a span — never inside a tag or an
entity of the channel's own format, since each part is rendered whole.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from functools import partial

Style = frozenset[str]  # of "b", "i", "code"
STYLES = ("b", "i", "code")
_TOKEN = re.compile(r'<(/?)(b|i|code)>|<a href="([^"<>]*)">|</a>|<control name="(\w+)"/>')

# How a channel that takes typed commands says the form's controls (Telegram, the terminal):
# the conversation understands these words. A channel without commands (Slack) names the
# button instead.
TYPED_CONTROLS = {"back": "/kembali", "skip": "/lewati", "pause": "/batal"}


@dataclass(frozen=True)
class Span:
    """Text (plain, unescaped) in some styles, maybe a link."""

    text: str
    style: Style = frozenset()
    href: str | None = None
    control: str | None = None  # a form control (back, skip, pause): the channel's word


@dataclass(frozen=True)
class Line:
    spans: tuple[Span, ...] = ()

    @property
    def text(self) -> str:
        return "".join(span.text for span in self.spans)


Document = tuple[Line, ...]


def parse(markup: str) -> Document:
    """Read a rendered template. Anything outside the subset stays text (autoescape made
    every value's ``<`` an ``&lt;``, so only the template's own tags are tags)."""
    lines: list[Line] = []
    style: set[str] = set()
    href: str | None = None
    spans: list[Span] = []

    def add(text: str) -> None:
        for index, piece in enumerate(html.unescape(text).split("\n")):
            if index:
                lines.append(Line(tuple(spans)))
                spans.clear()
            if piece:
                spans.append(Span(piece, frozenset(style), href))

    position = 0
    for match in _TOKEN.finditer(markup):
        add(markup[position : match.start()])
        position = match.end()
        closing, name, link, control = match.groups()
        if control is not None:
            spans.append(Span("", frozenset(style), href, control))
        elif name is not None:
            (style.discard if closing else style.add)(name)
        else:
            href = html.unescape(link) if link is not None else None
    add(markup[position:])
    lines.append(Line(tuple(spans)))
    return tuple(lines)


def with_controls(document: Document, words: Mapping[str, str]) -> Document:
    """``document`` with each control written as the channel's word for it."""
    return tuple(
        Line(tuple(replace(s, text=words[s.control], control=None) if s.control else s
                   for s in line.spans))
        for line in document
    )  # fmt: skip


def _write(
    document: Document,
    escape: Callable[[str], str],
    wrap: Callable[[str, Span], str],
) -> str:
    return "\n".join("".join(wrap(escape(s.text), s) for s in line.spans) for line in document)


def _telegram_span(text: str, span: Span) -> str:
    for name in STYLES:
        if name in span.style:
            text = f"<{name}>{text}</{name}>"
    if span.href is not None:
        text = f'<a href="{html.escape(span.href, quote=True)}">{text}</a>'
    return text


def to_telegram(document: Document, controls: Mapping[str, str] = TYPED_CONTROLS) -> str:
    """Telegram's HTML parse mode: ``&``, ``<``, ``>`` of every text escaped."""
    escape = partial(html.escape, quote=False)
    return _write(with_controls(document, controls), escape, _telegram_span)


def _plain_span(text: str, span: Span) -> str:
    if span.href is not None and span.href != text:
        return f"{text} ({span.href})"
    return text


def to_plain(document: Document, controls: Mapping[str, str] = TYPED_CONTROLS) -> str:
    """Plain text (the terminal): styles dropped, a link as ``text (address)``."""
    return _write(with_controls(document, controls), str, _plain_span)


def slack_escape(text: str) -> str:
    """What Slack requires of any text in mrkdwn: ``&``, ``<``, ``>`` as entities, so no
    ``<@U…>``, ``<!channel>`` or ``<http…|…>`` can come from a user's value."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


_SLACK_MARKS = {"b": "*", "i": "_", "code": "`"}


def _slack_span(text: str, span: Span) -> str:
    """Marks hug the text: Slack shows ``*bold *`` as it is, so the spaces go outside."""
    core = text.strip()
    if not core:
        return text
    start = text.index(core)
    before, after = text[:start], text[start + len(core) :]
    for name in STYLES:
        if name in span.style:
            mark = _SLACK_MARKS[name]
            core = f"{mark}{core}{mark}"
    if span.href is not None:
        core = f"<{slack_escape(span.href).replace('|', '%7C')}|{core}>"
    return f"{before}{core}{after}"


def to_slack(document: Document, controls: Mapping[str, str]) -> str:
    """Slack's mrkdwn: ``*bold*``, ``_italic_``, ```code```, ``<url|text>``; ``controls``:
    how the channel names the form's controls (there: the buttons' labels)."""
    return _write(with_controls(document, controls), slack_escape, _slack_span)


def split(
    document: Document,
    limit: int,
    render: Callable[[Document], str],
    measure: Callable[[str], int] = len,
) -> list[Document]:
    """``document`` in parts whose rendering measures at most ``limit``: whole lines where
    they fit (a part never starts with a blank line), a line too long for one part cut
    between characters of its spans."""
    parts: list[Document] = []
    current: list[Line] = []
    for line in document:
        for piece in _fitting_pieces(line, limit, render, measure):
            if current and measure(render((*current, piece))) > limit:
                parts.append(tuple(current))
                current = []
            if current or piece.text.strip():
                current.append(piece)
    if current or not parts:
        parts.append(tuple(current))
    return parts


def _fitting_pieces(
    line: Line, limit: int, render: Callable[[Document], str], measure: Callable[[str], int]
) -> list[Line]:
    """``line`` itself when it fits; else cut in two (by characters) until each piece fits."""
    if measure(render((line,))) <= limit or len(line.text) <= 1:
        return [line]
    head, tail = _cut(line, len(line.text) // 2)
    return _fitting_pieces(head, limit, render, measure) + _fitting_pieces(
        tail, limit, render, measure
    )


def _cut(line: Line, at: int) -> tuple[Line, Line]:
    head: list[Span] = []
    tail: list[Span] = []
    seen = 0
    for span in line.spans:
        if seen + len(span.text) <= at:
            head.append(span)
        elif seen >= at:
            tail.append(span)
        else:
            keep = at - seen
            head.append(replace(span, text=span.text[:keep]))
            tail.append(replace(span, text=span.text[keep:]))
        seen += len(span.text)
    return Line(tuple(head)), Line(tuple(tail))
