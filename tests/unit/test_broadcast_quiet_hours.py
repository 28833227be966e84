"""A broadcast never reaches anyone in the night. Hendra, in Jakarta (WIB), sets one for a
local time that has already passed further east, or sends one "now" late in the evening: the
zones where it would land in the quiet hours (21–07) get it when they end, the zones where the
time has passed get it at once if it is day there — and he is told which zones, and when."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest

import messages
from handlers import broadcast
from handlers.broadcast import BroadcastRefused, LocalTime, Operator
from handlers.broadcast.schedule import PASSED, QUIET, ZoneTime, delivery_times, moved_msg
from handlers.calendar import parse_quiet_hours
from handlers.model import Zone
from tests.unit.fakes import FakeDatabase

QUIET_HOURS = parse_quiet_hours("21-07")
EVENING = datetime(2026, 12, 3, 12, 30, tzinfo=UTC)  # 19:30 WIB · 20:30 WITA · 21:30 WIT
EIGHT_PM = LocalTime(date(2026, 12, 3), time(20))


def utc(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 12, day, hour, minute, tzinfo=UTC)


def test_a_time_passed_in_the_east_goes_at_once_by_day_and_in_the_morning_by_night() -> None:
    times = delivery_times(EIGHT_PM, EVENING, QUIET_HOURS)

    assert times[Zone.WIB] == ZoneTime(utc(3, 13))  # 20:00 WIB, as set
    assert times[Zone.WITA] == ZoneTime(EVENING, PASSED)  # 20:30 there: at once
    assert times[Zone.WIT] == ZoneTime(utc(3, 22), PASSED)  # 21:30 there: 07:00 on the 4th


def test_now_late_in_the_evening_waits_for_the_morning_where_it_is_night() -> None:
    late = utc(3, 13, 30)  # 20:30 WIB · 21:30 WITA · 22:30 WIT
    times = delivery_times(None, late, QUIET_HOURS)

    assert times[Zone.WIB] == ZoneTime(late)
    assert times[Zone.WITA] == ZoneTime(utc(3, 23), QUIET)  # 07:00 WITA on the 4th
    assert times[Zone.WIT] == ZoneTime(utc(3, 22), QUIET)  # 07:00 WIT on the 4th


def test_a_time_set_inside_the_quiet_hours_goes_when_they_end() -> None:
    times = delivery_times(LocalTime(date(2026, 12, 4), time(22)), EVENING, QUIET_HOURS)
    assert {zone: t.moved for zone, t in times.items()} == dict.fromkeys(Zone, QUIET)
    assert times[Zone.WIB].at == utc(5, 0)  # 07:00 WIB on the 5th


def test_the_coordinator_is_told_each_zone_that_moves_and_when() -> None:
    times = delivery_times(EIGHT_PM, EVENING, QUIET_HOURS)
    note = moved_msg(times, EIGHT_PM, EVENING, QUIET_HOURS)
    assert note is not None
    assert messages.render(note.template, "id", note.context).splitlines() == [
        "⚠️ WITA: pukul 20:00 sudah lewat di sana — penerima di zona itu mendapatkannya segera.",
        "⚠️ WIT: pukul 20:00 sudah lewat di sana — penerima di zona itu mendapatkannya "
        "4 Desember 2026 pukul 07:00 waktu setempat.",
    ]
    assert moved_msg(delivery_times(None, utc(3, 3), QUIET_HOURS), None, utc(3, 3),
                     QUIET_HOURS) is None  # fmt: skip


async def test_a_time_passed_in_every_zone_is_still_refused() -> None:
    async with FakeDatabase().uow() as uow:
        with pytest.raises(BroadcastRefused) as refused:
            await broadcast.create(uow, Operator(), "all", "Rapat", LocalTime(date(2026, 12, 3),
                                   time(19)), EVENING, 2026, quiet=QUIET_HOURS)  # fmt: skip
    assert refused.value.reason == "past"
