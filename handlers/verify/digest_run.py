"""The members' digest, sent by the scheduler's tick: on a working day of each member's own
calendar, at 09:00 on their clock (moved off quiet hours), one message saying what awaits
their group. The outbox's dedupe key (member, day) keeps it to one a day across restarts."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from handlers.calendar import QuietHours, WorkCalendar, local, next_allowed, reminder_due
from handlers.cycle import cycle_on
from handlers.dialog.oversight_ports import Someone
from handlers.effects import Button, Msg
from handlers.model import Zone
from handlers.notify import Notify, notify
from handlers.outbox import Kind
from handlers.ports import UnitOfWork
from handlers.verify.digest import DIGEST_AT, Digest, digests
from handlers.verify.ports import GroupCount

LOOKAHEAD = timedelta(minutes=2)  # queued a little early so the tick's period adds no delay
CALENDAR_DAYS = 14  # cuti bersama read ahead: quiet hours may push a digest past a holiday
OPEN = Button(Msg("verify/label", {"key": "open_queue"}), "vrf:queue")


async def scan(uow: UnitOfWork, now: datetime, quiet: QuietHours) -> int:
    """Queue the digests whose moment has come in each zone; commit; how many."""
    cycles = await uow.cycles.all()
    counts: dict[int, list[GroupCount]] = {}
    members: dict[str, list[Someone]] = {}
    queued = 0
    for zone in Zone:
        day = local(now, zone).date()
        cycle = cycle_on(cycles, day)
        cuti = await uow.cuti_bersama.between(day, day + timedelta(days=CALENDAR_DAYS))
        calendar = WorkCalendar(cuti_bersama=cuti)
        if cycle is None or not calendar.is_working_day(day):
            continue
        if cycle.year not in counts:
            counts[cycle.year] = await uow.verifications.counts(cycle.year)
        for count in counts[cycle.year]:
            if count.group not in members:
                members[count.group] = await uow.verifications.members(count.group)
        for digest in digests(counts[cycle.year], members, day):
            if digest.recipient.zone != zone:
                continue
            if await send(uow, digest, cycle.verification_by, now, calendar, quiet):
                queued += 1
    await uow.commit()
    return queued


async def send(
    uow: UnitOfWork, digest: Digest, deadline: date, now: datetime, calendar: WorkCalendar,
    quiet: QuietHours,
) -> bool:  # fmt: skip
    """Queue ``digest`` if its moment has come; False when not yet, or sent already today."""
    zone = digest.recipient.zone
    at = reminder_due(digest.day, DIGEST_AT, zone, calendar, quiet)
    if at > now + LOOKAHEAD:
        return False
    if at < now:  # its moment passed while the bot was down: the first allowed one
        at = next_allowed(local(now, zone), calendar, quiet).astimezone(UTC)
    text = Msg("verify/digest", {**digest.context, "deadline": deadline})
    message = Notify(digest.recipient.id, text, due_at=at,
                     buttons=((OPEN,),), dedupe_key=digest.dedupe_key,
                     kind=Kind.REMINDER)  # fmt: skip
    return await notify(uow, message, now)
