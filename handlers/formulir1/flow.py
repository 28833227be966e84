"""Formulir 1 on the form engine: its context, its side effects, and what submitting does."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Any

import messages
from handlers import change_requests
from handlers.calendar import local
from handlers.dialog.acting import notice_recipients
from handlers.effects import Button, Msg, Reply
from handlers.forms.model import FormContext, FormSession, Group, Value
from handlers.forms.walk import Slot, Walk, item_count
from handlers.formulir1.form import FORMULIR1, total_jp
from handlers.formulir1.section_c import GROUP
from handlers.formulir1.sections_ab import CHANGE_REQUEST_FIELDS, RECORD_FIELDS, field_title
from handlers.golongan import display_golongan
from handlers.model import Employee
from handlers.notify import Notify, notify
from handlers.plan import build
from handlers.plan.lifecycle import Actor, Event, Refused
from handlers.plan.model import PlanContent
from handlers.plan.transitions import changed, fire
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
        """Record the plan as submitted, ready for the dialog kinerja: its typed data (a new
        submission after a return) and the move in its audit log; it is read-only now. A
        second press that lost the race to another update (another process) is told the
        plan was sent already, and changes nothing of it."""
        plan = await uow.plans.get(session.subject_id)
        assert plan is not None  # a Formulir 1 session's subject is its plan
        previous = await uow.plan_records.load(plan.id)
        content = build.content(walk, (previous.submission if previous else 0) + 1)
        try:
            await fire(uow, plan, Event.SUBMIT, frozenset({Actor.EMPLOYEE}), at,
                       employee_id=person.id,
                       changes=changed(previous, content) if previous else None)  # fmt: skip
        except Refused:
            session.active, session.cursor, session.state = False, DONE, {}
            await uow.forms.save(session, at)
            return [Reply(Msg("form1/already_submitted", {"year": walk.context.year}),
                          person.bahasa)]  # fmt: skip
        session.active, session.cursor, session.state = False, DONE, {}
        await uow.forms.save(session, at)
        await uow.plan_records.save(plan.id, content, at)
        recipients = await notice_recipients(uow, person, at)
        supervisors = [who for who, as_coordinator in recipients if not as_coordinator]
        context = {
            "year": walk.context.year,
            "items": item_count(FORMULIR1_GROUP, walk.answers),
            "jp": total_jp(walk.answers),
            "supervisor": supervisors[0].nama if supervisors else None,
        }
        for n, (recipient, as_coordinator) in enumerate(recipients):  # theirs to schedule
            notice = supervisor_notice(person, recipient, plan.id, content, context)
            if n:  # an acting supervisor or a coordinator beside the first: a key of their own
                notice = replace(notice, dedupe_key=f"{notice.dedupe_key}:{recipient.id}")
            if as_coordinator:  # no supervisor in the organisation data: say why it is theirs
                notice = unsupervised_notice(notice, person)
            await notify(uow, notice, at)
        return [Reply(Msg("form1/submitted", context), person.bahasa)]


def supervisor_notice(
    person: Employee, supervisor: Employee, plan_id: int, content: PlanContent,
    context: dict[str, Any],
) -> Notify:  # fmt: skip
    """The supervisor is asked to schedule the dialog kinerja: read the plan, or return it."""
    notice = Msg("form1/supervisor_notice", {**context, "employee": person.nama})
    key = f"formulir1-submitted:{plan_id}:{content.submission}"
    read = Button(Msg("label/view_plan", {"name": person.nama}), f"plan:view:{plan_id}")
    back = Button(Msg("label/return_plan"), f"plan:return:{plan_id}")
    book = Button(Msg("dialog/schedule/label", {"key": "schedule"}), f"dlg:sched:{plan_id}")
    agree = Button(Msg("dialog/agree/label", {"key": "open"}), f"agr:agree:{plan_id}")
    return Notify(supervisor.id, notice, buttons=((book,), (read,), (agree,), (back,)),
                  dedupe_key=key)  # fmt: skip


def unsupervised_notice(notice: Notify, person: Employee) -> Notify:
    """The supervisor's notice as a coordinator gets it for someone with no supervisor."""
    told = Msg("dialog/team/unsupervised_notice", {"employee": person.nama,
                                                   "notice": notice.text})  # fmt: skip
    return replace(notice, text=told)


def past_period(value: Value, year: int, person: Employee, at: datetime) -> list[Msg]:
    """A note when the months chosen are over already (a plan filled late in its year)."""
    today = local(at, person.zona_waktu).date()
    if not isinstance(value, dict) or (year, int(value.get("end", 12))) >= (
        today.year,
        today.month,
    ):
        return []
    return [Msg("form1/period_past", {**value, "year": year})]


FORMULIR1_GROUP = next(n for n in FORMULIR1.nodes if isinstance(n, Group) and n.key == GROUP)
