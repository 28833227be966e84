"""What the check-in's tests share: an agreed plan stored as the dialog kinerja leaves it,
and a chat at the core (a console account) that types, presses buttons by their label and
sends files."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime

import messages
from bot import admin
from bot.app import App
from handlers.access import Relation
from handlers.effects import Document, Incoming, Msg, Reply
from handlers.plan.lifecycle import Event, State
from handlers.plan.model import Item, ItemVersion, Stage
from handlers.plan.transitions import fire
from handlers.ports import UnreadableFile
from tests.integration.test_plan_records import CONTENT, VERSION

CONSOLE = "console"
_keys = itertools.count(1)


def months(start: int, end: int, **changes: object) -> ItemVersion:
    return replace(VERSION, start_month=start, end_month=end, **changes)  # type: ignore[arg-type]


async def agreed_plan(app: App, nip: str, versions: list[ItemVersion], year: int = 2026) -> int:
    """``nip``'s plan of ``versions``, sent and agreed as proposed (status agreed)."""
    now = app.clock.now()
    async with app.uow() as uow:
        person = await uow.employees.by_nip(nip)
        assert person is not None
        plan = await uow.plans.create(person.id, year, now)
        await fire(uow, plan, Event.SUBMIT, frozenset({Relation.EMPLOYEE}), now,
                   employee_id=person.id)  # fmt: skip
        items = tuple(Item(n, {Stage.PROPOSED: v, Stage.AGREED: v})
                      for n, v in enumerate(versions, start=1))  # fmt: skip
        await uow.plan_records.save(plan.id, replace(CONTENT, items=items), now)
        assert await uow.plan_records.move(plan.id, State.SUBMITTED, State.AGREED, now)
        await uow.commit()
    return plan.id


def plain(msg: Msg, locale: str = "id") -> str:
    return messages.to_plain_text(messages.render(msg.template, locale, msg.context))


@dataclass
class Files:
    """A channel's files as a test sends them: by reference, their bytes here."""

    content_of: dict[str, bytes] = field(default_factory=dict)

    async def content(self, document: Document, limit: int) -> bytes:
        data = self.content_of[document.ref]
        if len(data) > limit:
            raise UnreadableFile({"reason": "too_large", "name": document.name})
        return data

    async def table(self, document: Document, required: object) -> list[tuple[int, dict[str, str]]]:
        raise UnreadableFile({"reason": "columns", "name": document.name})


class Chat:
    """One person at the core through a console account."""

    def __init__(self, app: App, nip: str, files: Files) -> None:
        self.app, self.nip, self.files = app, nip, files
        self.last: list[Reply] = []
        app.conversation.take_files(CONSOLE, files)

    async def bind(self) -> Chat:
        assert await admin.bind_console(self.app, self.nip) is not None
        return self

    async def _send(self, **what: object) -> list[Reply]:
        incoming = Incoming(CONSOLE, self.nip, dedupe_key=f"t{next(_keys)}", **what)  # type: ignore[arg-type]
        self.last = await self.app.conversation.handle(incoming)
        return self.last

    async def say(self, text: str) -> list[Reply]:
        return await self._send(text=text)

    async def press(self, label: str) -> list[Reply]:
        """Press the button whose label contains ``label`` on the latest replies."""
        for reply in reversed(self.last):
            for row in reply.buttons:
                for button in row:
                    if label in plain(button.label):
                        return await self._send(payload=button.payload)
        raise AssertionError(f"no button {label!r} in {self.text()}")

    async def token(self, token: str) -> list[Reply]:
        """Press the form's button ``token`` on the latest replies (a choice by its place)."""
        for reply in reversed(self.last):
            for row in reply.buttons:
                for button in row:
                    if button.payload.startswith("f:") and button.payload.endswith(f":{token}"):
                        return await self._send(payload=button.payload)
        raise AssertionError(f"no form button {token!r} in {self.text()}")

    async def answer(self, answers: list[str]) -> None:
        """Answers typed, or (``@<token>``) pressed."""
        for answer in answers:
            await (self.token(answer[1:]) if answer.startswith("@") else self.say(answer))

    async def press_payload(self, payload: str) -> list[Reply]:
        return await self._send(payload=payload)

    async def send_file(self, name: str, data: bytes, mime: str | None = None) -> list[Reply]:
        ref = f"file{next(_keys)}"
        self.files.content_of[ref] = data
        return await self._send(text="", document=Document(ref, name, len(data), mime))

    def text(self) -> str:
        return "\n".join(plain(r.text) for r in self.last)


def at(year: int, month: int, day: int, hour: int = 1) -> datetime:
    return datetime(year, month, day, hour, tzinfo=UTC)
