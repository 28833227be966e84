"""The coordinator's programmes (BAB II B, tindak lanjut 2: the operational learning forum
decides the level): accept a proposal, merge two programmes, split a unit off, dissolve one,
decide its level and organiser — which flows back into the items' verified versions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from handlers.access import Action, Actor, may
from handlers.model import Employee
from handlers.ports import UnitOfWork
from handlers.recap.model import LEVELS, Programme
from handlers.recap.proposals import Proposal, propose

ORGANISER_LIMIT = 200  # characters of an organiser's name


class ProgrammeRefused(Exception):
    """Not a coordinator's, no such programme or proposal, or a value that cannot be taken:
    ``reason`` names the template ``recap/refused_<reason>``."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Board:
    """What the coordinator sees: the proposals and the programmes of the year."""

    proposals: list[Proposal]
    programmes: list[Programme]


def who(actor: Actor) -> int | None:
    return actor.id if isinstance(actor, Employee) else None


def check(actor: Actor) -> None:
    if not may(actor, Action.RECAP_LEVELS):
        raise ProgrammeRefused("role")


async def board(uow: UnitOfWork, actor: Actor, year: int) -> Board:
    """The proposals and programmes of ``year``."""
    check(actor)
    needs = await uow.programmes.unassigned_needs(year)
    return Board(propose(needs), await uow.programmes.all(year))


async def accept(
    uow: UnitOfWork, actor: Actor, year: int, number: int, token: str, at: datetime
) -> Programme:
    """Make proposal ``number`` (1-based, as listed) a programme, if it is still the one
    whose ``token`` the coordinator saw."""
    found = (await board(uow, actor, year)).proposals
    if not 1 <= number <= len(found) or found[number - 1].token != token:
        raise ProgrammeRefused("stale")
    proposal = found[number - 1]
    made = await uow.programmes.create(year, proposal.name, proposal.keys,
                                       proposal.descriptions, who(actor), at)  # fmt: skip
    if made is None:
        raise ProgrammeRefused("stale")
    return made


async def existing(uow: UnitOfWork, actor: Actor, programme_id: int) -> Programme:
    check(actor)
    found = await uow.programmes.get(programme_id)
    if found is None:
        raise ProgrammeRefused("unknown")
    return found


async def merge(uow: UnitOfWork, actor: Actor, into: int, other: int, at: datetime) -> Programme:
    """Gather ``other``'s items into ``into`` (the same need, proposed apart)."""
    kept, gone = await existing(uow, actor, into), await existing(uow, actor, other)
    if kept.id == gone.id or kept.year != gone.year:
        raise ProgrammeRefused("merge")
    await uow.programmes.merge(kept.id, gone.id, at)
    return await existing(uow, actor, kept.id)


async def split(
    uow: UnitOfWork, actor: Actor, programme_id: int, unit: str, at: datetime
) -> Programme:
    """Take ``unit``'s items out into a programme of their own."""
    await existing(uow, actor, programme_id)
    made = await uow.programmes.split(programme_id, unit.strip(), at)
    if made is None:
        raise ProgrammeRefused("split")
    return made


async def dissolve(uow: UnitOfWork, actor: Actor, programme_id: int) -> Programme:
    found = await existing(uow, actor, programme_id)
    await uow.programmes.dissolve(programme_id)
    return found


async def decide(
    uow: UnitOfWork, actor: Actor, programme_id: int, at: datetime, *,
    level: str | None = None, organiser: str | None = None,
) -> tuple[Programme, int]:  # fmt: skip
    """Set the level and/or organiser; every member item's verified version follows. The
    programme as it is now, and how many items changed."""
    found = await existing(uow, actor, programme_id)
    level = found.level if level is None else level.strip().lower()
    organiser = found.organiser if organiser is None else " ".join(organiser.split())
    if level not in LEVELS:
        raise ProgrammeRefused("level")
    if not organiser or len(organiser) > ORGANISER_LIMIT:
        raise ProgrammeRefused("organiser")
    changed = await uow.programmes.decide(programme_id, level, organiser, who(actor), at)
    return await existing(uow, actor, programme_id), changed
