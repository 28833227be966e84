"""The nudges of the dialog kinerja, sent by the scheduler's tick and shown ahead by the
preview: load the state of a day (handlers/dialog/nudges.py decides), queue each nudge at
09:00 on its recipient's clock (moved off quiet hours), record it so it goes once."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

from handlers.calendar import QuietHours, WorkCalendar, local, next_allowed, reminder_due
from handlers.cycle import cycle_on
from handlers.dialog.acting import covers
from handlers.dialog.nudges import (
    IN_DIALOGUE,
    NUDGE_AT,
    Kind,
    Nudge,
    NudgeState,
    candidates,
    due,
    key,
)
from handlers.dialog.oversight_ports import Someone
from handlers.effects import Button, Msg
from handlers.model import Role, Zone
from handlers.notify import Notify, notify
from handlers.outbox import Kind as OutboxKind
from handlers.ports import UnitOfWork

LOOKAHEAD = timedelta(minutes=2)  # queued a little early so the tick's period adds no delay
BUTTONS_SHOWN = 5  # plans a reminder offers to open


async def load(uow: UnitOfWork, day: date) -> NudgeState | None:
    """What the rules read on ``day``; None when no cycle is being planned then."""
    cycle = cycle_on(await uow.cycles.all(), day)
    if cycle is None:
        return None
    plans = await uow.oversight.waiting(cycle.year, frozenset(s.value for s in IN_DIALOGUE))
    assignments = await uow.oversight.acting(on=day)
    acting = {p.id: p for p in await uow.oversight.people([a.acting_id for a in assignments])}
    coordinator_ids = await uow.employees.ids_with_role(Role.KOORDINATOR_PEMBELAJARAN)
    coordinators = tuple(await uow.oversight.people(coordinator_ids))
    handlers: dict[int, tuple[Someone, ...]] = {}
    by_coordinators = set()
    for plan in plans:
        found = [plan.supervisor] if plan.supervisor is not None else []
        found += [acting[a.acting_id] for a in assignments
                  if a.acting_id in acting and covers(a, plan.owner.id, plan.unit)]  # fmt: skip
        if not found:
            by_coordinators.add(plan.plan_id)
            found = [c for c in coordinators if c.id != plan.owner.id]
        handlers[plan.plan_id] = tuple(dict.fromkeys(found))
    earliest = min((p.since.date() for p in plans), default=day) - timedelta(days=1)
    unit_closes = {w.unit: w.ends for w in await uow.dialog.windows(cycle.year) if w.unit}
    latest = max(day, cycle.dialogue_to, *unit_closes.values()) + timedelta(days=1)
    calendar = WorkCalendar(cuti_bersama=await uow.cuti_bersama.between(earliest, latest))
    state = NudgeState(tuple(plans), handlers, coordinators,
                       await uow.oversight.settings(cycle.year), cycle.dialogue_to, calendar,
                       by_coordinators=frozenset(by_coordinators),
                       unit_closes=unit_closes)  # fmt: skip
    keys = [key(kind, overdue.plan, who) for kind, who, overdue in candidates(state, day)]
    return replace(state, sent=frozenset(await uow.oversight.sent_keys(keys)))


def moment(nudge: Nudge, calendar: WorkCalendar, quiet: QuietHours) -> datetime:
    """When ``nudge`` goes out, in UTC: 09:00 on its day on the recipient's clock."""
    return reminder_due(nudge.day, NUDGE_AT, nudge.recipient.zone, calendar, quiet)


def context(nudge: Nudge, state: NudgeState) -> dict[str, object]:
    plans = [{"employee": o.plan.owner.nama, "unit": o.plan.unit, "days": o.days,
              "status": o.plan.status, "by_coordinator": o.handled_by_coordinator,
              "since": local(o.plan.since, nudge.recipient.zone).date(),
              "supervisor": o.plan.supervisor.nama if o.plan.supervisor else None,
             "closes": state.closes_for(o.plan)}
             for o in nudge.plans]  # fmt: skip
    closes = min((p["closes"] for p in plans if p["closes"]), default=state.window_closes)
    return {"plans": plans, "closes": closes, "settings": vars(state.settings)}


def buttons(nudge: Nudge) -> tuple[tuple[Button, ...], ...]:
    if nudge.kind not in (Kind.SCHEDULE, Kind.WINDOW) or nudge.recipient.id in {
        o.plan.owner.id for o in nudge.plans
    }:
        return ()
    return tuple((Button(Msg("label/view_plan", {"name": o.plan.owner.nama}),
                         f"plan:view:{o.plan.plan_id}"),)
                 for o in nudge.plans[:BUTTONS_SHOWN])  # fmt: skip


def of_zone(nudges: Iterable[Nudge], zone: Zone) -> list[Nudge]:
    return [n for n in nudges if n.recipient.zone == zone]


async def scan(uow: UnitOfWork, now: datetime, quiet: QuietHours) -> int:
    """Queue the nudges whose moment has come in each zone, record them; commit; how many."""
    queued = 0
    states: dict[date, NudgeState | None] = {}
    for zone in Zone:
        day = local(now, zone).date()
        if day not in states:  # the zones share a day most of the time: loaded once
            states[day] = await load(uow, day)
        state = states[day]
        if state is None:
            continue
        for nudge in of_zone(due(state, day), zone):
            at = moment(nudge, state.calendar, quiet)
            if at > now + LOOKAHEAD:
                continue
            if at < now:  # its moment passed while the bot was down: the first allowed one
                at = next_allowed(local(now, zone), state.calendar, quiet).astimezone(UTC)
            text = Msg(nudge.template, context(nudge, state))
            message = Notify(nudge.recipient.id, text, due_at=at, buttons=buttons(nudge),
                             dedupe_key=nudge.dedupe_key, kind=OutboxKind.REMINDER)  # fmt: skip
            if not await notify(uow, message, now):
                continue  # this kind went to them today already: the rest go tomorrow
            for record, plan_id in nudge.keys:
                await uow.oversight.record_sent(record, nudge.kind.value, nudge.recipient.id,
                                                plan_id, day, now)  # fmt: skip
            queued += 1
    await uow.commit()
    return queued
