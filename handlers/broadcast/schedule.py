"""When a broadcast reaches each time zone — one rule for /siaran and ``idp-bot broadcast``.

"At 07:00" means 07:00 on each recipient's own clock (WIB, WITA, WIT); "now" means now. A
zone where that moment is unfit moves, and the coordinator is told which zones and when:

- the local time has passed there already (07:00 WIB is 09:00 WIT): that zone gets it at
  once — or, if it is night there, when the quiet hours end;
- the moment falls in the quiet hours (``IDP_QUIET_HOURS``, the night, as for reminders):
  that zone gets it when they end. A broadcast sent "now" at 22:00 WIB waits for 07:00 in
  every zone where it is night.

Working days do not apply: a broadcast on a Saturday is the coordinator's choice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time

from handlers.calendar import QuietHours, local, wall_clock_to_utc
from handlers.effects import Msg
from handlers.model import Zone

PASSED, QUIET = "passed", "quiet"


@dataclass(frozen=True)
class LocalTime:
    """A wall-clock date and time, meant in each recipient's own zone."""

    day: date
    at: time


@dataclass(frozen=True)
class ZoneTime:
    """When one zone's recipients get the broadcast (UTC), and why it moved (None: as set)."""

    at: datetime
    moved: str | None = None


def delivery_times(
    when: LocalTime | None, now: datetime, quiet: QuietHours
) -> dict[Zone, ZoneTime]:
    """Each zone's moment: as set (or now), else moved as the module docstring says."""
    times = {}
    for zone in Zone:
        asked = now if when is None else wall_clock_to_utc(when.day, when.at, zone)
        moved = PASSED if asked < now else None
        start = local(max(asked, now), zone)
        if quiet.contains(start.time()):
            start, moved = quiet.end_after(start), moved or QUIET
        times[zone] = ZoneTime(start.astimezone(UTC), moved)
    return times


def passed_everywhere(times: dict[Zone, ZoneTime]) -> bool:
    return all(t.moved == PASSED for t in times.values())


def moved_msg(
    times: dict[Zone, ZoneTime], when: LocalTime | None, now: datetime, quiet: QuietHours
) -> Msg | None:
    """The warning naming each zone that does not get it as set, and when it does; None
    when every zone gets it as set."""
    zones = [
        {"zone": zone.value, "reason": t.moved, "at_once": t.at == now,
         "day": local(t.at, zone).date(), "at": local(t.at, zone).strftime("%H:%M")}
        for zone, t in times.items() if t.moved is not None
    ]  # fmt: skip
    if not zones:
        return None
    return Msg("broadcast/moved", {
        "zones": zones, "asked": when.at.strftime("%H:%M") if when else None,
        "quiet": f"{quiet.start.strftime('%H:%M')}–{quiet.end.strftime('%H:%M')}",
    })  # fmt: skip
