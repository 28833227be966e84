"""What Slack sends, kept before it is acknowledged and turned into the core's Incoming.

Every event, button press, modal submission and slash command is recorded in ``incoming``
(:class:`bot.intake.Intake`) under a key of its own — the ``event_id`` of an event (Slack's
retries carry the same one), the pressing user and ``action_ts`` of a button, the view id
of a modal, the ``trigger_id`` of a command — and only then acknowledged: a retry finds the
key taken and changes nothing, a process killed after the ack loses nothing.
"""

from __future__ import annotations

import hashlib
import html
import json
from dataclasses import dataclass
from typing import Any

from bot.channels.slack_blocks import submitted_text
from handlers.effects import Document, Incoming
from storage.intake import Received, Recorded

CHANNEL = "slack"
KEY_LENGTH = 64  # incoming.key and inbox.key
EVENT, ACTION, VIEW, COMMAND = "event", "action", "view", "command"
TAKEN_SUBTYPES = (None, "file_share")  # a message typed, or one carrying files


def key(raw: str) -> str:
    """A delivery key that fits the column: long ones by their digest."""
    return raw if len(raw) <= KEY_LENGTH else "h:" + hashlib.sha256(raw.encode()).hexdigest()


def received(kind: str, raw_key: str, user: str, body: dict[str, Any]) -> Received:
    return Received(CHANNEL, key(raw_key), f"user:{user}", json.dumps({"kind": kind, "body": body}))


def person_message(event: dict[str, Any]) -> bool:
    """A direct message a person wrote to the bot (not an edit, a bot's post, a join)."""
    return (event.get("channel_type") == "im" and not event.get("bot_id")
            and event.get("subtype") in TAKEN_SUBTYPES and bool(event.get("user")))  # fmt: skip


@dataclass(frozen=True)
class Kept:
    """A recorded delivery as the handler reads it back."""

    kind: str
    body: dict[str, Any]
    key: str

    @classmethod
    def of(cls, row: Recorded) -> Kept:
        data = json.loads(row.payload)
        return cls(data["kind"], data["body"], row.key)

    @property
    def user(self) -> str:
        if self.kind == EVENT:
            return str(self.body["event"]["user"])
        if self.kind == COMMAND:
            return str(self.body["user_id"])
        return str(self.body["user"]["id"])

    @property
    def event_type(self) -> str | None:
        return str(self.body["event"]["type"]) if self.kind == EVENT else None

    @property
    def channel(self) -> str | None:
        """The DM it came from, when the delivery says (a message, a button in the DM)."""
        found: Any = None
        if self.kind == EVENT:
            found = self.body["event"].get("channel")
        elif self.kind == ACTION:
            found = (self.body.get("channel") or {}).get("id")
        elif self.kind == COMMAND:
            found = self.body.get("channel_id", "")
            found = found if str(found).startswith("D") else None  # a DM, not a channel
        return str(found) if found else None

    @property
    def pressed(self) -> tuple[str, str] | None:
        """(channel, ts) of the message whose button was pressed."""
        container = self.body.get("container") or {}
        if self.kind == ACTION and container.get("type") == "message":
            return str(container["channel_id"]), str(container["message_ts"])
        return None

    def incoming(self, chat: str | None, email: str | None = None) -> Incoming:
        """The core's Incoming; ``chat``: the person's DM with the bot."""
        text, payload, document, hint = None, None, None, None
        if self.kind == EVENT:
            event = self.body["event"]
            text = html.unescape(event.get("text") or "")  # Slack sends &amp; &lt; &gt;
            document = first_file(event)
        elif self.kind == ACTION:
            payload = str(self.body["actions"][0].get("value", ""))
        elif self.kind == VIEW:
            text = submitted_text(self.body["view"])
            hint = self.body["view"].get("private_metadata") or None
        else:
            text = f"{self.body['command']} {self.body.get('text', '')}".strip()
        return Incoming(CHANNEL, self.user, text=text, payload=payload, dedupe_key=self.key,
                        locale_hint=hint, chat_address=chat, document=document,
                        verified_email=email)  # fmt: skip


def first_file(event: dict[str, Any]) -> Document | None:
    """The first file a message carries, by its private download URL."""
    files = event.get("files") or []
    if not files:
        return None
    found = files[0]
    url = found.get("url_private_download") or found.get("url_private") or ""
    return Document(url, found.get("name") or "berkas", int(found.get("size") or 0),
                    found.get("mimetype"))  # fmt: skip
