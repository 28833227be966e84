"""Long replies are split into Telegram-sized parts without breaking the HTML in them."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.outgoing import (
    TELEGRAM_TEXT_LIMIT,
    Rendered,
    render_reply,
    safe_cut,
    split_text,
    utf16_units,
)
from handlers import menu
from tests.unit.fakes import employee

WELL_FORMED = re.compile(r"(?:&amp;|</?b>|[^&<>;])*")


def rebuild(text: str, parts: list[str]) -> str:
    """Put the parts back as the splitter cut them: glued inside a line, with "\\n" between
    lines. Fails if a part is not where it should be in ``text``."""
    position = 0
    for part in parts:
        if not text.startswith(part, position) and text.startswith("\n" + part, position):
            position += 1
        assert text.startswith(part, position), f"{part!r} is not next at {position}"
        position += len(part)
    return text[:position]


def test_a_short_text_is_one_part_unchanged() -> None:
    text = "<b>Halo, Budi.</b>\n\nYang bisa Anda lakukan: /profil"
    assert split_text(text) == [text]


def test_a_text_of_exactly_the_limit_is_not_split() -> None:
    assert split_text("a" * TELEGRAM_TEXT_LIMIT) == ["a" * TELEGRAM_TEXT_LIMIT]


def test_a_10000_character_line_becomes_parts_of_at_most_4096() -> None:
    text = "x" * 10_000
    parts = split_text(text)
    assert [len(p) for p in parts] == [4096, 4096, 1808]
    assert "".join(parts) == text


def test_many_short_lines_are_split_at_line_breaks() -> None:
    lines = [f"{i:04d} Budi Santoso &amp; <b>Dewi</b>" for i in range(400)]
    text = "\n".join(lines)
    parts = split_text(text)
    assert len(parts) > 1
    assert all(len(p) <= TELEGRAM_TEXT_LIMIT for p in parts)
    assert "\n".join(parts) == text
    assert all(set(p.split("\n")) <= set(lines) for p in parts), "no line was cut"


def test_a_long_line_is_never_cut_inside_an_entity() -> None:
    text = "a" * 4094 + "&amp;" + "b" * 10
    parts = split_text(text)
    assert parts == ["a" * 4094, "&amp;" + "b" * 10]


def test_an_emoji_heavy_text_is_split_by_telegrams_count_of_utf16_units() -> None:
    # From probing the bot: 3,297 characters, 5,287 UTF-16 units: one "short" part Telegram
    # refuses as too long.
    text = "Selamat, Budi! 🎉" * 50 + "😀" * 1940 + "a" * 557
    assert (len(text), utf16_units(text)) == (3297, 5287)
    parts = split_text(text)
    assert len(parts) == 2
    assert all(utf16_units(p) <= TELEGRAM_TEXT_LIMIT for p in parts)
    assert "".join(parts) == text


def test_an_emoji_at_the_limit_goes_whole_into_the_next_part() -> None:
    text = "a" + "😀" * 2048  # 4,097 units
    assert split_text(text) == ["a" + "😀" * 2047, "😀"]


def test_short_lines_of_emoji_are_joined_by_units_not_characters() -> None:
    lines = ["😀" * 100] * 30  # 3,029 characters, 6,029 units
    parts = split_text("\n".join(lines))
    assert [p.count("\n") + 1 for p in parts] == [20, 10]
    assert all(utf16_units(p) <= TELEGRAM_TEXT_LIMIT for p in parts)


def test_a_tag_pair_cut_by_a_split_is_closed_and_reopened() -> None:
    text = "a" * 4050 + "<b>" + "bold " * 20 + "</b> end"
    parts = split_text(text)
    assert len(parts) == 2 and all(len(p) <= TELEGRAM_TEXT_LIMIT for p in parts)
    assert parts[0].endswith("</b>") and parts[1].startswith("<b>")
    assert all(balanced(p) for p in parts)
    assert strip_tags("".join(parts)) == strip_tags(text)


def balanced(part: str) -> bool:
    depth = 0
    for closing in re.findall(r"<(/?)b>", part):
        depth += -1 if closing else 1
        if depth < 0:
            return False
    return depth == 0


def strip_tags(text: str) -> str:
    return re.sub(r"</?b>", "", text)


def visible(text: str) -> str:
    return re.sub(r"\s", "", strip_tags(text))


@pytest.mark.parametrize(
    ("line", "limit", "cut"),
    [
        ("abcdef", 4, 4),  # plain text: cut at the limit
        ("ab&amp;cd", 5, 2),  # "&am" would be cut: cut before "&"
        ("ab&amp;cd", 7, 7),  # the entity ends before the limit
        ("ab<b>cd", 4, 2),  # "<b" would be cut: cut before "<"
        ("ab</b>cd", 5, 2),
        ("ab<b>&amp;", 8, 5),  # an entity after a tag: cut between them
        ("&amp;&amp;", 7, 5),
        ("ab😀cd", 3, 2),  # the emoji's two units do not fit: cut before it
        ("ab😀cd", 4, 3),
        ("😀😀&amp;", 6, 2),  # two emoji fill four units; "&am" would be cut
    ],
)
def test_safe_cut_backs_off_to_before_a_half_entity_or_tag(line: str, limit: int, cut: int) -> None:
    assert safe_cut(line, limit) == cut


def test_a_line_that_cannot_be_cut_safely_is_still_cut_at_the_limit() -> None:
    # An entity longer than the limit leaves no safe place: progress beats an endless loop.
    assert safe_cut("&amp;", 3) == 3


PLAIN = st.lists(st.sampled_from(["a", "b", "Z", " ", "\n", "&amp;", "😀", "é"]), max_size=12).map(
    "".join
)
SEGMENT = st.one_of(PLAIN, PLAIN.map(lambda inner: f"<b>{inner}</b>"))
NO_NEWLINE_TOKENS = st.sampled_from(
    ["a", "b", "Z", "&amp;", "😀", "👍🏽"]
)  # no spaces: see visible()
LINES = st.lists(st.lists(NO_NEWLINE_TOKENS, min_size=1).map("".join), min_size=1)


@given(text=st.lists(SEGMENT, max_size=30).map("".join), limit=st.integers(16, 60))
def test_any_text_splits_into_short_well_formed_parts_keeping_every_visible_character(
    text: str, limit: int
) -> None:
    parts = split_text(text, limit)
    assert parts
    for part in parts:
        assert utf16_units(part) <= limit
        assert WELL_FORMED.fullmatch(part), f"cut inside an entity or tag: {part!r}"
        assert balanced(part), f"unbalanced tags: {part!r}"
    # White space may go (Telegram refuses a part that is only white space); nothing else.
    assert visible("".join(parts)) == visible(text)


@given(lines=LINES, limit=st.integers(5, 40))
def test_text_without_tags_is_rebuilt_exactly_from_its_parts(lines: list[str], limit: int) -> None:
    text = "\n".join(lines)
    assert rebuild(text, split_text(text, limit)) == text


@pytest.mark.parametrize("text", ["a" * 10 + "\n\nb", "\n\nabc"])
def test_blank_lines_at_a_split_are_kept(text: str) -> None:
    assert rebuild(text, split_text(text, 10)) == text


def test_a_reply_with_buttons_renders_text_and_labels_in_the_persons_language() -> None:
    budi = employee(1, "Budi Santoso", "199004172015031003", bahasa="en")
    rendered = render_reply(menu.language_choice(budi))
    assert isinstance(rendered, Rendered)
    assert rendered.text == "Choose a language:"
    assert rendered.buttons == ((("Bahasa Indonesia", "lang:id"), ("English", "lang:en")),)
