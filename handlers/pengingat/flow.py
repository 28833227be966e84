"""The reminder wizard on the form engine: coordinators and admins set Formulir 1 reminders."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from handlers import reminders
from handlers.audience import parse_audience
from handlers.broadcast import BroadcastRefused, may_broadcast
from handlers.effects import Msg, Reply
from handlers.forms.dates import parse_date, parse_time
from handlers.forms.engine import Engine
from handlers.forms.model import FormContext, FormSession, Value
from handlers.forms.walk import Walk
from handlers.forms.wizard import WizardFlow, close_wizard, open_wizard, refused
from handlers.model import Employee
from handlers.pengingat.form import PENGINGAT
from handlers.ports import UnitOfWork
from handlers.siaran.flow import audience_label

WIT = ZoneInfo("Asia/Jayapura")  # the easternmost zone: its day begins first


class PengingatFlow(WizardFlow):
    form = PENGINGAT

    async def context(
        self, uow: UnitOfWork, person: Employee, session: FormSession, answers: dict[str, Value]
    ) -> FormContext:
        now = self.clock.now()
        on = parse_date(str(answers.get("on") or ""))
        year = on.year if on else self.cycle_year(now)  # the plans of the reminder's year
        data: dict[str, object] = {"today": now.astimezone(WIT).date(), "recipients": None}
        if answers.get("who"):
            audience = parse_audience(f"stage:{answers['who']}", year)
            data["recipients"] = await uow.outbox.count_audience(audience)
        return FormContext(person=person, year=year, data=data)

    async def submit(
        self, uow: UnitOfWork, person: Employee, session: FormSession, walk: Walk, at: datetime
    ) -> list[Reply]:
        """Store the reminder; the reminder scan sends it on the day, in each person's zone."""
        answers = walk.answers
        who = str(answers["who"])
        on, hour = parse_date(str(answers["on"])), parse_time(str(answers["at"]))
        deadline = parse_date(str(answers.get("deadline") or ""))
        assert on is not None and hour is not None  # checked when they were typed
        await close_wizard(uow, session, answers, at)
        try:
            reminder_id, audience = await reminders.add(
                uow, person, f"stage:{who}", f"formulir1_{who}", on, hour, deadline, at,
                walk.context.year,
            )  # fmt: skip
        except BroadcastRefused as refusal:
            return await refused(uow, person, session, answers, refusal.msg(), at)
        calendar = await reminders.work_calendar(uow, on)
        moved_to = None if calendar.is_working_day(on) else calendar.next_working_day(on)
        context = {
            "id": reminder_id,
            "audience": audience_label(audience, on.year),
            "on": on,
            "at": hour.strftime("%H:%M"),
            "moved_to": moved_to,
        }
        return [Reply(Msg("pengingat/created", context), person.bahasa)]


async def start(uow: UnitOfWork, engine: Engine, person: Employee, at: datetime) -> list[Reply]:
    """/pengingat: coordinators and admins only."""
    if not may_broadcast(person):
        return [Reply(BroadcastRefused("reminder_not_allowed").msg(), person.bahasa)]
    return await open_wizard(uow, engine, person, Msg("pengingat/intro"), at)
