"""A reply in Slack's form: mrkdwn sections of at most 3,000 characters, a few to a message,
and the buttons as Block Kit ``actions`` under the last message.

Every user value is escaped by :func:`messages.markup.to_slack` (no mention, no link can come
from it); the form's controls are named by their buttons' labels (Slack has no typed
commands). A button carries our payload as its ``value`` (as Telegram's callback data) and
``idp:<n>`` as its ``action_id`` (unique within a message, as Slack requires).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import Any

from bot.outgoing import Rendered, render_label
from handlers.effects import Msg
from messages import markup

SECTION_LIMIT = 3000  # characters of one section block's text
SECTIONS_PER_MESSAGE = 10  # a message may hold 50 blocks; a few sections read better
ACTIONS_PER_BLOCK = 25  # elements of one actions block
ACTION_PREFIX = "idp:"
CONTROLS = ("back", "skip", "pause")


@dataclass(frozen=True)
class SlackMessage:
    """One ``chat.postMessage``: its notification text (the sections joined) and blocks."""

    text: str
    blocks: tuple[dict[str, Any], ...]


def controls(locale: str) -> dict[str, str]:
    """How Slack names the form's controls: as the buttons' labels, quoted."""
    return {name: f"“{render_label(Msg(f'label/{name}'), locale)}”" for name in CONTROLS}


def mrkdwn(rendered: str, locale: str) -> str:
    """A text in the neutral markup as Slack mrkdwn (for a progress line, an edit)."""
    return markup.to_slack(markup.parse(rendered), controls(locale))


def section(text: str) -> dict[str, Any]:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text or " "}}


def actions(buttons: tuple[tuple[tuple[str, str], ...], ...]) -> list[dict[str, Any]]:
    """One ``actions`` block per row of buttons (a row longer than Slack allows is cut into
    several blocks)."""
    blocks: list[dict[str, Any]] = []
    number = 0
    for row in buttons:
        for start in range(0, len(row), ACTIONS_PER_BLOCK):
            elements = []
            for label, payload in row[start : start + ACTIONS_PER_BLOCK]:
                elements.append({
                    "type": "button",
                    "text": {"type": "plain_text", "text": label, "emoji": True},
                    "action_id": f"{ACTION_PREFIX}{number}",
                    "value": payload,
                })  # fmt: skip
                number += 1
            blocks.append({"type": "actions", "elements": elements})
    return blocks


def messages_of(rendered: Rendered, locale: str) -> list[SlackMessage]:
    """The reply as Slack messages: sections cut at Slack's limit between lines (or inside a
    too long line), a few per message; the buttons under the last one."""
    render = partial(markup.to_slack, controls=controls(locale))
    documents = markup.split(markup.parse(rendered.text), SECTION_LIMIT, render)
    texts = [render(document) for document in documents]
    found: list[SlackMessage] = []
    for start in range(0, len(texts), SECTIONS_PER_MESSAGE):
        chunk = texts[start : start + SECTIONS_PER_MESSAGE]
        found.append(SlackMessage("\n".join(chunk), tuple(section(t) for t in chunk)))
    last = found[-1]
    buttons = actions(rendered.buttons)
    if buttons:
        found[-1] = SlackMessage(last.text, (*last.blocks, *buttons))
    return found
