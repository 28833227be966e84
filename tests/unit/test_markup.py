"""The neutral markup: any user value, rendered through a template in any channel, stays text
— no unbalanced tag, no injected link, tag or (in Slack) mention — and long texts split at a
channel's limit into parts that each render whole."""

from __future__ import annotations

import re
from functools import partial
from html.parser import HTMLParser

from hypothesis import given, settings
from hypothesis import strategies as st
from jinja2 import Environment

import messages
from messages.markup import (
    TYPED_CONTROLS,
    Line,
    Span,
    parse,
    split,
    to_plain,
    to_slack,
    to_telegram,
)

ENV = Environment(autoescape=True)
SLACK_CONTROLS = {"back": "◀ Kembali", "skip": "⏭ Lewati", "pause": "⏸ Berhenti"}  # buttons
TEMPLATE = ENV.from_string(
    "<b>Halo, {{ v }}</b>\n\n<i>{{ v }}</i> · <code>{{ v }}</code> · "
    '<a href="https://idp.go.id/">{{ v }}</a>'
)
TOKENS = [*"<>&\"'|*_`~!@#:/ \nabcU1", "<!channel>", "<@U1>", "&amp;", "<b>", "</a>"]
values = st.lists(st.sampled_from(TOKENS), max_size=20).map("".join)


class TagBalance(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.seen: list[str] = []
        self.links: list[str] = []
        self.text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack.append(tag)
        self.seen.append(tag)
        if tag == "a":
            self.links.append(dict(attrs)["href"] or "")

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes {self.stack}"
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text += data


@settings(deadline=None)
@given(values)
def test_a_value_is_only_text_in_telegram(value: str) -> None:
    out = to_telegram(parse(TEMPLATE.render(v=value)))
    checker = TagBalance()
    checker.feed(out)
    checker.close()
    assert checker.stack == []
    assert set(checker.seen) <= {"a", "b", "code", "i"}, "only the template's tags"
    pieces = [piece for piece in value.split("\n") if piece]  # a line break ends a link
    assert checker.links == ["https://idp.go.id/"] * len(pieces)
    assert value.replace("\n", "") in checker.text.replace("\n", "")


@settings(deadline=None)
@given(values)
def test_a_value_cannot_make_a_slack_link_or_mention(value: str) -> None:
    out = to_slack(parse(TEMPLATE.render(v=value)), SLACK_CONTROLS)
    # every "<" Slack sees opens the template's one link, and every ">" closes it
    pieces = [piece for piece in value.split("\n") if piece.strip()]  # a line break ends a link
    assert re.findall(r"<([^<>|]*)\|[^<>]*>", out) == ["https://idp.go.id/"] * len(pieces)
    assert out.count("<") == out.count(">") == len(pieces)


@settings(deadline=None)
@given(values)
def test_the_terminal_reads_the_value_as_typed(value: str) -> None:
    out = to_plain(parse(TEMPLATE.render(v=value)))
    assert out.startswith(f"Halo, {value}") or "\n" in value


@settings(deadline=None)  # a long document on a busy machine: correctness, not speed
@given(st.lists(values, min_size=1, max_size=30), st.integers(min_value=30, max_value=200))
def test_every_part_fits_and_renders_whole(lines: list[str], limit: int) -> None:
    text = "\n".join(TEMPLATE.render(v=v.replace("\n", " ")) for v in lines)
    document = parse(text)
    for render in (to_telegram, partial(to_slack, controls=SLACK_CONTROLS), to_plain):
        parts = split(document, limit, render)
        for part in parts:
            assert len(render(part)) <= limit or (len(part) == 1 and len(part[0].text) <= 1)
        rejoined = "".join(line.text for part in parts for line in part)
        whole = "".join(line.text for line in document)
        assert "".join(rejoined.split()) == "".join(whole.split()), "only blank lines dropped"


def test_slack_marks_hug_the_text() -> None:
    line = Line((Span("Rapat ", frozenset({"b"})), Span("Senin", frozenset({"i"}))))
    assert to_slack((line,), SLACK_CONTROLS) == "*Rapat* _Senin_"


def test_each_channel_says_the_controls_its_own_way() -> None:
    text = messages.render("form/help", "id")
    assert "/kembali" not in text, "the template names the control, not a command"
    document = parse(text)
    assert "/kembali ke pertanyaan sebelumnya" in to_telegram(document)
    assert "/lewati" in to_plain(document) and "/batal" in to_plain(document)
    slack = to_slack(document, SLACK_CONTROLS)
    assert "◀ Kembali ke pertanyaan sebelumnya" in slack and "/kembali" not in slack
    assert to_telegram(document) == to_telegram(document, TYPED_CONTROLS)


def test_templates_keep_to_the_subset() -> None:
    pattern = re.compile(
        r"<(?!/?(?:b|i|code)>|a href=\"|/a>|control name=\"(?:back|skip|pause)\"/>)"
    )
    for locale in messages.LOCALES:
        for name in messages.template_names(locale):
            source = (messages.ROOT / locale / f"{name}.j2").read_text()
            bare = re.sub(r"\{[{%#].*?[}%#]\}", "", source, flags=re.S)
            assert not pattern.search(bare), f"{locale}/{name}: a tag outside the markup"
