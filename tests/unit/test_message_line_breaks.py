"""Every sample of every template, rendered in both languages, keeps its line breaks: the
environment's ``trim_blocks`` eats the newline after a block tag, so a template that needs
one there writes ``+%}``; without it a list runs into its title ("Jadwal 2027• Budi")."""

from __future__ import annotations

import re

import pytest

import messages
from tests.unit.test_messages import SAMPLE_CONTEXTS

GLUED = (
    re.compile(r"\S ?• "),  # a bullet in the middle of a line
    re.compile(r"[a-z.)][A-Z][a-z]{2}"),  # a sentence starting right after another's end
)
NAMES_IN_CAMEL_CASE = re.compile(r"ConnectError|BotFather|ReadTimeout|TimedOut")
SEPARATE_LINES = {
    "dialog/schedule/listing": 3,
    "dialog/window/overview": 4,
    "dialog/team/nudge_window": 4,
    "dialog/team/history": 4,
    "dialog/priorities_imported": 5,
    "form1/prompt/rating": 3,
}


@pytest.mark.parametrize("locale", ["id", "en"])
@pytest.mark.parametrize("name", sorted(SAMPLE_CONTEXTS))
def test_no_line_runs_into_the_next(name: str, locale: str) -> None:
    text = messages.to_plain_text(messages.render(name, locale, SAMPLE_CONTEXTS[name]))
    for line in NAMES_IN_CAMEL_CASE.sub("", text).splitlines():
        glued = [pattern.pattern for pattern in GLUED if pattern.search(line)]
        assert not glued, f"{name} ({locale}): {line!r}"


@pytest.mark.parametrize("locale", ["id", "en"])
@pytest.mark.parametrize("name", sorted(SEPARATE_LINES))
def test_lists_put_each_entry_on_its_own_line(name: str, locale: str) -> None:
    text = messages.to_plain_text(messages.render(name, locale, SAMPLE_CONTEXTS[name]))
    assert len(text.strip().splitlines()) >= SEPARATE_LINES[name], text
