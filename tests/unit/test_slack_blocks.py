"""A reply as Slack blocks: every user value escaped (no mention, channel ping or link can
come from it), and Slack's limits kept — 3,000 characters a section, 75 a button's text,
25 elements an actions block, 50 blocks a message."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.channels.slack_blocks import (
    ACTION_ELEMENTS,
    BUTTON_TEXT,
    MESSAGE_BLOCKS,
    SECTION_TEXT,
    WRITE,
    answer_modal,
    slack_messages,
)
from handlers.effects import Button, Msg, Reply, TypedAnswer

MENTIONS = re.compile(r"<[@!#]|<https?:|<mailto:")


def every_text(reply: Reply) -> str:
    return "\n".join(b["text"]["text"] for m in slack_messages(reply) for b in m.blocks
                     if b["type"] == "section")  # fmt: skip


@settings(deadline=None, max_examples=200)
@given(st.text(alphabet=st.sampled_from("<>&@!|*_`:/ahtps.U0\n"), max_size=60))
def test_a_value_never_becomes_a_mention_or_a_link(value: str) -> None:
    reply = Reply(Msg("broadcast/message", {"text": value}), "id")
    shown = every_text(reply)
    assert not MENTIONS.search(shown)
    assert "<" not in shown and ">" not in shown  # the template has no link of its own
    [message] = slack_messages(reply)
    assert not MENTIONS.search(message.text)  # the notification's text, mrkdwn too


def test_a_long_text_is_cut_into_sections_that_fit() -> None:
    long = "\n".join(f"Baris {n}: " + "kata " * 60 for n in range(40))  # ~12,500 characters
    reply = Reply(Msg("broadcast/message", {"text": long}), "id")
    sections = [b for m in slack_messages(reply) for b in m.blocks if b["type"] == "section"]
    assert len(sections) >= 5
    assert all(len(s["text"]["text"]) <= SECTION_TEXT for s in sections)
    joined = "".join(s["text"]["text"] for s in sections).replace("\n", "")
    assert joined.count("Baris") == 40


def test_many_buttons_go_in_blocks_of_25_and_messages_of_50_blocks() -> None:
    buttons = tuple((Button(Msg("label/menu", {"command": f"x{n}" * 40}), f"p:{n}"),)
                    for n in range(52 * 25))  # fmt: skip
    reply = Reply(Msg("menu/nothing_to_cancel"), "id", buttons)
    found = slack_messages(reply)
    assert len(found) >= 2
    actions = [b for m in found for b in m.blocks if b["type"] == "actions"]
    elements = [e for b in actions for e in b["elements"]]
    assert len(elements) == 1300 and all(len(b["elements"]) <= ACTION_ELEMENTS for b in actions)
    assert all(len(m.blocks) <= MESSAGE_BLOCKS for m in found)
    assert all(len(e["text"]["text"]) <= BUTTON_TEXT for e in elements)
    assert [e["value"] for e in elements][:2] == ["p:0", "p:1"]  # the core's payloads
    assert len({e["action_id"] for e in elements}) == 1300  # unique within a message


def test_a_question_asking_for_text_offers_a_modal_with_its_prompt() -> None:
    prompt = Msg("form/error_empty")
    reply = Reply(Msg("form/error_empty"), "en", typed=TypedAnswer(prompt, long=True, limit=2000))
    [message] = slack_messages(reply)
    [writer] = [e for b in message.blocks if b["type"] == "actions" for e in b["elements"]]
    assert writer["action_id"] == WRITE and writer["text"]["text"] == "✍ Write the answer"
    modal = answer_modal(writer["value"])
    [field] = modal["blocks"]
    assert field["element"]["multiline"] is True and field["element"]["max_length"] == 2000
    assert field["label"]["text"] == "The answer is empty. Please type your answer."
    assert modal["private_metadata"] == "en"


def test_form_controls_are_named_as_the_buttons_are_in_slack() -> None:
    reply = Reply(Msg("form/help"), "id")
    shown = every_text(reply)
    assert "⬅ Kembali" in shown and "/kembali" not in shown
