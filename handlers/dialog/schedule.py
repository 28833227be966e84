"""Agreeing the dialog kinerja's date: the supervisor proposes a time inside the window,
the employee accepts it or offers another (which the supervisor accepts or counters); both
get the appointment with its .ics file and two reminders. Either side can move or call off
an agreed date; the other is told. Every step is in the plan's audit log."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from handlers.calendar import QuietHours, local
from handlers.dialog import appointment_reminders
from handlers.dialog.ics import Meeting, attachment
from handlers.dialog.model import Appointment
from handlers.dialog.parties import Parties, ScheduleRefused, parties, rules, window_of
from handlers.dialog.slot import LENGTH, SlotRefused, check_moment, shown
from handlers.effects import Attachment, Button, Msg, Reply
from handlers.model import Employee
from handlers.notify import Notify, notify
from handlers.plan.lifecycle import Event, Refused, State
from handlers.plan.model import PlanEvent
from handlers.plan.transitions import fire
from handlers.ports import UnitOfWork

BUTTON = "dlg"  # payloads: dlg:sched:<plan> · dlg:ok:<plan>:<revision> · dlg:cancel:<plan> …


def new_appointment(plan_id: int, revision: int) -> Appointment:
    return Appointment(plan_id, uid=f"dialog-{plan_id}-{revision}@idp-bot", revision=revision)


async def may_propose(uow: UnitOfWork, person: Employee, plan_id: int, now: datetime) -> Parties:
    """The supervisor proposes (and moves an agreed date); the employee offers another time
    when one was proposed to them, or moves an agreed date."""
    found = await parties(uow, plan_id, person, now)
    current = await uow.dialog.appointment(plan_id)
    state = found.plan.status
    if state == State.SCHEDULED.value:
        return found
    if state != State.SUBMITTED.value:
        raise ScheduleRefused("state")
    if not found.by_supervisor and (current is None or current.proposed_at is None):
        raise ScheduleRefused("actor")
    window = await window_of(uow, found.plan, found.owner)
    if local(now, person.zona_waktu).date() > window.ends:  # no date can be booked any more
        raise ScheduleRefused("window_over")
    return found


async def propose(
    uow: UnitOfWork, person: Employee, plan_id: int, starts_at: datetime, now: datetime
) -> list[Reply]:
    """Offer ``starts_at`` to the other side (checked against the window and the calendar
    once more: the form's check was at typing time)."""
    found = await may_propose(uow, person, plan_id, now)
    wall = starts_at.astimezone(UTC)
    clock = local(wall, person.zona_waktu)
    try:
        check_moment(clock.date(), clock.time(), await rules(uow, found, now))
    except SlotRefused as refusal:
        raise ScheduleRefused(refusal.reason) from refusal
    current = await uow.dialog.appointment(plan_id)
    base = current or new_appointment(plan_id, 0)
    offered = replace(base, proposed_at=wall, proposed_by=person.id, revision=base.revision + 1)
    await save(uow, offered, now)
    await audit(uow, found, "propose_date", now, wall.isoformat())
    other = found.other
    context = {**shown(wall, other.zona_waktu), "by": person.nama, "year": found.plan.year,
               "moved": offered.starts_at is not None, "employee": found.owner.nama}  # fmt: skip
    key = f"dialog-offer:{plan_id}:{offered.revision}"
    buttons = answer_buttons(plan_id, offered.revision)
    for told in found.others:
        offer = Notify(told.id, Msg("dialog/schedule/offered", context), buttons=buttons,
                       dedupe_key=f"{key}:{told.id}")  # fmt: skip
        await notify(uow, offer, now)
    done = {**shown(wall, person.zona_waktu), "with": other.nama}
    return [Reply(Msg("dialog/schedule/proposed", done), person.bahasa)]


async def accept(
    uow: UnitOfWork, person: Employee, plan_id: int, revision: int, now: datetime,
    quiet: QuietHours,
) -> list[Reply]:  # fmt: skip
    """Take the other side's offer: the date is agreed; both get it with the .ics file."""
    found = await parties(uow, plan_id, person, now)
    current = await uow.dialog.appointment(plan_id)
    if current is None or current.proposed_at is None:
        raise ScheduleRefused("nothing")
    if current.revision != revision:
        raise ScheduleRefused("stale")
    if current.proposed_by == person.id:
        raise ScheduleRefused("own_offer")
    if current.proposed_at <= now:
        raise ScheduleRefused("past")
    moved = current.starts_at is not None
    agreed = replace(current, starts_at=current.proposed_at, proposed_at=None, proposed_by=None,
                     sequence=current.sequence + 1 if moved else 0,
                     revision=current.revision + 1)  # fmt: skip
    await moved_in_lifecycle(uow, found, Event.RESCHEDULE if moved else Event.SCHEDULE, now)
    await save(uow, agreed, now)
    await appointment_reminders.call_off(uow, plan_id)
    await appointment_reminders.queue(uow, found, agreed, quiet, now)
    ics = attachment(meeting(found, agreed, now))
    return await tell_both(uow, found, "dialog/schedule/confirmed", agreed, ics, now,
                           {"moved": moved})  # fmt: skip


async def cancel(uow: UnitOfWork, person: Employee, plan_id: int, now: datetime) -> list[Reply]:
    """Call off the agreed date (the plan waits for a new one), or withdraw an offer."""
    found = await parties(uow, plan_id, person, now)
    current = await uow.dialog.appointment(plan_id)
    if current is None or (current.starts_at is None and current.proposed_at is None):
        raise ScheduleRefused("nothing")
    if current.starts_at is None:
        withdrawn = replace(current, proposed_at=None, proposed_by=None,
                            revision=current.revision + 1)  # fmt: skip
        await save(uow, withdrawn, now)
        await audit(uow, found, "withdraw_date", now, None)
        told = {"by": person.nama, "year": found.plan.year, "employee": found.owner.nama}
        for other in found.others:
            await notify(uow, Notify(other.id, Msg("dialog/schedule/withdrawn", told)), now)
        return [Reply(Msg("dialog/schedule/withdraw_done", {"with": found.other.nama}),
                      person.bahasa)]  # fmt: skip
    await moved_in_lifecycle(uow, found, Event.CANCEL_SCHEDULE, now)
    called_off = replace(current, sequence=current.sequence + 1)
    ics = attachment(meeting(found, called_off, now), cancel=True)
    after = new_appointment(plan_id, current.revision + 1)  # a new date gets a new UID
    await save(uow, after, now)
    await appointment_reminders.call_off(uow, plan_id)
    return await tell_both(uow, found, "dialog/schedule/cancelled", called_off, ics, now, {})


async def moved_in_lifecycle(uow: UnitOfWork, found: Parties, event: Event, now: datetime) -> None:
    try:
        await fire(uow, found.plan, event, found.who, now, employee_id=found.acting.id)
    except Refused as refusal:
        raise ScheduleRefused(refusal.reason) from refusal


async def save(uow: UnitOfWork, after: Appointment, now: datetime) -> None:
    """Store ``after``; another update that changed the appointment first wins."""
    if not await uow.dialog.save_appointment(after, now):
        raise ScheduleRefused("stale")


async def audit(
    uow: UnitOfWork, found: Parties, event: str, now: datetime, note: str | None
) -> None:
    """A scheduling step that moves no state, in the plan's audit log all the same."""
    status = found.plan.status
    await uow.plan_records.append(PlanEvent(found.plan.id, event, status, status, now,
                                            found.acting.id, note=note))  # fmt: skip


def meeting(found: Parties, appointment: Appointment, now: datetime) -> Meeting:
    starts = appointment.starts_at
    assert starts is not None
    year = found.plan.year
    return Meeting(
        uid=appointment.uid, starts=starts, ends=starts + LENGTH, sequence=appointment.sequence,
        summary=f"Dialog kinerja IDP {year}: {found.owner.nama} – {found.supervisor.nama}",
        description=f"Dialog kinerja (LAN 605/2025 BAB II B): Formulir 1 {year}",
        organizer=found.supervisor.nama, attendee=found.owner.nama, stamp=now,
    )  # fmt: skip


async def tell_both(
    uow: UnitOfWork, found: Parties, template: str, appointment: Appointment, ics: Attachment,
    now: datetime, extra: dict[str, object],
) -> list[Reply]:  # fmt: skip
    """The acting side is answered, the other told through the outbox; each sees the time on
    their own clock, and both get the .ics file."""
    starts = appointment.starts_at
    assert starts is not None

    def context(person: Employee, other: Employee) -> dict[str, object]:
        return {**shown(starts, person.zona_waktu), **extra, "with": other.nama,
                "by": found.acting.nama, "year": found.plan.year}  # fmt: skip

    acting = found.acting
    buttons = manage_buttons(found.plan.id) if template.endswith("confirmed") else ()
    key = f"{template}:{found.plan.id}:{appointment.revision}:{appointment.sequence}"
    for other in found.others:
        await notify(uow, Notify(other.id, Msg(template, context(other, acting)),
                                 buttons=buttons, dedupe_key=f"{key}:{other.id}",
                                 attachment=ics), now)  # fmt: skip
    other = found.other
    return [Reply(Msg(template, context(acting, other)), acting.bahasa, buttons=buttons,
                  attachment=ics)]  # fmt: skip


def answer_buttons(plan_id: int, revision: int) -> tuple[tuple[Button, ...], ...]:
    take = Button(Msg("dialog/schedule/label", {"key": "accept"}),
                  f"{BUTTON}:ok:{plan_id}:{revision}")  # fmt: skip
    other = Button(Msg("dialog/schedule/label", {"key": "other"}), f"{BUTTON}:sched:{plan_id}")
    return ((take,), (other,))


def manage_buttons(plan_id: int) -> tuple[tuple[Button, ...], ...]:
    move = Button(Msg("dialog/schedule/label", {"key": "move"}), f"{BUTTON}:sched:{plan_id}")
    drop = Button(Msg("dialog/schedule/label", {"key": "cancel"}), f"{BUTTON}:cancel:{plan_id}")
    return ((move, drop),)


async def forget(uow: UnitOfWork, plan_id: int, now: datetime) -> bool:
    """The plan went back to the employee (returned): its date and offer lapse, their
    reminders are called off; a resent plan is scheduled afresh. False: nothing booked."""
    current = await uow.dialog.appointment(plan_id)
    if current is None or (current.starts_at is None and current.proposed_at is None):
        return False
    await appointment_reminders.call_off(uow, plan_id)
    return await uow.dialog.save_appointment(new_appointment(plan_id, current.revision + 1), now)
