"""``/unduh`` (``/download``): a person's Formulir 1 as a DOCX. Everyone gets their own;
``/unduh <NIP>`` gets a team member's for their supervisor, anyone's for a learning
coordinator or the admin (:data:`handlers.access.DOCUMENT_READERS`); the command line acts
as the admin."""

from __future__ import annotations

from dataclasses import dataclass

from handlers.access import DOCUMENT_READERS, Actor, relation
from handlers.documents import formulir1
from handlers.effects import Attachment, Msg, Reply
from handlers.model import Employee
from handlers.ports import UnitOfWork
from handlers.recap.labels import Labels


class DocumentRefused(Exception):
    """``reason`` names the template ``documents/refused_<reason>``."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Formulir1File:
    owner: Employee
    year: int
    data: bytes
    sections: tuple[str, ...]  # the item sections it holds (C, D…)

    @property
    def name(self) -> str:
        return f"formulir1-{self.owner.nip}-{self.year}.docx"

    def attachment(self) -> Attachment:
        return Attachment(self.name, formulir1.MIME, self.data)


async def owner_of(uow: UnitOfWork, reader: Actor, nip: str | None) -> Employee:
    """Whose document ``reader`` asks for (themselves without a NIP), if they may have it."""
    if nip is None:
        if not isinstance(reader, Employee):
            raise DocumentRefused("unknown")
        return reader
    owner = await uow.employees.by_nip("".join(nip.split()))
    if owner is None:
        raise DocumentRefused("unknown")
    if isinstance(reader, Employee) and not relation(reader, owner) & DOCUMENT_READERS:
        raise DocumentRefused("role")
    return owner


async def formulir1_file(uow: UnitOfWork, owner: Employee, year: int, locale: str) -> Formulir1File:
    """The DOCX of ``owner``'s plan of ``year`` as last sent (access checked by the caller)."""
    plan = await uow.plans.for_year(owner.id, year)
    content = None if plan is None else await uow.plan_records.load(plan.id)
    if plan is None or content is None:
        raise DocumentRefused("no_plan")
    priorities = await uow.recaps.priorities(plan.id, content.submission)
    checkins = await uow.checkin_report.entries(plan.id)
    found = formulir1.Plan(content, year, priorities, checkins)
    labels = Labels(locale, year)
    sections = tuple(s.key for s in formulir1.context(found, labels)["sections"])
    return Formulir1File(owner, year, formulir1.render(found, labels), sections)


async def command(uow: UnitOfWork, person: Employee, argument: str, year: int) -> list[Reply]:
    """Send the asked-for Formulir 1, or say why not."""
    try:
        owner = await owner_of(uow, person, argument.strip() or None)
        made = await formulir1_file(uow, owner, year, person.bahasa)
    except DocumentRefused as refused:
        context = {"nip": argument.strip(), "year": year}
        return [Reply(Msg(f"documents/refused_{refused.reason}", context), person.bahasa)]
    context = {"name": owner.nama, "year": year, "sections": list(made.sections)}
    return [Reply(Msg("documents/sent", context), person.bahasa, attachment=made.attachment())]
