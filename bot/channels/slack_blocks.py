"""The core's replies as Slack messages: neutral markup → mrkdwn sections, buttons → Block
Kit ``actions``, within Slack's limits (3,000 characters a section, 75 a button's text,
2,000 a button's value, 25 elements an actions block, 50 blocks a message); and the views
this channel adds: a modal for a typed answer or an invite code, and the App Home.

Every text goes through :func:`messages.markup.to_slack`, which escapes ``&``, ``<`` and
``>`` of every value: nothing a person typed becomes a mention, a channel ping or a link.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import messages
from bot.outgoing import render_label, render_reply
from handlers.effects import Msg, Reply
from handlers.forms.labels import shorten
from messages import markup

SECTION_TEXT = 3000  # characters of a section's text
BUTTON_TEXT = 75  # characters of a button's text
BUTTON_VALUE = 2000  # characters of a button's value
ACTION_ELEMENTS = 25  # elements of one actions block
MESSAGE_BLOCKS = 50  # blocks of one message
HOME_BLOCKS = 100  # blocks of the App Home view
MODAL_TITLE = 24  # characters of a modal's title
INPUT_LABEL = 2000  # characters of an input's label
INPUT_TEXT = 3000  # characters a plain-text input takes
FALLBACK_TEXT = 3000  # characters of the notification text under the blocks

PRESS = "idp"  # action_id prefix of a button carrying the core's payload: "idp:<n>"
WRITE = "idp_write"  # opens the modal for a typed answer
CODE = "idp_code"  # opens the modal for an invite code (App Home, unbound)
ANSWER_VIEW, CODE_VIEW = "idp_answer", "idp_code"  # callback ids of the modals
ANSWER_INPUT = "answer"  # block and action id of the modal's text input
CONTROLS = ("back", "skip", "pause")

Block = dict[str, Any]


@dataclass(frozen=True)
class SlackMessage:
    """One ``chat.postMessage``: the fallback text (notifications) and the blocks."""

    text: str
    blocks: list[Block]


def controls(locale: str) -> dict[str, str]:
    """A form's controls, named as Slack shows them: the buttons' labels."""
    return {name: render_label(Msg(f"label/{name}"), locale) for name in CONTROLS}


def plain(text: str, limit: int) -> dict[str, Any]:
    return {"type": "plain_text", "text": shorten(text, limit) or "…", "emoji": True}


def sections(neutral: str, locale: str) -> list[Block]:
    """A text in the neutral markup as mrkdwn sections of at most 3,000 characters."""
    words = controls(locale)

    def render(document: markup.Document) -> str:
        return markup.to_slack(document, words)

    parts = markup.split(markup.parse(neutral), SECTION_TEXT, render)
    found = [render(part) for part in parts]
    return [{"type": "section", "text": {"type": "mrkdwn", "text": text}}
            for text in found if text.strip()]  # fmt: skip


def button(label: str, action_id: str, value: str) -> Block:
    if len(value) > BUTTON_VALUE:
        raise ValueError(f"button value over {BUTTON_VALUE} characters")
    return {"type": "button", "text": plain(label, BUTTON_TEXT), "action_id": action_id,
            "value": value}  # fmt: skip


def write_button(reply: Reply) -> Block | None:
    """The button that opens a modal for the typed answer the reply asks for; its value
    carries what the modal needs: ``L|S`` (long or not), the locale, the limit, the label."""
    typed = reply.typed
    if typed is None:
        return None
    prompt = messages.render(typed.prompt.template, reply.locale, typed.prompt.context)
    label = shorten(messages.to_plain_text(prompt), BUTTON_VALUE - 10)
    limit = min(typed.limit or INPUT_TEXT, INPUT_TEXT)
    value = f"{'L' if typed.long else 'S'}{reply.locale}{limit:05d}{label}"
    return button(messages.render("slack/write", reply.locale), WRITE, value)


def action_blocks(reply: Reply) -> list[Block]:
    """The reply's buttons: its answers first, then its navigation, 25 to a block."""
    rendered = render_reply(reply)
    answers: list[Block] = []
    navigation: list[Block] = []
    number = 0
    for row in rendered.buttons:
        for label, payload in row:
            target = navigation if payload in rendered.nav else answers
            target.append(button(label, f"{PRESS}:{number}", payload))
            number += 1
    typed = write_button(reply)
    if typed is not None:
        answers.append(typed)
    blocks = []
    for group in (answers, navigation):
        for start in range(0, len(group), ACTION_ELEMENTS):
            blocks.append({"type": "actions", "elements": group[start : start + ACTION_ELEMENTS]})
    return blocks


def slack_messages(reply: Reply) -> list[SlackMessage]:
    """The reply as one message, or several when its blocks exceed 50 (the buttons under
    the last)."""
    rendered = render_reply(reply)
    texts = sections(rendered.text, reply.locale)
    actions = action_blocks(reply)
    # Slack reads the fallback as mrkdwn too (notifications): escaped like every text
    fallback = markup.slack_escape(shorten(messages.to_plain_text(rendered.text), FALLBACK_TEXT))
    fallback = fallback or "…"
    blocks = texts + actions
    if not blocks:
        return [SlackMessage(fallback, [])]
    found = []
    for start in range(0, len(blocks), MESSAGE_BLOCKS):
        found.append(SlackMessage(fallback, blocks[start : start + MESSAGE_BLOCKS]))
    return found


def answer_modal(value: str) -> dict[str, Any]:
    """The modal for a typed answer, from the value of its :func:`write_button`."""
    long, locale, limit, label = value[0] == "L", value[1:3], int(value[3:8]), value[8:]
    return {
        "type": "modal", "callback_id": ANSWER_VIEW, "private_metadata": locale,
        "title": plain(messages.render("slack/modal_title", locale), MODAL_TITLE),
        "submit": plain(messages.render("slack/modal_submit", locale), MODAL_TITLE),
        "close": plain(messages.render("slack/modal_close", locale), MODAL_TITLE),
        "blocks": [{"type": "input", "block_id": ANSWER_INPUT, "label": plain(label, INPUT_LABEL),
                    "element": {"type": "plain_text_input", "action_id": ANSWER_INPUT,
                                "multiline": long, "min_length": 1, "max_length": limit}}],
    }  # fmt: skip


def code_modal(locale: str) -> dict[str, Any]:
    """The modal where an unbound person types their invite code."""
    return {
        "type": "modal", "callback_id": CODE_VIEW, "private_metadata": locale,
        "title": plain(messages.render("slack/modal_title", locale), MODAL_TITLE),
        "submit": plain(messages.render("slack/modal_submit", locale), MODAL_TITLE),
        "close": plain(messages.render("slack/modal_close", locale), MODAL_TITLE),
        "blocks": [{"type": "input", "block_id": ANSWER_INPUT,
                    "label": plain(messages.render("slack/code_label", locale), INPUT_LABEL),
                    "element": {"type": "plain_text_input", "action_id": ANSWER_INPUT,
                                "max_length": 64}}],
    }  # fmt: skip


def home_view(reply: Reply, bound: bool) -> dict[str, Any]:
    """The App Home: the home reply's text and buttons; unbound, how to bind and a button
    to type the invite code."""
    blocks = sections(render_reply(reply).text, reply.locale) + action_blocks(reply)
    if not bound:
        label = messages.render("slack/code_button", reply.locale)
        blocks.append({"type": "actions", "elements": [button(label, CODE, reply.locale)]})
    return {"type": "home", "blocks": blocks[:HOME_BLOCKS]}


def submitted_text(view: dict[str, Any]) -> str:
    """What was typed in a modal's input."""
    values = view.get("state", {}).get("values", {})
    return str(values.get(ANSWER_INPUT, {}).get(ANSWER_INPUT, {}).get("value") or "")
