"""Open each quarter's check-in: on the cycle's check-in date every employee with an agreed
or verified plan is asked, at 09:00 of a working day on their own clock, quiet hours kept
(the scheduler's tick; the rows are the truth, so a restart asks nobody twice). "Ingatkan
besok" asks again at 09:00 of the next working day."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

from handlers.calendar import QuietHours, WorkCalendar, local, next_allowed, reminder_due
from handlers.checkin import notices
from handlers.checkin.due import CHECKED_PLANS, quarter_open
from handlers.checkin.model import CheckinState
from handlers.checkin.ports import Checkin
from handlers.cycle import agency_day, current_cycle
from handlers.model import Employee
from handlers.ports import UnitOfWork

ASK_AT = time(9, 0)
BATCH = 500  # check-ins opened per transaction


async def calendar_around(uow: UnitOfWork, now: datetime) -> WorkCalendar:
    day = agency_day(now)
    return WorkCalendar(
        cuti_bersama=await uow.cuti_bersama.between(
            day - timedelta(days=3), day + timedelta(days=40)
        )
    )


def moment(
    person: Employee, day: datetime, calendar: WorkCalendar, quiet: QuietHours, now: datetime
) -> datetime:
    """09:00 on ``day``'s date on the person's clock, moved to a working day and off quiet
    hours; a moment already past: the first allowed one from now."""
    at = reminder_due(
        local(day, person.zona_waktu).date(), ASK_AT, person.zona_waktu, calendar, quiet
    )
    if at < now:
        at = next_allowed(local(now, person.zona_waktu), calendar, quiet).astimezone(UTC)
    return at


async def scan(uow: UnitOfWork, now: datetime, quiet: QuietHours) -> int:
    """Open the check-ins of the quarter whose date has come; commit; how many were opened."""
    cycle = await current_cycle(uow, now)
    quarter = quarter_open(cycle, agency_day(now)) if cycle is not None else None
    if cycle is None or quarter is None:
        return 0
    due_on = cycle.checkins[quarter - 1]
    calendar = await calendar_around(uow, now)
    opened = 0
    for plan in await uow.checkins.to_ask(cycle.year, quarter, CHECKED_PLANS):
        person = await uow.employees.by_id(plan.employee_id)
        checkin_id = await uow.checkins.open(plan, quarter, due_on, now)
        found = await uow.checkins.get(checkin_id) if checkin_id is not None else None
        if person is None or found is None:
            continue
        await notices.ask(uow, person, found, moment(person, now, calendar, quiet, now), now)
        opened += 1
        if opened % BATCH == 0:  # a large agency: progress kept as it goes
            await uow.commit()
    await uow.commit()
    return opened


async def snooze(
    uow: UnitOfWork, person: Employee, checkin: Checkin, now: datetime, quiet: QuietHours
) -> datetime:
    """Ask again at 09:00 of the next working day on the person's clock; when that is."""
    calendar = await calendar_around(uow, now)
    tomorrow = local(now, person.zona_waktu).date() + timedelta(days=1)
    at = reminder_due(tomorrow, ASK_AT, person.zona_waktu, calendar, quiet)
    await uow.checkins.snooze(checkin.id, at, now)
    await notices.ask(
        uow, person, checkin, at, now, "checkin/snoozed_notice", f"snooze:{tomorrow.isoformat()}"
    )
    return at


def open_for_answers(checkin: Checkin) -> bool:
    return checkin.state in (CheckinState.ASKED, CheckinState.IN_PROGRESS)
