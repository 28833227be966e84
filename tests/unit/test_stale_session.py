"""Budi answers on his phone and his laptop at the same moment (or two processes handle two
of his updates at once): both updates read his form at the same question. The one that saves
second finds the session moved on — its transaction is undone and it is handled again from
what is stored now, so neither answer is lost. Losing a second time, nothing of it is kept
and Budi is told plainly."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from types import TracebackType
from typing import Any

import pytest

from handlers.conversation import Conversation
from handlers.effects import Incoming
from handlers.forms.model import FormSession, StaleSession
from tests.unit.fakes import FakeDatabase, FakeUnitOfWork
from tests.unit.journey_steps import CHANNEL, CHAT, JOURNEY, Budi

PHONE = "SKP 2026: tiga sasaran terkait analisis jabatan"
LAPTOP = "Penilaian kinerja 2025: Baik"
THIRD = "Tahun lalu belum ada penilaian"
AT_B31 = next(i for i, action in enumerate(JOURNEY) if action.at == "B.3.1")


class Interrupted:
    """A unit of work whose form save first lets ``meanwhile`` run to its commit."""

    def __init__(self, inner: FakeUnitOfWork, meanwhile: Callable[[], Awaitable[object]]) -> None:
        self.inner, self.meanwhile = inner, meanwhile

    async def __aenter__(self) -> FakeUnitOfWork:
        uow = await self.inner.__aenter__()
        save = uow.forms.save

        async def save_after_the_other(session: FormSession, at: Any) -> None:
            await self.meanwhile()
            await save(session, at)

        uow.forms.save = save_after_the_other  # type: ignore[method-assign]
        return uow

    async def __aexit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.inner.__aexit__(kind, error, tb)


class Overtaken:
    """Hands out units of work of ``database``; the first ``times`` are overtaken, at their
    save, by the next of ``others`` (whole updates, committed)."""

    def __init__(self, database: FakeDatabase, others: list[Callable[[], Awaitable[object]]]):
        self.database, self.others = database, list(others)

    def __call__(self) -> Any:
        uow = self.database.uow()
        return Interrupted(uow, self.others.pop(0)) if self.others else uow


async def budi_at_b31() -> Budi:
    budi = Budi()
    await budi.walk(0, AT_B31)
    assert budi.cursor() == "B.3.1"
    return budi


def laptop_conversation(budi: Budi, others: list[Callable[[], Awaitable[object]]]) -> Conversation:
    return Conversation(Overtaken(budi.database, others), budi.clock)


def typed(text: str, key: str) -> Incoming:
    return Incoming(CHANNEL, CHAT, text=text, dedupe_key=key)


async def test_the_update_that_saves_second_is_handled_again_and_both_answers_are_kept() -> None:
    budi = await budi_at_b31()
    laptop = laptop_conversation(budi, [lambda: budi.send(PHONE)])

    replies = await laptop.handle(typed(LAPTOP, "laptop-1"))

    answers = budi.answers()
    assert answers["B.3.1"] == PHONE  # the phone's answer, saved first, is kept
    assert answers["B.3.2"] == LAPTOP  # the laptop's, handled again, took the next question
    assert budi.cursor() == "B.4.ada"
    assert [r.text.template for r in replies] != ["form/not_taken"]


async def test_losing_twice_keeps_nothing_of_the_update_and_says_so_plainly() -> None:
    budi = await budi_at_b31()
    laptop = laptop_conversation(budi, [lambda: budi.send(PHONE), lambda: budi.send(THIRD)])
    commits = budi.database.commits

    [reply] = await laptop.handle(typed(LAPTOP, "laptop-1"))

    assert reply.text.template == "form/not_taken"
    assert reply.locale == "id"
    answers = budi.answers()
    assert (answers["B.3.1"], answers["B.3.2"]) == (PHONE, THIRD)
    assert LAPTOP not in answers.values()
    assert budi.database.commits == commits + 2  # the phone's two updates, nothing of ours
    assert (CHANNEL, "laptop-1") not in budi.state.inbox  # not even as "seen"


async def test_a_save_from_an_old_read_is_refused_and_a_second_save_of_one_read_is_not() -> None:
    budi = await budi_at_b31()
    async with budi.database.uow() as first:
        mine = await first.forms.active(2)
        assert mine is not None
        await first.forms.save(mine, budi.clock.now())
        await first.forms.save(mine, budi.clock.now())  # one update may save twice
        await first.commit()
    async with budi.database.uow() as late:
        old = await late.forms.active(2)
        assert old is not None
        await budi.send(PHONE)  # commits in between
        with pytest.raises(StaleSession):
            await late.forms.save(old, budi.clock.now())
