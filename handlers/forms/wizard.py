"""Short forms that do one thing and are done (a broadcast, a reminder): one per person at
a time, resumed if left unfinished, started afresh once completed."""

from __future__ import annotations

from datetime import datetime

from handlers.effects import Msg, Reply
from handlers.forms.engine import Engine
from handlers.forms.model import FormSession
from handlers.forms.walk import REVIEW, Slot, Walk
from handlers.model import Employee
from handlers.ports import Clock, UnitOfWork

DONE = "@done"
SUBJECT = 0  # a wizard is about nothing stored elsewhere


async def open_wizard(
    uow: UnitOfWork, engine: Engine, person: Employee, intro: Msg, at: datetime,
    subject: int = SUBJECT,
) -> list[Reply]:  # fmt: skip
    """Resume the person's unfinished wizard of this form (about ``subject``, e.g. a plan),
    or start a new one."""
    name = engine.form.name
    session = await uow.forms.find(person.id, name, subject)
    if session is None:
        session = await uow.forms.create(person.id, name, subject, "", at)
    elif session.cursor == DONE:
        session.cursor, session.state = "", {}
    await take_over(uow, person, session, at)
    return await engine.show(uow, person, session, at, [intro])


async def take_over(uow: UnitOfWork, person: Employee, session: FormSession, at: datetime) -> None:
    """``session`` becomes the person's active form; the one active before is paused."""
    other = await uow.forms.active(person.id)
    if other is not None and other.id != session.id:
        other.active = False
        await uow.forms.save(other, at)
    session.active = True


async def close_wizard(
    uow: UnitOfWork, session: FormSession, answers: dict[str, object], at: datetime
) -> None:
    """Done: its answers go, so the next one starts empty."""
    await uow.forms.drop(session.id, list(answers))
    session.active, session.cursor, session.state = False, DONE, {}
    await uow.forms.save(session, at)


async def refused(
    uow: UnitOfWork, person: Employee, session: FormSession, answers: dict[str, object],
    why: Msg, at: datetime,
) -> list[Reply]:  # fmt: skip
    """The thing could not be done: put the wizard back at its review, answers intact."""
    await uow.forms.put(session.id, answers, at)
    session.active, session.cursor = True, REVIEW
    await uow.forms.save(session, at)
    return [Reply(why, person.bahasa)]


class WizardFlow:
    """What every wizard shares: the clock it reads, nothing to do after an answer."""

    def __init__(self, clock: Clock) -> None:
        self.clock = clock

    async def after_answer(
        self, uow: UnitOfWork, person: Employee, walk: Walk, slot: Slot, at: datetime
    ) -> list[Msg]:
        return []
