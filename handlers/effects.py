"""Effects: what a use case asks the outside world to do. Channels carry them out."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Msg:
    """A user-facing text: a template under ``messages/<locale>/`` and its context."""

    template: str
    context: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Button:
    """A choice the person can press; ``payload`` comes back as :class:`Incoming.payload`."""

    label: Msg
    payload: str
    nav: bool = False  # moves around the form (back, skip, keep…) rather than answering


@dataclass(frozen=True)
class Attachment:
    """A file sent with a message (an .ics appointment, the dialogue guide): its bytes, or
    the id of a file stored already (``data`` is then loaded when it is sent)."""

    name: str
    mime: str
    data: bytes | None = None
    file_id: int | None = None
    picture: bool = False  # an image to show as a picture where the channel can (a chart)


@dataclass(frozen=True)
class Document:
    """A file a person sent: the channel's reference to it, fetched only when a use case
    asks for its bytes (:class:`handlers.ports.Downloads`)."""

    ref: str  # the channel's file id
    name: str
    size: int
    mime: str | None = None


@dataclass(frozen=True)
class TypedAnswer:
    """The reply asks the person to type an answer to ``prompt``; ``long``: a paragraph or
    more. A channel where typing in a message is awkward may offer a box for it (Slack: a
    modal); the answer comes back as the text of an :class:`Incoming`, as if typed."""

    prompt: Msg
    long: bool = False
    limit: int | None = None  # the most characters the answer may have (the core checks)


@dataclass(frozen=True)
class Reply:
    """Say something to the person who is acting right now, in ``locale``.

    ``replace``: when the person pressed a button, show this in place of the message that
    carried the button (a multiple choice redrawn with its ticks) rather than as a new one.
    """

    text: Msg
    locale: str
    buttons: tuple[tuple[Button, ...], ...] = ()
    replace: bool = False
    attachment: Attachment | None = None  # sent as a document after the text
    typed: TypedAnswer | None = None  # a typed answer is what the reply asks for


BLOCKED, REACHABLE = "blocked", "reachable"  # Incoming.presence


@dataclass(frozen=True)
class Incoming:
    """One thing a person did in a channel, stripped of the channel's own shapes.

    ``dedupe_key`` is the channel's delivery id (Telegram ``update_id``, Slack
    ``event_id``); a repeated key is ignored. ``locale_hint`` is the client's language,
    used only while the account is not bound yet. ``presence`` is set, with neither text
    nor payload, when the person blocked (:data:`BLOCKED`) or unblocked (:data:`REACHABLE`)
    the bot: nobody is answered, the next notifications are (not) attempted.
    """

    channel: str
    external_id: str
    text: str | None = None
    payload: str | None = None
    dedupe_key: str | None = None
    locale_hint: str | None = None
    chat_address: str | None = None
    presence: str | None = None
    document: Document | None = None  # a file sent (``text`` holds its caption, if any)
    # a work e-mail the platform vouches for (Slack's profile, when the admin allows binding
    # by e-mail): an unbound account whose e-mail is an employee's is bound to them
    verified_email: str | None = None
