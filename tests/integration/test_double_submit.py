"""Budi presses "Kirim" twice, or types /isi twice, and both updates are handled at once (two
``web`` processes): one of them sends the plan, the other is told plainly that it was sent
already — never "sent" twice, never an internal error.

The first update's commit is held back while the second one runs: on PostgreSQL the second
truly interleaves (it waits on the first one's row locks and then finds the work done); on
SQLite writers queue on the write lock, so the second comes after the first, as a double
press does in one process."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

from sqlalchemy import func, select

from bot import admin
from bot.app import App
from handlers.conversation import Conversation
from handlers.effects import Incoming, Reply
from handlers.forms.walk import REVIEW
from handlers.formulir1.form import NAME
from handlers.ports import UnitOfWork
from storage.models import PlanItemRow, PlanRow
from storage.outbox import OutboxRow
from tests.unit.journey_steps import SUBMIT_INDEX, Budi

BUDI = "199004172015031003"  # the same NIP in the demo organisation and the journey
CHAT = "5001"
YEAR = 2026


class FirstCommitHeld:
    """A unit-of-work factory whose first unit of work waits at commit until released."""

    def __init__(self, app: App) -> None:
        self.app = app
        self.at_commit = asyncio.Event()
        self.release = asyncio.Event()
        self.handed = 0

    def __call__(self) -> UnitOfWork:
        uow = self.app.uow()
        self.handed += 1
        if self.handed == 1:
            commit = uow.commit

            async def held_commit() -> None:
                self.at_commit.set()
                await self.release.wait()
                await commit()

            uow.commit = held_commit  # type: ignore[method-assign]
        return uow


async def budi_bound(app: App) -> int:
    await admin.seed_demo(app)
    async with app.uow() as uow:
        budi = await uow.employees.by_nip(BUDI)
        assert budi is not None
        await uow.accounts.bind("telegram", CHAT, budi.id, CHAT, app.clock.now())
        await uow.commit()
    return budi.id


async def at_the_review(app: App, budi_id: int) -> str:
    """Budi's Formulir 1 complete and at its review (the answers of the fake journey),
    stored in the real database; returns the payload of its "Kirim" button."""
    fake = Budi()
    await fake.walk(0, SUBMIT_INDEX)
    walked = fake.session()
    assert walked is not None and walked.cursor == REVIEW
    async with app.uow() as uow:
        plan = await uow.plans.create(budi_id, YEAR, app.clock.now())
        session = await uow.forms.create(budi_id, NAME, plan.id, REVIEW, app.clock.now())
        await uow.forms.put(session.id, fake.answers(), app.clock.now())
        session.question = walked.question
        await uow.forms.save(session, app.clock.now())
        await uow.commit()
    return f"f:{session.id}:{session.question}:submit"


async def at_once(
    app: App, held: FirstCommitHeld, first: Callable[[], Awaitable[list[Reply]]],
    second: Callable[[], Awaitable[list[Reply]]],
) -> list[list[Reply]]:  # fmt: skip
    """Run ``first`` up to its commit, start ``second``, let it run into whatever it waits
    on, then let ``first`` commit."""
    one = asyncio.create_task(first())
    await asyncio.wait_for(held.at_commit.wait(), 10)
    two = asyncio.create_task(second())
    await asyncio.sleep(0.3)
    held.release.set()
    return list(await asyncio.wait_for(asyncio.gather(one, two), 15))


def update(number: int, text: str | None = None, payload: str | None = None) -> Incoming:
    return Incoming("telegram", CHAT, text=text, payload=payload, dedupe_key=str(number))


def templates(replies: list[Reply]) -> list[str]:
    return [reply.text.template for reply in replies]


async def count(app: App, query: object) -> int:
    async with app.engine.connect() as connection:
        return int(await connection.scalar(query) or 0)  # type: ignore[call-overload]


async def test_kirim_pressed_twice_at_once_sends_once_and_tells_the_second_it_was_sent(
    app: App,
) -> None:
    budi_id = await budi_bound(app)
    submit = await at_the_review(app, budi_id)
    held = FirstCommitHeld(app)
    conversation = Conversation(held, app.clock)

    first, second = await at_once(
        app, held,
        lambda: conversation.handle(update(1, payload=submit)),
        lambda: conversation.handle(update(2, payload=submit)),
    )  # fmt: skip

    assert templates(first) == ["form1/submitted"]
    assert templates(second) == ["form1/already_submitted"]
    plans = select(func.count()).select_from(PlanRow).where(PlanRow.status == "submitted")
    assert await count(app, plans) == 1
    assert await count(app, select(func.count()).select_from(PlanItemRow)) == 3
    notices = select(func.count()).where(OutboxRow.template == "form1/supervisor_notice")
    assert await count(app, notices) == 1
    async with app.uow() as uow:
        assert await uow.forms.active(budi_id) is None, "the form stays closed"


async def test_kirim_pressed_again_later_says_the_plan_was_sent(app: App) -> None:
    budi_id = await budi_bound(app)
    submit = await at_the_review(app, budi_id)

    assert templates(await app.conversation.handle(update(1, payload=submit))) == [
        "form1/submitted"
    ]
    assert templates(await app.conversation.handle(update(2, payload=submit))) == [
        "form1/already_submitted"
    ]


async def test_isi_typed_twice_at_once_opens_one_form_and_shows_the_second_its_question(
    app: App,
) -> None:
    budi_id = await budi_bound(app)
    held = FirstCommitHeld(app)
    conversation = Conversation(held, app.clock)

    first, second = await at_once(
        app, held,
        lambda: conversation.handle(update(1, text="/isi")),
        lambda: conversation.handle(update(2, text="/isi")),
    )  # fmt: skip

    assert templates(first)[0] == "form1/intro"
    assert templates(second)[0] == "form1/resumed"
    assert len(second) == 2, "and the question it is at"
    plans = select(func.count()).select_from(PlanRow).where(PlanRow.employee_id == budi_id)
    assert await count(app, plans) == 1
