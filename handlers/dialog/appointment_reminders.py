"""The two reminders of an agreed dialog kinerja, for each side: on the working day before
(09:00 on their own clock, moved off quiet hours) and an hour before it starts. They are
outbox rows with a due time — the sender's tick sends them when it comes — so a restart
loses none; moving or cancelling the date calls them off by their common key prefix."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from handlers.calendar import QuietHours, WorkCalendar, local, reminder_due
from handlers.dialog.model import Appointment
from handlers.dialog.parties import Parties, calendar_between
from handlers.dialog.slot import shown
from handlers.effects import Msg
from handlers.notify import Notify, notify
from handlers.outbox import Kind
from handlers.ports import UnitOfWork

PREFIX = "dialog-appointment:"
DAY_BEFORE_AT = time(9, 0)
HOUR_BEFORE = timedelta(hours=1)
LOOK_BACK = timedelta(days=30)  # no calendar has a month without a working day


def prefix(plan_id: int) -> str:
    return f"{PREFIX}{plan_id}:"


def working_day_before(day: date, calendar: WorkCalendar) -> date:
    candidate = day - timedelta(days=1)
    while not calendar.is_working_day(candidate):
        candidate -= timedelta(days=1)
    return candidate


async def queue(
    uow: UnitOfWork, found: Parties, appointment: Appointment, quiet: QuietHours, now: datetime
) -> int:
    """Queue both reminders for both sides (those still ahead); how many were queued."""
    starts = appointment.starts_at
    assert starts is not None
    queued = 0
    for person, other in ((found.supervisor, found.owner), (found.owner, found.supervisor)):
        meeting_day = local(starts, person.zona_waktu).date()
        calendar = await calendar_between(uow, meeting_day - LOOK_BACK, meeting_day)
        before = working_day_before(meeting_day, calendar)
        due = {
            "day": reminder_due(before, DAY_BEFORE_AT, person.zona_waktu, calendar, quiet),
            "hour": starts - HOUR_BEFORE,
        }
        for which, at in due.items():
            if at <= now or at >= starts:
                continue
            context = {**shown(starts, person.zona_waktu), "which": which, "with": other.nama,
                       "year": found.plan.year}  # fmt: skip
            key = f"{prefix(found.plan.id)}{appointment.revision}:{which}:{person.id}"
            text = Msg("dialog/schedule/reminder", context)
            queued += await notify(uow, Notify(person.id, text, due_at=at, dedupe_key=key,
                                               kind=Kind.REMINDER), now)  # fmt: skip
    return queued


async def call_off(uow: UnitOfWork, plan_id: int) -> int:
    """Cancel the plan's appointment reminders not sent yet."""
    return await uow.outbox.cancel_pending(prefix(plan_id))
