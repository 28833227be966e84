"""The broadcast wizard on the form engine: who may start it, what it shows, what it sends."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from handlers import broadcast, cycle
from handlers.access import Action, may
from handlers.audience import AudienceError, parse_audience
from handlers.broadcast.form import SIARAN, audience_text
from handlers.broadcast.schedule import LocalTime, delivery_times, moved_msg
from handlers.calendar import QuietHours
from handlers.effects import Button, Msg, Reply
from handlers.forms.dates import parse_when
from handlers.forms.engine import Engine
from handlers.forms.model import FormContext, FormSession, Value
from handlers.forms.walk import Walk
from handlers.forms.wizard import WizardFlow, close_wizard, open_wizard, refused
from handlers.model import Employee
from handlers.ports import BroadcastRecord, Clock, UnitOfWork

WIB = ZoneInfo("Asia/Jakarta")  # the westernmost zone: a time there comes last


class SiaranFlow(WizardFlow):
    """The wizard, knowing the quiet hours so that its preview names the zones that get the
    broadcast later than set (see :mod:`handlers.broadcast.schedule`)."""

    form = SIARAN

    def __init__(self, clock: Clock, quiet: QuietHours) -> None:
        super().__init__(clock)
        self.quiet = quiet

    async def context(
        self, uow: UnitOfWork, person: Employee, session: FormSession, answers: dict[str, Value]
    ) -> FormContext:
        now = self.clock.now()
        when = chosen_time(answers)
        data: dict[str, Any] = {
            "units": await uow.reference.unit_names(),
            "groups": await uow.employees.group_names(),
            "now": now,
            "latest_zone": WIB,
            "moved": moved_msg(delivery_times(when, now, self.quiet), when, now, self.quiet),
        }
        year = await cycle.year_on(uow, when.day if when else cycle.agency_day(now))
        try:  # the preview's head count, once the audience is chosen
            audience = parse_audience(audience_text(answers), year)
            data["recipients"] = await uow.outbox.count_audience(audience)
        except AudienceError:
            data["recipients"] = None
        return FormContext(person=person, year=year, data=data)

    async def submit(
        self, uow: UnitOfWork, person: Employee, session: FormSession, walk: Walk, at: datetime
    ) -> list[Reply]:
        """Queue the broadcast; the wizard is done (a new /siaran starts afresh)."""
        answers = walk.answers
        when = chosen_time(answers)
        await close_wizard(uow, session, answers, at)
        try:
            created = await broadcast.create(
                uow, person, audience_text(answers), str(answers.get("text", "")), when, at,
                walk.context.year, quiet=self.quiet,
            )  # fmt: skip
        except broadcast.BroadcastRefused as refusal:
            return await refused(uow, person, session, answers, refusal.msg(), at)
        context = {"id": created.id, "recipients": created.recipients, "later": when is not None,
                   "audience": audience_label(created.audience, walk.context.year),
                   "when": when_msg(when), "moved": created.moved}  # fmt: skip
        return [Reply(Msg("siaran/created", context), person.bahasa)]


def chosen_time(answers: dict[str, Value]) -> LocalTime | None:
    """The local time the coordinator set; None for "now" (or no valid time yet)."""
    parsed = parse_when(str(answers.get("at"))) if answers.get("when") == "later" else None
    return LocalTime(*parsed) if parsed else None


def status(record: BroadcastRecord, now: datetime) -> str:
    """ "scheduled" until its first message falls due, then "sending" until it is done."""
    started = record.first_due_at is not None and record.first_due_at <= now
    return "sending" if record.status == "scheduled" and started else record.status


def when_msg(when: LocalTime | None) -> Msg | None:
    """ "1 Desember 2026 pukul 09:00 waktu setempat"; None for a broadcast sent at once."""
    return Msg("label/when", {"day": when.day, "at": when.at.strftime("%H:%M")}) if when else None


def audience_label(stored: str, year: int) -> Msg:
    """An audience as a coordinator reads it ("unit kerja Pusat Data"), not as stored."""
    try:
        audience = parse_audience(stored, year)
    except AudienceError:
        return Msg("form1/priority", {"text": stored})
    return Msg("siaran/audience", {"kind": audience.kind.value, "value": audience.value,
                                   "year": audience.year})  # fmt: skip


async def start(uow: UnitOfWork, engine: Engine, person: Employee, at: datetime) -> list[Reply]:
    """/siaran: only coordinators and admins; resume an unfinished wizard, else a new one."""
    if not may(person, Action.BROADCAST):
        return [Reply(broadcast.BroadcastRefused("not_allowed").msg(), person.bahasa)]
    return await open_wizard(uow, engine, person, Msg("siaran/intro"), at)


async def listing(uow: UnitOfWork, person: Employee, year: int, now: datetime) -> list[Reply]:
    """/siaran daftar: scheduled and sending broadcasts, each with a cancel button."""
    try:
        found = await broadcast.open_broadcasts(uow, person)
    except broadcast.BroadcastRefused as refused:
        return [Reply(refused.msg(), person.bahasa)]
    rows = [{"id": r.id, "audience": audience_label(r.audience, year), "recipients": r.recipients,
             "when": when_msg(broadcast.set_for(r)), "status": status(r, now)}
            for r in found]  # fmt: skip
    buttons = tuple(
        (Button(Msg("siaran/cancel_label", {"id": r.id}), f"bc:cancel:{r.id}"),)
        for r in found
        if r.status == "scheduled"
    )
    return [Reply(Msg("siaran/list", {"broadcasts": rows}), person.bahasa, buttons)]


async def cancel(uow: UnitOfWork, person: Employee, broadcast_id: int, at: datetime) -> list[Reply]:
    try:
        cancelled = await broadcast.cancel(uow, person, broadcast_id, at)
    except broadcast.BroadcastRefused as refused:
        return [Reply(refused.msg(), person.bahasa)]
    return [Reply(Msg("siaran/cancelled", {"id": broadcast_id, "count": cancelled}), person.bahasa)]
