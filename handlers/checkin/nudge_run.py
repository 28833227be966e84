"""The check-in's nudges, sent by the scheduler's tick: load what waits (handlers/checkin/
nudges.py decides), queue each at 09:00 on its recipient's clock (a working day, quiet hours
kept), record it so it goes once."""

from __future__ import annotations

from datetime import UTC, datetime

from handlers.calendar import QuietHours, local, next_allowed, reminder_due
from handlers.checkin.nudges import Nudge, Waiting, due, since
from handlers.checkin.opening import ASK_AT, calendar_around
from handlers.cycle import agency_day, current_cycle
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
    for checkin in await uow.checkins.waiting(year):
        owner = await uow.employees.by_id(checkin.employee_id)
        start = since(checkin)
        if owner is None or start is None:
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
    cycle = await current_cycle(uow, now)
    if cycle is None:
        return 0
    day = agency_day(now)
    calendar = await calendar_around(uow, now)
    coordinator_ids = await uow.employees.ids_with_role(Role.KOORDINATOR_PEMBELAJARAN)
    coordinators = tuple(await uow.oversight.people(coordinator_ids))
    candidates = due(await waiting(uow, cycle.year, now), coordinators, calendar, day)
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
