"""What the scheduler would send on a day, without sending anything: the nudges and
escalations of the dialog kinerja, the coordinators' reminders, the check-ins opening — to
whom, at what time on their clock, and why (``idp-bot schedule preview --on DATE``, and
``/progres besok`` for coordinators). It reads what is stored now: a plan scheduled or a
nudge sent before that day changes the answer."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from handlers.audience import parse_audience
from handlers.calendar import QuietHours, local, reminder_due, zone_info
from handlers.cycle import cycle_on
from handlers.dialog.nudge_run import load, moment
from handlers.dialog.nudges import due
from handlers.effects import Msg
from handlers.model import Zone
from handlers.ports import UnitOfWork
from handlers.reminders import work_calendar

QUEUED_SHOWN = 200  # messages already queued for the day, listed one by one
TOMORROW_WORDS = ("besok", "tomorrow")
TODAY_WORDS = ("hari ini", "today", "")


class PreviewDateError(ValueError):
    """The day asked for is no date (``/progres kemarin``)."""


def day_asked(text: str, today: date) -> date:
    """``besok`` / ``tomorrow`` / ``hari ini`` / ``2026-12-10`` → the day; else an error."""
    word = text.strip().lower()
    if word in TOMORROW_WORDS:
        return today + timedelta(days=1)
    if word in TODAY_WORDS:
        return today
    try:
        return date.fromisoformat(word)
    except ValueError:
        raise PreviewDateError(text) from None


async def nudge_lines(uow: UnitOfWork, day: date, quiet: QuietHours) -> list[dict[str, object]]:
    state = await load(uow, day)
    if state is None:
        return []
    lines: list[dict[str, object]] = []
    for nudge in due(state, day):
        at = local(moment(nudge, state.calendar, quiet), nudge.recipient.zone)
        plans = [{"employee": o.plan.owner.nama, "days": o.days} for o in nudge.plans]
        lines.append({"kind": nudge.kind.value, "to": nudge.recipient.nama,
                      "zone": nudge.recipient.zone.value, "at": at.strftime("%H:%M"),
                      "on": at.date(), "plans": plans})  # fmt: skip
    return lines


async def reminder_lines(uow: UnitOfWork, day: date, quiet: QuietHours) -> list[dict[str, object]]:
    """The coordinators' reminders whose moment falls on ``day`` in some zone not yet sent."""
    lines = []
    for reminder, done in await uow.reminders.listing():
        if done:
            continue
        calendar = await work_calendar(uow, reminder.on_date)
        for zone in Zone:
            if zone in reminder.enqueued_zones:
                continue
            at = local(reminder_due(reminder.on_date, reminder.at_time, zone, calendar, quiet),
                       zone)  # fmt: skip
            if at.date() != day:
                continue
            audience = parse_audience(reminder.audience, reminder.on_date.year)
            lines.append({"id": reminder.id, "template": reminder.template, "zone": zone.value,
                          "at": at.strftime("%H:%M"), "audience": reminder.audience,
                          "people": await uow.outbox.count_audience(audience)})  # fmt: skip
    return lines


async def queued_lines(uow: UnitOfWork, day: date) -> list[dict[str, object]]:
    """What is already queued for ``day`` on its recipient's clock (appointment reminders,
    notices due later), broadcasts aside."""
    start = datetime.combine(day, time(0), zone_info(Zone.WIT)).astimezone(UTC)
    end = datetime.combine(day + timedelta(days=1), time(0), zone_info(Zone.WIB)).astimezone(UTC)
    lines: list[dict[str, object]] = []
    for queued in await uow.oversight.queued_between(start, end, QUEUED_SHOWN):
        at = local(queued.due_at, queued.recipient.zone)
        if at.date() == day:
            who = queued.recipient
            lines.append({"template": queued.template, "to": who.nama, "zone": who.zone.value,
                          "at": at.strftime("%H:%M")})  # fmt: skip
    return lines


async def preview(uow: UnitOfWork, day: date, quiet: QuietHours) -> Msg:
    """The day's plan of messages, as one text."""
    cycle = cycle_on(await uow.cycles.all(), day)
    checkins = [n + 1 for n, on in enumerate(cycle.checkins) if on == day] if cycle else []
    return Msg("dialog/team/preview", {
        "day": day, "nudges": await nudge_lines(uow, day, quiet),
        "reminders": await reminder_lines(uow, day, quiet),
        "queued": await queued_lines(uow, day),
        "checkins": checkins, "year": cycle.year if cycle else None,
    })  # fmt: skip
