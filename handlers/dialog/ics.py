"""The dialog kinerja appointment as an iCalendar file (RFC 5545), for any calendar app:
``METHOD:REQUEST`` with the appointment, each change with a higher ``SEQUENCE`` under the
same ``UID``, and ``METHOD:CANCEL`` when it is called off."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from icalendar import Calendar, Event, vCalAddress, vText

from handlers.effects import Attachment

PRODID = "-//idp-bot//dialog kinerja//ID"
MIME = "text/calendar"


@dataclass(frozen=True)
class Meeting:
    """What the file says: one appointment between a supervisor and an employee."""

    uid: str
    starts: datetime  # aware
    ends: datetime
    sequence: int
    summary: str
    description: str
    organizer: str  # the supervisor's name
    attendee: str  # the employee's name
    stamp: datetime


def calendar(meeting: Meeting, *, cancel: bool = False) -> bytes:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("method", "CANCEL" if cancel else "REQUEST")
    event = Event()
    event.add("uid", meeting.uid)
    event.add("dtstamp", meeting.stamp)
    event.add("dtstart", meeting.starts)
    event.add("dtend", meeting.ends)
    event.add("sequence", meeting.sequence)
    event.add("summary", meeting.summary)
    event.add("description", meeting.description)
    event.add("status", "CANCELLED" if cancel else "CONFIRMED")
    organizer = vCalAddress("mailto:noreply@idp-bot.invalid")
    organizer.params["cn"] = vText(meeting.organizer)
    event["organizer"] = organizer
    attendee = vCalAddress("mailto:noreply@idp-bot.invalid")
    attendee.params["cn"] = vText(meeting.attendee)
    attendee.params["role"] = vText("REQ-PARTICIPANT")
    event.add("attendee", attendee, encode=False)
    cal.add_component(event)
    return bytes(cal.to_ical())


def attachment(meeting: Meeting, *, cancel: bool = False) -> Attachment:
    name = "dialog-kinerja-batal.ics" if cancel else "dialog-kinerja.ics"
    return Attachment(name=name, mime=MIME, data=calendar(meeting, cancel=cancel))
