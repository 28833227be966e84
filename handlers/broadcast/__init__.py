"""Broadcasts (*siaran*): a coordinator's own text to an audience, now or at a local time.

Only learning coordinators (*koordinator pembelajaran*) and administrators may broadcast.
The text is stored once and sent as given (HTML-escaped); one outbox row per recipient is
written in the same transaction, computed in the database. "At 09:00" means 09:00 on each
recipient's own clock (WIB, WITA, WIT), never in their quiet hours: a zone where that time
has passed, or where it is night, gets it later and the coordinator is told
(:mod:`handlers.broadcast.schedule`). A scheduled broadcast can be listed and cancelled;
its report counts what was sent, what failed and why, who could not be reached, and how many
deliveries are uncertain and why (a timeout, or the bot stopped while sending: the message
may have arrived twice); the live progress shows the same figures in the same words.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from handlers.access import Action, Actor, may
from handlers.access import Operator as Operator  # re-exported: callers' name
from handlers.audience import AudienceError, parse_audience
from handlers.broadcast.schedule import LocalTime as LocalTime  # re-exported: callers' name
from handlers.broadcast.schedule import delivery_times, moved_msg, passed_everywhere
from handlers.calendar import QuietHours, local
from handlers.effects import Msg
from handlers.model import Zone
from handlers.notify import Notify, notify
from handlers.outbox import AudienceMessage, Kind, Status
from handlers.ports import BroadcastRecord, BroadcastTally, UnitOfWork

MESSAGE_TEMPLATE = "broadcast/message"
# The longest broadcast text, in characters, from /siaran and from the command line alike.
# broadcast/message renders the text alone (no header), so a text this long is one Telegram
# message (4,096) with room for the escaping of a few & < >; a longer rendering is split into
# parts by bot.outgoing.split_text and still arrives whole.
TEXT_LIMIT = 4_000
PEOPLE_SHOWN = 20


class BroadcastRefused(Exception):
    """Why a broadcast request cannot be done; ``reason`` names the template branch."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(reason)
        self.reason = reason
        self.detail = detail

    def msg(self) -> Msg:
        return Msg("broadcast/refused", {"reason": self.reason, "detail": self.detail})


def set_for(record: BroadcastRecord) -> LocalTime | None:
    """The wall-clock time a scheduled broadcast was set for (each zone's own), read back
    from its due times: WIB, the last zone, is due at exactly that time. None: sent at once."""
    if record.first_due_at is None or record.last_due_at is None:
        return None
    if record.first_due_at == record.last_due_at:
        return None
    wib = local(record.last_due_at, Zone.WIB)
    return LocalTime(wib.date(), wib.time())


@dataclass(frozen=True)
class Created:
    id: int
    audience: str
    recipients: int
    due: dict[Zone, datetime]  # when each zone's recipients get it (UTC)
    moved: Msg | None = None  # the zones that do not get it as set, and when they do


@dataclass(frozen=True)
class Report:
    record: BroadcastRecord
    tally: BroadcastTally
    unreachable_people: list[tuple[str, str]]

    def count(self, status: Status) -> int:
        return self.tally.by_status.get(status.value, 0)

    @property
    def complete(self) -> bool:
        return not (self.count(Status.PENDING) or self.count(Status.SENDING))


def _allow(actor: Actor) -> None:
    if not may(actor, Action.BROADCAST):
        raise BroadcastRefused("not_allowed")


async def create(
    uow: UnitOfWork,
    actor: Actor,
    audience_text: str,
    text: str,
    when: LocalTime | None,
    now: datetime,
    cycle_year: int,
    *,
    quiet: QuietHours,
) -> Created:
    """Store the broadcast and queue it for every member of the audience, each zone at the
    moment :func:`~handlers.broadcast.schedule.delivery_times` gives (never in the quiet
    hours); commit (with whatever else ``uow`` holds). A refusal raises
    :class:`BroadcastRefused` having written nothing."""
    _allow(actor)
    try:
        audience = parse_audience(audience_text, cycle_year)
    except AudienceError as error:
        raise BroadcastRefused(f"audience_{error.reason}", error.given) from None
    body = text.strip()
    if not body:
        raise BroadcastRefused("empty")
    if len(body) > TEXT_LIMIT:
        raise BroadcastRefused("too_long", str(TEXT_LIMIT))
    times = delivery_times(when, now, quiet)
    if passed_everywhere(times):
        raise BroadcastRefused("past")
    due = {zone: t.at for zone, t in times.items()}
    if not await uow.outbox.count_audience(audience):
        raise BroadcastRefused("nobody", str(audience))  # nothing written
    created_by = None if isinstance(actor, Operator) else actor.id
    broadcast_id = await uow.broadcasts.create(str(audience), body, created_by, now)
    message = AudienceMessage(Kind.BROADCAST, MESSAGE_TEMPLATE, broadcast_id=broadcast_id)
    recipients = await uow.outbox.enqueue_audience(audience, message, due, now)
    await uow.broadcasts.schedule(broadcast_id, recipients, min(due.values()), max(due.values()))
    await uow.commit()
    moved = moved_msg(times, when, now, quiet)
    return Created(broadcast_id, str(audience), recipients, due, moved)


async def open_broadcasts(uow: UnitOfWork, actor: Actor) -> list[BroadcastRecord]:
    """Broadcasts scheduled or still sending, soonest first."""
    _allow(actor)
    return await uow.broadcasts.open()


async def cancel(uow: UnitOfWork, actor: Actor, broadcast_id: int, now: datetime) -> int:
    """Call off what has not gone out yet; returns how many messages will not be sent."""
    _allow(actor)
    record = await uow.broadcasts.get(broadcast_id)
    if record is None:
        raise BroadcastRefused("unknown_id", str(broadcast_id))
    if record.status != "scheduled":
        raise BroadcastRefused("finished", str(broadcast_id))
    cancelled = await uow.broadcasts.cancel(broadcast_id, now)
    await uow.commit()
    return cancelled


async def report(uow: UnitOfWork, actor: Actor, broadcast_id: int) -> Report:
    """The delivery report of one broadcast, as it stands now."""
    _allow(actor)
    found = await load_report(uow, broadcast_id)
    if found is None:
        raise BroadcastRefused("unknown_id", str(broadcast_id))
    return found


async def load_report(uow: UnitOfWork, broadcast_id: int) -> Report | None:
    record = await uow.broadcasts.get(broadcast_id)
    if record is None:
        return None
    tally = await uow.broadcasts.tally(broadcast_id)
    people = await uow.broadcasts.unreachable_people(broadcast_id, PEOPLE_SHOWN)
    return Report(record, tally, people)


def figures(found: Report) -> dict[str, int]:
    """What a broadcast came to, counted once for the live progress and the report alike:
    each message is sent, waiting, failed, unreachable or cancelled; ``uncertain`` of them
    may have arrived twice — ``stopped`` because the bot stopped while sending them (they go
    again), the rest because Telegram did not answer in time."""
    return {
        "total": found.record.recipients,
        "sent": found.count(Status.SENT),
        "waiting": found.count(Status.PENDING) + found.count(Status.SENDING),
        "failed": found.count(Status.FAILED),
        "unreachable": found.count(Status.UNREACHABLE),
        "cancelled": found.count(Status.CANCELLED),
        "uncertain": found.tally.uncertain,
        "stopped": found.tally.interrupted,
    }


def progress_msg(found: Report) -> Msg:
    """The live message the coordinator watches, in the report's words and figures."""
    return Msg("broadcast/progress", {"id": found.record.id, "done": found.complete,
                                      **figures(found)})  # fmt: skip


def audience_parts(stored: str) -> dict[str, object]:
    """An audience as stored, in the parts ``siaran/audience`` words (plain: storable)."""
    try:
        audience = parse_audience(stored, 0)  # a stage audience is stored with its year
    except AudienceError:
        return {"kind": stored, "value": "", "year": None}
    return {"kind": audience.kind.value, "value": audience.value, "year": audience.year}


def report_msg(found: Report) -> Msg:
    """The delivery report: the figures of the progress, with the reasons of the failures
    and the names of the people who could not be reached."""
    counted = figures(found)
    context = {
        **counted,
        "id": found.record.id,
        "audience": audience_parts(found.record.audience),
        "failures": sorted(found.tally.failures.items(), key=lambda pair: (-pair[1], pair[0])),
        "people": [{"nama": nama, "nip": nip} for nama, nip in found.unreachable_people],
        "more_people": max(0, counted["unreachable"] - len(found.unreachable_people)),
    }
    return Msg("broadcast/report", context)


async def finish_completed(uow: UnitOfWork, now: datetime) -> int:
    """Close every sending broadcast whose messages are all settled, queueing each report;
    how many were closed (for a process that shows no live progress, e.g. the terminal)."""
    closed = 0
    for record in await uow.broadcasts.started(now):
        found = await load_report(uow, record.id)
        closed += found is not None and await finish(uow, found, now)
    return closed


async def finish(uow: UnitOfWork, found: Report, now: datetime) -> bool:
    """Close a broadcast whose every message is settled and queue its report for the
    coordinator who sent it; True for the one caller that closed it."""
    if not found.complete or not await uow.broadcasts.finish(found.record.id, now):
        return False
    if found.record.created_by is not None:
        report_note = Notify(
            found.record.created_by, report_msg(found), dedupe_key=f"report:{found.record.id}"
        )
        await notify(uow, report_note, now)
    await uow.commit()
    return True
