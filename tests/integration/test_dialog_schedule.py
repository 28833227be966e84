"""Sri (WIB) schedules Budi's (WITA) dialog kinerja on the real storage (SQLite and
PostgreSQL): outside the window, on a Saturday or in the past she is refused; her offer
reaches Budi on his own clock; he accepts and both get the .ics file and two reminders each;
he moves it, she accepts (SEQUENCE 1, the old reminders called off); she cancels it
(METHOD:CANCEL) and the plan waits for a date again. The audit log tells it all."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from icalendar import Calendar
from sqlalchemy import select, update

from bot import admin
from bot.app import App
from handlers.calendar import NO_QUIET_HOURS
from handlers.dialog import schedule
from handlers.dialog.model import Window
from handlers.dialog.parties import ScheduleRefused
from handlers.effects import Reply
from handlers.model import Employee
from handlers.outbox import Status
from handlers.plan.lifecycle import Actor, Event, State
from handlers.plan.returning import return_plan
from handlers.plan.transitions import fire
from storage.models import EmployeeRow
from storage.outbox import OutboxRow

BUDI, SRI = "199004172015031003", "198206202008012002"
UNIT = "Pusat Pengembangan Kompetensi"
WITA, WIB = 8, 7  # hours ahead of UTC


async def sent_plan(app: App) -> tuple[Employee, Employee, int]:
    assert await admin.seed_demo(app)
    now = app.clock.now()
    async with app.uow() as uow:
        await uow.session.execute(  # type: ignore[attr-defined]
            update(EmployeeRow).where(EmployeeRow.nip == BUDI).values(zona_waktu="WITA")
        )
        await uow.dialog.set_window(2026, Window(date(2026, 12, 1), date(2026, 12, 18), UNIT),
                                    "tester", now)  # fmt: skip
        budi, sri = await uow.employees.by_nip(BUDI), await uow.employees.by_nip(SRI)
        assert budi is not None and sri is not None
        plan = await uow.plans.create(budi.id, 2026, now)
        await fire(uow, plan, Event.SUBMIT, frozenset({Actor.EMPLOYEE}), now, employee_id=budi.id)
        await uow.commit()
    return budi, sri, plan.id


def at(day: int, hour: int, ahead: int) -> datetime:
    """``hour`` o'clock on ``day`` December 2026 on a clock ``ahead`` hours ahead of UTC."""
    return datetime(2026, 12, day, hour, tzinfo=UTC) - timedelta(hours=ahead)


async def propose(app: App, who: Employee, plan_id: int, starts: datetime) -> list[Reply]:
    async with app.uow() as uow:
        replies = await schedule.propose(uow, who, plan_id, starts, app.clock.now())
        await uow.commit()
    return replies


async def accept(app: App, who: Employee, plan_id: int, revision: int) -> list[Reply]:
    async with app.uow() as uow:
        replies = await schedule.accept(uow, who, plan_id, revision, app.clock.now(),
                                        NO_QUIET_HOURS)  # fmt: skip
        await uow.commit()
    return replies


async def rows(app: App, template: str) -> list[Any]:
    """The outbox rows of ``template`` (their columns, read in the session)."""
    o = OutboxRow
    async with app.uow() as uow:
        found = await uow.session.execute(  # type: ignore[attr-defined]
            select(o.employee_id, o.due_at, o.status, o.context, o.attachment_id)
            .where(o.template == template).order_by(o.id))  # fmt: skip
        return list(found)


def event_of(ics: bytes) -> tuple[str, object]:
    calendar = Calendar.from_ical(ics)
    [event] = calendar.walk("VEVENT")
    return str(calendar["METHOD"]), event


@pytest.mark.parametrize(("starts", "reason"), [
    (at(5, 9, WIB), "holiday"),  # a Saturday
    (at(21, 9, WIB), "window"),  # after the unit's window
    (at(2, 19, WIB), "hours"),
    (datetime(2026, 11, 28, 2, tzinfo=UTC), "past"),
])  # fmt: skip
async def test_a_time_the_window_or_calendar_forbids_is_refused(
    app: App, starts: datetime, reason: str
) -> None:
    _, sri, plan_id = await sent_plan(app)
    with pytest.raises(ScheduleRefused) as refused:
        await propose(app, sri, plan_id, starts)
    assert refused.value.reason == reason
    assert await rows(app, "dialog/schedule/offered") == []


async def test_offered_accepted_moved_and_cancelled_with_ics_and_reminders(app: App) -> None:
    budi, sri, plan_id = await sent_plan(app)
    [done] = await propose(app, sri, plan_id, at(2, 9, WIB))
    assert done.text.context["time"] == "09:00" and done.text.context["zone"] == "WIB"
    [offer] = await rows(app, "dialog/schedule/offered")
    assert offer.employee_id == budi.id and '"time":"10:00"' in offer.context  # his clock
    assert '"zone":"WITA"' in offer.context

    with pytest.raises(ScheduleRefused, match="own_offer"):
        await accept(app, sri, plan_id, 1)
    [agreed] = await accept(app, budi, plan_id, 1)
    assert agreed.text.template == "dialog/schedule/confirmed"
    assert agreed.attachment is not None and agreed.attachment.name.endswith(".ics")
    method, event = event_of(agreed.attachment.data or b"")
    assert method == "REQUEST" and event["SEQUENCE"] == 0  # type: ignore[index]
    assert event.decoded("DTSTART") == at(2, 9, WIB)  # type: ignore[attr-defined]
    [told] = await rows(app, "dialog/schedule/confirmed")
    assert told.employee_id == sri.id and told.attachment_id is not None
    async with app.uow() as uow:
        assert (await uow.plans.get(plan_id)).status == State.SCHEDULED  # type: ignore[union-attr]
        [item] = [i for i in await uow.outbox.claim("console", "w", app.clock.now(),
                                                    timedelta(minutes=1), 10, unbound=True)
                  if i.template == "dialog/schedule/confirmed"]  # fmt: skip
        await uow.commit()
    assert item.attachment is not None and item.attachment.data == agreed.attachment.data

    reminders = {(r.employee_id, r.due_at) for r in await rows(app, "dialog/schedule/reminder")}
    assert reminders == {  # Tuesday 09:00 on each clock; an hour before it starts
        (sri.id, at(1, 9, WIB)), (budi.id, at(1, 9, WITA)),
        (sri.id, at(2, 8, WIB)), (budi.id, at(2, 8, WIB)),
    }  # fmt: skip

    await propose(app, budi, plan_id, at(3, 14, WITA))  # he moves it, on his clock
    [_, moved] = await rows(app, "dialog/schedule/offered")
    assert moved.employee_id == sri.id and '"time":"13:00"' in moved.context
    [again] = await accept(app, sri, plan_id, 3)
    _, event = event_of(again.attachment.data or b"")  # type: ignore[union-attr]
    assert event["SEQUENCE"] == 1 and event["UID"] == f"dialog-{plan_id}-0@idp-bot"  # type: ignore[index]
    statuses = [(r.due_at, r.status) for r in await rows(app, "dialog/schedule/reminder")]
    assert [s for _, s in statuses[:4]] == [Status.CANCELLED.value] * 4
    assert {d for d, s in statuses if s == Status.PENDING.value} == {
        at(2, 9, WIB),
        at(2, 9, WITA),
        at(3, 13, WITA),
        at(3, 13, WITA),
    }

    async with app.uow() as uow:
        [cancelled] = await schedule.cancel(uow, sri, plan_id, app.clock.now())
        await uow.commit()
    method, event = event_of(cancelled.attachment.data or b"")  # type: ignore[union-attr]
    assert method == "CANCEL" and event["SEQUENCE"] == 2  # type: ignore[index]
    assert all(
        r.status == Status.CANCELLED.value for r in await rows(app, "dialog/schedule/reminder")
    )
    async with app.uow() as uow:
        plan = await uow.plans.get(plan_id)
        log = [(e.event, e.from_state, e.to_state, e.employee_id)
               for e in await uow.plan_records.events(plan_id)]  # fmt: skip
    assert plan is not None and plan.status == State.SUBMITTED
    assert log == [
        ("submit", "draft", "submitted", budi.id),
        ("propose_date", "submitted", "submitted", sri.id),
        ("schedule", "submitted", "scheduled", budi.id),
        ("propose_date", "scheduled", "scheduled", budi.id),
        ("reschedule", "scheduled", "scheduled", sri.id),
        ("cancel_schedule", "scheduled", "submitted", sri.id),
    ]


async def test_returning_a_scheduled_plan_lets_its_date_and_reminders_lapse(app: App) -> None:
    budi, sri, plan_id = await sent_plan(app)
    await propose(app, sri, plan_id, at(2, 9, WIB))
    await accept(app, budi, plan_id, 1)
    async with app.uow() as uow:
        await return_plan(uow, plan_id, "Perjelas output item 1.", app.clock.now(), by=sri)
        await uow.commit()
    reminders = await rows(app, "dialog/schedule/reminder")
    assert len(reminders) == 4 and {r.status for r in reminders} == {Status.CANCELLED.value}
    async with app.uow() as uow:
        appointment = await uow.dialog.appointment(plan_id)
    assert appointment is not None and appointment.starts_at is None
    with pytest.raises(ScheduleRefused, match="state"):  # a draft again: nothing to schedule
        await propose(app, sri, plan_id, at(3, 9, WIB))
