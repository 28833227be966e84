"""Reminders the coordinator sets for the cycle: "on 10 January at 09:00, remind everyone who
has not submitted Formulir 1 that the deadline is 15 January".

A reminder reaches each person at the set time on their own clock, moved off quiet hours and
off weekends, national holidays and cuti bersama days. The scheduler's scan queues each zone's
recipients when that zone's moment arrives — the audience is read then, so a person who
submitted in the meantime is not reminded — and a dedupe key per person makes a repeated scan
(or a restart after downtime) queue nobody twice.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from handlers.access import Action, Actor, may
from handlers.audience import AudienceError, parse_audience
from handlers.broadcast import BroadcastRefused
from handlers.calendar import QuietHours, WorkCalendar, local, next_allowed, reminder_due
from handlers.model import Zone
from handlers.outbox import AudienceMessage, Kind
from handlers.ports import ReminderRecord, UnitOfWork

TEMPLATES = {
    "formulir1_not_started": "reminder/formulir1_not_started",
    "formulir1_not_submitted": "reminder/formulir1_not_submitted",
}
CALENDAR_SPAN = timedelta(days=60)  # cuti bersama looked up around a reminder's date
DEDUPE_PREFIX = "reminder:"  # each queued row's key: reminder:<id>:<employee id>
LOOKAHEAD = timedelta(minutes=2)  # queued a little early so the scan's period adds no delay


async def add(
    uow: UnitOfWork,
    actor: Actor,
    audience_text: str,
    template: str,
    on: date,
    at: time,
    deadline: date | None,
    now: datetime,
    cycle_year: int,
) -> tuple[int, str]:
    """Set a reminder (coordinators and administrators only); commit; return its id and
    its audience as stored (a stage audience names its cycle year)."""
    if not may(actor, Action.SET_REMINDERS):
        raise BroadcastRefused("not_allowed")
    try:
        audience = parse_audience(audience_text, cycle_year)
    except AudienceError as error:
        raise BroadcastRefused(f"audience_{error.reason}", error.given) from None
    if template not in TEMPLATES:
        raise BroadcastRefused("template", template)
    reminder_id = await uow.reminders.add(str(audience), TEMPLATES[template], on, at, deadline, now)
    await uow.commit()
    return reminder_id, str(audience)


async def still_to_send(uow: UnitOfWork, actor: Actor) -> list[ReminderRecord]:
    """The reminders not yet sent to every zone, by date (coordinators and admins only)."""
    if not may(actor, Action.SET_REMINDERS):
        raise BroadcastRefused("reminder_not_allowed")
    return [reminder for reminder, done in await uow.reminders.listing() if not done]


async def remove(uow: UnitOfWork, actor: Actor, reminder_id: int) -> bool:
    """Delete a reminder and call off what it queued and has not gone out yet (a zone queued
    a little early, a batch still sending); commit; False if unknown."""
    if not may(actor, Action.SET_REMINDERS):
        raise BroadcastRefused("reminder_not_allowed")
    removed = await uow.reminders.remove(reminder_id)
    if removed:
        await uow.outbox.cancel_pending(f"{DEDUPE_PREFIX}{reminder_id}:")
    await uow.commit()
    return removed


async def when_it_goes(uow: UnitOfWork, on: date, at: time, quiet: QuietHours) -> dict[str, object]:
    """When a reminder set for ``on`` ``at`` really goes out (the same on every clock), and
    why it moved, if it did: a day that is no working day, a time in the quiet hours."""
    calendar = await work_calendar(uow, on)
    wanted = datetime.combine(on, at)
    goes = next_allowed(wanted, calendar, quiet)
    return {"on": on, "at": at.strftime("%H:%M"), "moved": goes != wanted,
            "holiday": not calendar.is_working_day(on), "quiet": quiet.contains(at),
            "goes_on": goes.date(), "goes_at": goes.strftime("%H:%M")}  # fmt: skip


async def work_calendar(uow: UnitOfWork, around: date) -> WorkCalendar:
    days = await uow.cuti_bersama.between(around - CALENDAR_SPAN, around + CALENDAR_SPAN)
    return WorkCalendar(cuti_bersama=days)


def send_time(
    reminder: ReminderRecord, zone: Zone, now: datetime, calendar: WorkCalendar, quiet: QuietHours
) -> datetime:
    """When ``zone``'s recipients get ``reminder``: its moment, or — if that passed while
    the bot was down — the first allowed moment from now."""
    due = reminder_due(reminder.on_date, reminder.at_time, zone, calendar, quiet)
    if due >= now:
        return due
    return next_allowed(local(now, zone), calendar, quiet).astimezone(due.tzinfo)


async def scan(uow: UnitOfWork, now: datetime, quiet: QuietHours, cycle_year: int) -> int:
    """Queue every zone whose reminder moment has come; commit; return rows queued."""
    queued = 0
    for reminder in await uow.reminders.open():
        calendar = await work_calendar(uow, reminder.on_date)
        due = {
            zone: reminder_due(reminder.on_date, reminder.at_time, zone, calendar, quiet)
            for zone in Zone
        }
        ready = {z for z in Zone if due[z] <= now + LOOKAHEAD and z not in reminder.enqueued_zones}
        if not ready:
            continue
        audience = parse_audience(reminder.audience, cycle_year)
        context = {"deadline": reminder.deadline}
        message = AudienceMessage(
            Kind.REMINDER, reminder.template, context, dedupe_prefix=f"{DEDUPE_PREFIX}{reminder.id}"
        )
        when = {zone: send_time(reminder, zone, now, calendar, quiet) for zone in ready}
        queued += await uow.outbox.enqueue_audience(audience, message, when, now)
        zones = reminder.enqueued_zones | frozenset(ready)
        await uow.reminders.mark_enqueued(reminder.id, zones, done=zones == frozenset(Zone))
    await uow.commit()
    return queued
