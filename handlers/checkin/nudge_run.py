"""The check-in's nudges, sent by the scheduler's tick: load what waits (handlers/checkin/
nudges.py decides), queue each at 09:00 on its recipient's clock (a working day, quiet hours
kept), record it so it goes once."""

from __future__ import annotations

from datetime import UTC, datetime

from handlers.calendar import QuietHours, local, next_allowed, reminder_due
from handlers.checkin.nudges import Nudge, Waiting, due, since
from handlers.checkin.opening import ASK_AT, calendar_around, checkin_years
from handlers.cycle import agency_day
from handlers.dialog.acting import notice_recipients
from handlers.dialog.oversight_ports import Someone
from handlers.effects import Button, Msg
from handlers.model import Employee, Role
from handlers.notify import Notify, notify
from handlers.outbox import Kind as OutboxKind
from handlers.ports import UnitOfWork


def someone(person: Employee) -> Someone:
    return Someone(person.id, person.nama, person.zona_waktu, person.bahasa)


async def waiting(uow: UnitOfWork, year: int, now: datetime) -> list[Waiting]:
    found = []
    open_ones = await uow.checkins.waiting(year)
    latest: dict[int, int] = {}
    for checkin in open_ones:
        latest[checkin.plan_id] = max(latest.get(checkin.plan_id, 0), checkin.quarter)
    for checkin in open_ones:
        owner = await uow.employees.by_id(checkin.employee_id)
        start = since(checkin)
        superseded = checkin.quarter < latest[checkin.plan_id] and checkin.submitted_at is None
        if owner is None or start is None or superseded:  # a newer quarter is asked now
            continue
        handlers = tuple(someone(p) for p, _ in await notice_recipients(uow, owner, now))
        snoozed = (
            local(checkin.snoozed_until, owner.zona_waktu).date() if checkin.snoozed_until else None
        )
        found.append(Waiting(checkin, someone(owner), handlers, start, snoozed))
    return found


def message(nudge: Nudge) -> tuple[Msg, tuple[tuple[Button, ...], ...]]:
    checkin = nudge.waiting.checkin
    context = {
        "employee": nudge.waiting.owner.nama,
        "quarter": checkin.quarter,
        "year": checkin.year,
        "days": nudge.days,
    }
    action = "start" if nudge.recipient.id == nudge.waiting.owner.id else "view"
    label = Msg("checkin/label", {"key": "start" if action == "start" else "view"})
    return Msg(nudge.template, context), ((Button(label, f"ci:{action}:{checkin.id}"),),)


async def scan(uow: UnitOfWork, now: datetime, quiet: QuietHours) -> int:
    """Queue the nudges due today, record them; commit; how many were queued."""
    years = await checkin_years(uow, now)
    if not years:
        return 0
    day = agency_day(now)
    calendar = await calendar_around(uow, now)
    coordinator_ids = await uow.employees.ids_with_role(Role.KOORDINATOR_PEMBELAJARAN)
    coordinators = tuple(await uow.oversight.people(coordinator_ids))
    open_ones = [w for year in years for w in await waiting(uow, year, now)]
    candidates = due(open_ones, coordinators, calendar, day)
    sent = await uow.oversight.sent_keys([n.key for n in candidates])
    queued = 0
    for nudge in candidates:
        if nudge.key in sent:
            continue
        zone = nudge.recipient.zone
        at = reminder_due(local(now, zone).date(), ASK_AT, zone, calendar, quiet)
        if at < now:
            at = next_allowed(local(now, zone), calendar, quiet).astimezone(UTC)
        text, buttons = message(nudge)
        await notify(
            uow,
            Notify(
                nudge.recipient.id,
                text,
                due_at=at,
                buttons=buttons,
                dedupe_key=f"nudge:{nudge.key}",
                kind=OutboxKind.REMINDER,
            ),
            now,
        )
        await uow.oversight.record_sent(
            nudge.key, nudge.kind.value, nudge.recipient.id, nudge.waiting.checkin.plan_id, day, now
        )
        queued += 1
    await uow.commit()
    return queued
