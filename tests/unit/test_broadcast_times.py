"""What a coordinator reads about a broadcast's time: the wall-clock time it was set for,
and whether it is still scheduled or already sending."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

from handlers.broadcast import LocalTime, set_for
from handlers.broadcast.wizard import status
from handlers.calendar import due_by_zone
from handlers.ports import BroadcastRecord

NOW = datetime(2026, 11, 29, 3, 0, tzinfo=UTC)


def record(first: datetime | None, last: datetime | None) -> BroadcastRecord:
    return BroadcastRecord(1, "all", "Rapat", None, NOW, first, last, 10, "scheduled", None)


def test_a_scheduled_broadcast_reads_back_the_local_time_it_was_set_for() -> None:
    due = due_by_zone(date(2026, 12, 1), time(9))
    scheduled = record(min(due.values()), max(due.values()))
    assert set_for(scheduled) == LocalTime(date(2026, 12, 1), time(9))
    assert status(scheduled, NOW) == "scheduled"
    assert status(scheduled, min(due.values())) == "sending"  # WIT's 09:00 has come


def test_a_broadcast_sent_at_once_has_no_set_time_and_is_sending() -> None:
    at_once = record(NOW, NOW)
    assert set_for(at_once) is None
    assert status(at_once, NOW) == "sending"
