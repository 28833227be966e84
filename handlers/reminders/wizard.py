"""The reminder wizard on the form engine: coordinators and admins set Formulir 1 reminders."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from handlers import cycle, reminders
from handlers.access import Action, may
from handlers.audience import parse_audience
from handlers.broadcast import BroadcastRefused
from handlers.broadcast.wizard import audience_label
from handlers.calendar import NO_QUIET_HOURS, QuietHours
from handlers.effects import Button, Msg, Reply
from handlers.forms.dates import parse_date, parse_time
from handlers.forms.engine import Engine
from handlers.forms.model import FormContext, FormSession, Value
from handlers.forms.numbers import small_number
from handlers.forms.walk import Slot, Walk
from handlers.forms.wizard import WizardFlow, close_wizard, open_wizard, refused
from handlers.model import Employee
from handlers.ports import Clock, ReminderRecord, UnitOfWork
from handlers.reminders.form import PENGINGAT

WIT = ZoneInfo("Asia/Jayapura")  # the easternmost zone: its day begins first


class PengingatFlow(WizardFlow):
    """The wizard, knowing the quiet hours so that it can say when a reminder really goes."""

    form = PENGINGAT

    def __init__(
        self,
        clock: Clock,
        quiet: QuietHours = NO_QUIET_HOURS,
    ) -> None:
        super().__init__(clock)
        self.quiet = quiet

    async def after_answer(
        self, uow: UnitOfWork, person: Employee, walk: Walk, slot: Slot, at: datetime
    ) -> list[Msg]:
        """A time in the quiet hours is kept, with a word on when it will really go."""
        hour = parse_time(str(walk.answers.get("at") or "")) if slot.key == "at" else None
        on = parse_date(str(walk.answers.get("on") or ""))
        if hour is None or on is None or not self.quiet.contains(hour):
            return []
        goes = await reminders.when_it_goes(uow, on, hour, self.quiet)
        quiet = {"start": self.quiet.start.strftime("%H:%M"),
                 "end": self.quiet.end.strftime("%H:%M")}  # fmt: skip
        return [Msg("pengingat/quiet_note", {**goes, **quiet})]

    async def context(
        self, uow: UnitOfWork, person: Employee, session: FormSession, answers: dict[str, Value]
    ) -> FormContext:
        now = self.clock.now()
        on = parse_date(str(answers.get("on") or ""))
        year = await cycle.year_on(uow, on or cycle.agency_day(now))  # the plans it is about
        data: dict[str, object] = {"today": now.astimezone(WIT).date(), "recipients": None}
        if answers.get("who"):
            audience = parse_audience(f"stage:{answers['who']}", year)
            data["recipients"] = await uow.outbox.count_audience(audience)
        hour = parse_time(str(answers.get("at") or ""))
        if on is not None and hour is not None:
            data["goes"] = await reminders.when_it_goes(uow, on, hour, self.quiet)
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
        goes = await reminders.when_it_goes(uow, on, hour, self.quiet)
        context = {"id": reminder_id, "audience": audience_label(audience, on.year), **goes}
        return [Reply(Msg("pengingat/created", context), person.bahasa)]


async def start(uow: UnitOfWork, engine: Engine, person: Employee, at: datetime) -> list[Reply]:
    """/pengingat: coordinators and admins only."""
    if not may(person, Action.SET_REMINDERS):
        return [Reply(BroadcastRefused("reminder_not_allowed").msg(), person.bahasa)]
    return await open_wizard(uow, engine, person, Msg("pengingat/intro"), at)


async def listing(uow: UnitOfWork, person: Employee, quiet: QuietHours) -> list[Reply]:
    """/pengingat daftar: the reminders still to go out, when they really go, each with a
    remove button."""
    try:
        found = await reminders.still_to_send(uow, person)
    except BroadcastRefused as refusal:
        return [Reply(refusal.msg(), person.bahasa)]
    rows = [await row(uow, reminder, quiet) for reminder in found]
    buttons = tuple(
        (Button(Msg("pengingat/remove_label", {"id": r.id}), f"rm:remove:{r.id}"),) for r in found
    )
    return [Reply(Msg("pengingat/list", {"reminders": rows}), person.bahasa, buttons)]


async def row(uow: UnitOfWork, reminder: ReminderRecord, quiet: QuietHours) -> dict[str, object]:
    goes = await reminders.when_it_goes(uow, reminder.on_date, reminder.at_time, quiet)
    return {
        "id": reminder.id, "audience": audience_label(reminder.audience, reminder.on_date.year),
        "deadline": reminder.deadline, "started": bool(reminder.enqueued_zones), **goes,
    }  # fmt: skip


async def remove(uow: UnitOfWork, person: Employee, value: str) -> list[Reply]:
    """A press of ``rm:remove:<id>``."""
    verb, _, number = value.partition(":")
    reminder_id = small_number(number) if verb == "remove" else None
    if reminder_id is None:
        return [Reply(Msg("menu/stale_button"), person.bahasa)]
    try:
        removed = await reminders.remove(uow, person, reminder_id)
    except BroadcastRefused as refusal:
        return [Reply(refusal.msg(), person.bahasa)]
    return [Reply(Msg("pengingat/removed", {"id": reminder_id, "removed": removed}),
                  person.bahasa)]  # fmt: skip
