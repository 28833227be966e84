"""The core (Conversation) on a fake database, driven as chat accounts would drive it."""

from __future__ import annotations

import itertools
from datetime import timedelta

from handlers import identity
from handlers.conversation import Conversation
from handlers.effects import Incoming, Reply
from handlers.model import Employee
from tests.conftest import FakeClock
from tests.unit.fakes import FakeDatabase

TTL = timedelta(days=7)


class Bot:
    """The core on a fake database and a clock the story moves; every message gets a fresh
    delivery id, as Telegram's update_id would be."""

    def __init__(self, *people: Employee) -> None:
        self.database = FakeDatabase(*people)
        self.clock = FakeClock()
        self.conversation = Conversation(self.database.uow, self.clock)
        self._keys = itertools.count(1)

    async def invite(self, person: Employee) -> str:
        async with self.database.uow() as uow:
            [issued] = await identity.issue_invites(
                uow, [(person.id, person.nip)], self.clock.now(), TTL
            )
            await uow.commit()
        return issued.code

    async def say(
        self, who: str, text: str | None = None, *, payload: str | None = None,
        key: str | None = None, hint: str | None = None,
    ) -> list[Reply]:  # fmt: skip
        incoming = Incoming(
            "telegram", who, text=text, payload=payload, chat_address=who,
            dedupe_key=key or str(next(self._keys)), locale_hint=hint,
        )  # fmt: skip
        return await self.conversation.handle(incoming)

    async def linked(self, who: str, person: Employee) -> None:
        [reply] = await self.say(who, f"/start {await self.invite(person)}")
        assert reply.text.template == "menu/greeting"

    def bound_to(self, who: str) -> int | None:
        account = self.database.state.accounts.get(("telegram", who))
        return account.employee_id if account else None

    def locale_of(self, person: Employee) -> str:
        return self.database.state.employees[person.id].bahasa
