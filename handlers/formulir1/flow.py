"""Formulir 1 on the form engine: its context, its side effects, and what submitting does."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import messages
from handlers import change_requests
from handlers.calendar import local
from handlers.effects import Button, Msg, Reply
from handlers.forms.display import display
from handlers.forms.model import FormContext, FormSession, Group, Value
from handlers.forms.walk import Slot, Walk, item_count
from handlers.formulir1.assessment import find_competency
from handlers.formulir1.form import FORMULIR1, total_jp
from handlers.formulir1.section_c import GROUP, NEED
from handlers.formulir1.sections_ab import CHANGE_REQUEST_FIELDS, RECORD_FIELDS, field_title
from handlers.golongan import display_golongan
from handlers.model import Employee
from handlers.notify import Notify, notify
from handlers.ports import UnitOfWork

REFERENCE = "_ref"  # the answer key holding the year and reference data snapshotted at start
FILED = "_filed"  # in the A record once it filed a NIP or unit correction for the admin
DONE = "@done"


def prefill(person: Employee) -> dict[str, str]:
    """Section A as the organisation import knows it."""
    record = {field: str(getattr(person, field)) for field in RECORD_FIELDS}
    record["pangkat_golongan"] = display_golongan(person.pangkat_golongan, person.jenis_pegawai)
    return record


def plain(pieces: list[Msg | str]) -> str:
    """An answer as plain Indonesian text, for the submitted record that recaps group on."""
    texts = [
        p
        if isinstance(p, str)
        else messages.to_plain_text(messages.render(p.template, "id", p.context))
        for p in pieces
    ]
    return "; ".join(texts)


class Formulir1Flow:
    form = FORMULIR1

    async def context(
        self, uow: UnitOfWork, person: Employee, session: FormSession, answers: dict[str, Value]
    ) -> FormContext:
        reference: dict[str, Any] = answers.get(REFERENCE) or {}
        section_a = answers.get("A")
        filed = isinstance(section_a, dict) and section_a.get(FILED)  # only those who did ask
        data = {
            "record": prefill(person),
            "record_pending": await uow.change_requests.waiting_for(person.id) if filed else {},
            "approval_needed": CHANGE_REQUEST_FIELDS,
            "priorities": reference.get("priorities", []),
            "competencies": reference.get("competencies", []),
        }
        return FormContext(person=person, year=int(reference.get("year", 0)), data=data)

    async def after_answer(
        self, uow: UnitOfWork, person: Employee, walk: Walk, slot: Slot, at: datetime
    ) -> list[Msg]:
        """A corrected NIP or unit becomes a change request for the admin. Those two fields
        are never kept in the answer: section A always shows the organisation's record of
        them, so an approved change appears there by itself. A time frame already over is
        kept, with a word about it."""
        if slot.step.key == "waktu":
            return past_period(walk.answers.get(slot.key), walk.context.year, person, at)
        if slot.key != "A":
            return []
        record = dict(walk.answers["A"])
        notes = []
        for field in CHANGE_REQUEST_FIELDS:
            old, new = str(getattr(person, field)), str(record.pop(field, "") or "")
            if new and new != old:
                await change_requests.file(uow, person, field, old, new, at)
                change = {"field": field_title(field, person), "old": old, "new": new}
                notes.append(Msg("form1/change_requested", change))
        if notes:
            record[FILED] = True  # not a field: no screen shows it (see context())
        await uow.forms.put(walk.session.id, {"A": record}, at)
        walk.answers["A"] = record
        return notes

    async def submit(
        self, uow: UnitOfWork, person: Employee, session: FormSession, walk: Walk, at: datetime
    ) -> list[Reply]:
        """Record the plan as submitted, ready for the dialog kinerja; it is read-only now.
        A second press that lost the race to another update (another process) is told the
        plan was sent already, and changes nothing of it."""
        won = await uow.plans.submit(session.subject_id, at)
        session.active, session.cursor, session.state = False, DONE, {}
        await uow.forms.save(session, at)
        if not won:
            return [Reply(Msg("form1/already_submitted", {"year": walk.context.year}),
                          person.bahasa)]  # fmt: skip
        await uow.plans.replace_items(session.subject_id, items(walk))
        supervisor = (
            await uow.employees.by_nip(person.supervisor_nip) if person.supervisor_nip else None
        )
        context = {
            "year": walk.context.year,
            "items": item_count(FORMULIR1_GROUP, walk.answers),
            "jp": total_jp(walk.answers),
            "supervisor": supervisor.nama if supervisor else None,
        }
        if supervisor is not None:  # the dialog kinerja is theirs to schedule
            notice = Msg("form1/supervisor_notice", {**context, "employee": person.nama})
            key = f"formulir1-submitted:{session.subject_id}"
            read = Button(Msg("label/view_plan", {"name": person.nama}),
                          f"plan:view:{session.subject_id}")  # fmt: skip
            await notify(uow, Notify(supervisor.id, notice, buttons=((read,),), dedupe_key=key), at)
        return [Reply(Msg("form1/submitted", context), person.bahasa)]


def past_period(value: Value, year: int, person: Employee, at: datetime) -> list[Msg]:
    """A note when the months chosen are over already (a plan filled late in its year)."""
    today = local(at, person.zona_waktu).date()
    if not isinstance(value, dict) or (year, int(value.get("end", 12))) >= (
        today.year,
        today.month,
    ):
        return []
    return [Msg("form1/period_past", {**value, "year": year})]


def competency_name(value: Value, context: FormContext) -> Msg | str:
    """A chosen gap ("k:<key>") as the competency's name; a need of 4.2 ("n:<text>") or a
    typed description as typed."""
    if isinstance(value, dict):
        return str(value.get("text", ""))
    if str(value).startswith(NEED):
        return str(value).removeprefix(NEED)
    found = find_competency(str(value), context)
    return found.label if found else str(value).removeprefix("k:")


FORMULIR1_GROUP = next(n for n in FORMULIR1.nodes if isinstance(n, Group) and n.key == GROUP)


def items(walk: Walk) -> list[dict[str, Any]]:
    """The C items as rows of plan_items, in plain text where a person chose from a list."""
    rows: dict[int, dict[str, Any]] = {}
    for slot in walk.laid:
        if slot.item is None or slot.is_more:
            continue
        row = rows.setdefault(slot.item, {"position": slot.item, "relevansi": ""})
        value = walk.answers.get(slot.key)
        field = slot.step.key
        if field == "jp":
            row[field] = int(value or 0)
        elif field in (
            "kompetensi_klasifikasi",
            "sasaran",
            "metode_klasifikasi",
            "metode_bentuk",
            "level",
        ):
            row[field] = str(value or "")
        elif field == "kompetensi_deskripsi":
            row[field] = plain([competency_name(value, walk.context)])
        else:
            pieces = display(slot, value, slot.scope(walk.answers), walk.context)
            row[field] = plain(pieces) if value is not None else ""
    return [rows[n] for n in sorted(rows)]
