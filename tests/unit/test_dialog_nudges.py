"""The nudges of the dialog kinerja as a pure function of (state, day): working days,
national holidays, cuti bersama, each person's zone, the per-cycle settings — no clock moved.

January 2027: Friday the 1st and Tuesday the 5th are national holidays."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from handlers.calendar import WorkCalendar
from handlers.dialog.nudges import Kind, NudgeState, due, full_working_days, key, late_supervisors
from handlers.dialog.oversight_ports import NudgeSettings, Someone, WaitingPlan
from handlers.model import Zone

BUDI = Someone(3, "Budi Santoso", Zone.WIB, "id")
DEWI = Someone(4, "Dewi Lestari", Zone.WIB, "en")
SRI = Someone(2, "Sri Wahyuni", Zone.WIB, "id")
YOSEF = Someone(7, "Yosef Kambu", Zone.WIT, "id")  # a supervisor in Jayapura
HENDRA = Someone(1, "Dr. Hendra Wijaya", Zone.WIB, "id")  # the coordinator
WINDOW_CLOSES = date(2027, 3, 31)


def sent(owner: Someone, at: datetime, supervisor: Someone | None = SRI, plan_id: int = 10,
         status: str = "submitted") -> WaitingPlan:  # fmt: skip
    return WaitingPlan(plan_id, owner, "Pusat", status, at, supervisor)


def state(*plans: WaitingPlan, sent_keys: frozenset[str] = frozenset(), **kw: object) -> NudgeState:
    handlers = {p.plan_id: (p.supervisor,) if p.supervisor else (HENDRA,) for p in plans}
    unhandled = frozenset(p.plan_id for p in plans if p.supervisor is None)
    base = NudgeState(tuple(plans), handlers, (HENDRA,), NudgeSettings(), WINDOW_CLOSES,
                      WorkCalendar(), sent_keys, unhandled)  # fmt: skip
    return replace(base, **kw)  # type: ignore[arg-type]


def days_with(world: NudgeState, kind: Kind, start: date, end: date) -> list[date]:
    """The days from ``start`` to ``end`` on which ``kind`` would go out (nothing recorded)."""
    found = []
    day = start
    while day <= end:
        if any(n.kind is kind for n in due(world, day)):
            found.append(day)
        day += timedelta(days=1)
    return found


MONDAY_4_JAN = datetime(2027, 1, 4, 3, 0, tzinfo=UTC)  # 10:00 WIB


def test_full_working_days_skip_weekends_and_holidays() -> None:
    calendar = WorkCalendar()
    assert full_working_days(calendar, date(2027, 1, 4), date(2027, 1, 8)) == 2  # Wed, Thu
    assert full_working_days(calendar, date(2027, 1, 8), date(2027, 1, 11)) == 0  # a weekend
    assert full_working_days(calendar, date(2027, 1, 4), date(2027, 1, 4)) == 0


def test_the_supervisor_is_reminded_after_three_full_working_days_the_holiday_not_counted() -> None:
    world = state(sent(BUDI, MONDAY_4_JAN))
    # Tue 5 is a holiday: Wed 6, Thu 7, Fri 8 pass; Saturday and Sunday are no working days.
    assert days_with(world, Kind.SCHEDULE, date(2027, 1, 4), date(2027, 1, 12)) == [
        date(2027, 1, 11), date(2027, 1, 12)]  # fmt: skip
    [nudge] = [n for n in due(world, date(2027, 1, 11)) if n.kind is Kind.SCHEDULE]
    assert nudge.recipient == SRI and nudge.plans[0].days == 3
    assert nudge.template == "dialog/team/nudge_schedule"


def test_a_reminder_sent_is_not_sent_again() -> None:
    plan = sent(BUDI, MONDAY_4_JAN)
    world = state(plan, sent_keys=frozenset({key(Kind.SCHEDULE, plan, SRI)}))
    assert days_with(world, Kind.SCHEDULE, date(2027, 1, 4), date(2027, 1, 29)) == []


def test_the_coordinator_is_told_after_seven_in_one_digest_listing_every_late_plan() -> None:
    budi, dewi = sent(BUDI, MONDAY_4_JAN), sent(DEWI, MONDAY_4_JAN, plan_id=11)
    world = state(budi, dewi)
    # Wed 6 … Fri 8, Mon 11 … Thu 14 are seven: the coordinator hears on Friday the 15th.
    assert days_with(world, Kind.ESCALATE, date(2027, 1, 4), date(2027, 1, 15)) == [
        date(2027, 1, 15)]  # fmt: skip
    [digest] = [n for n in due(world, date(2027, 1, 15)) if n.kind is Kind.ESCALATE]
    assert digest.recipient == HENDRA
    assert [o.plan.owner for o in digest.plans] == [BUDI, DEWI]
    assert digest.dedupe_key == "nudge:escalate:1:2027-01-15"


def test_cuti_bersama_delays_the_reminder_by_a_day() -> None:
    world = state(sent(BUDI, MONDAY_4_JAN), calendar=WorkCalendar(frozenset({date(2027, 1, 7)})))
    assert days_with(world, Kind.SCHEDULE, date(2027, 1, 4), date(2027, 1, 11)) == []
    assert due(world, date(2027, 1, 12))[0].kind is Kind.SCHEDULE


def test_each_supervisor_counts_on_their_own_clock() -> None:
    """Sent on Thursday 7 January at 22:30 WIB: already Friday in Jayapura."""
    late_evening = datetime(2027, 1, 7, 15, 30, tzinfo=UTC)
    world = state(sent(BUDI, late_evening), sent(DEWI, late_evening, YOSEF, plan_id=11))
    first: dict[str, date] = {}
    for day in (date(2027, 1, 12), date(2027, 1, 13), date(2027, 1, 14)):
        for nudge in due(world, day):
            first.setdefault(nudge.recipient.nama, day)
    assert first == {"Sri Wahyuni": date(2027, 1, 13), "Yosef Kambu": date(2027, 1, 14)}


def test_the_settings_of_the_cycle_change_the_days() -> None:
    world = state(sent(BUDI, MONDAY_4_JAN), settings=NudgeSettings(remind_supervisor=1,
                                                                      escalate=2))  # fmt: skip
    assert days_with(world, Kind.SCHEDULE, date(2027, 1, 4), date(2027, 1, 7))[0] == date(
        2027, 1, 7
    )
    assert days_with(world, Kind.ESCALATE, date(2027, 1, 4), date(2027, 1, 8))[0] == date(
        2027, 1, 8
    )


def test_an_agreement_waiting_three_working_days_reminds_the_employee() -> None:
    world = state(sent(BUDI, MONDAY_4_JAN, status="awaiting_confirm"))
    assert days_with(world, Kind.CONFIRM, date(2027, 1, 4), date(2027, 1, 11))[0] == date(
        2027, 1, 11
    )
    assert [n.recipient for n in due(world, date(2027, 1, 11))] == [BUDI]
    assert days_with(world, Kind.SCHEDULE, date(2027, 1, 4), date(2027, 1, 29)) == []


def test_a_closing_window_reminds_both_sides_of_a_pending_dialogue_but_not_of_an_agreed_one() -> (
    None
):
    pending = sent(BUDI, datetime(2027, 3, 1, 3, tzinfo=UTC), status="scheduled")
    world = state(pending)
    # 31 March is a Wednesday; 26 March a holiday: Mon 29, Tue 30, Wed 31 are the last three.
    assert days_with(world, Kind.WINDOW, date(2027, 3, 22), date(2027, 4, 2))[0] == date(
        2027, 3, 25
    )
    assert {n.recipient for n in due(world, date(2027, 3, 25))} == {BUDI, SRI}
    assert due(world, date(2027, 4, 1)) == []  # closed: nothing to remind of
    agreed = state(replace(pending, status="agreed"))
    assert days_with(agreed, Kind.WINDOW, date(2027, 3, 22), date(2027, 3, 31)) == []


def test_a_unit_with_its_own_window_is_reminded_before_its_own_window_closes() -> None:
    pending = sent(BUDI, datetime(2027, 2, 1, 3, tzinfo=UTC), status="scheduled")
    other_unit = replace(sent(DEWI, datetime(2027, 2, 1, 3, tzinfo=UTC), status="scheduled",
                              plan_id=11), unit="Balai")  # fmt: skip
    world = state(pending, other_unit, unit_closes={"Pusat": date(2027, 2, 26)})
    assert world.closes_for(pending) == date(2027, 2, 26)
    assert world.closes_for(other_unit) == WINDOW_CLOSES  # no window of its own: the cycle's
    # 26 February is a Friday: on Tuesday the 23rd, Wed 24, Thu 25 and Fri 26 are left.
    [first] = days_with(world, Kind.WINDOW, date(2027, 2, 15), date(2027, 2, 23))
    assert first == date(2027, 2, 23)
    assert {n.recipient for n in due(world, first)} == {BUDI, SRI}


def test_nothing_goes_out_on_a_holiday_or_a_weekend() -> None:
    world = state(sent(BUDI, datetime(2026, 12, 14, 3, tzinfo=UTC)))
    assert due(world, date(2026, 12, 25)) == []  # Christmas
    assert due(world, date(2026, 12, 26)) == []  # Saturday
    assert due(world, date(2026, 12, 28))  # Monday


def test_a_plan_without_supervisor_reminds_the_coordinator_and_is_not_escalated_to_them() -> None:
    world = state(sent(BUDI, MONDAY_4_JAN, supervisor=None))
    [reminder] = due(world, date(2027, 1, 11))
    assert reminder.kind is Kind.SCHEDULE and reminder.recipient == HENDRA
    assert reminder.plans[0].handled_by_coordinator
    assert days_with(world, Kind.ESCALATE, date(2027, 1, 4), date(2027, 1, 29)) == []
    assert late_supervisors(world, date(2027, 1, 11)) == {}


def test_a_plan_returned_and_sent_again_starts_over() -> None:
    first = sent(BUDI, MONDAY_4_JAN)
    again = replace(first, since=datetime(2027, 1, 11, 3, tzinfo=UTC))
    world = state(again, sent_keys=frozenset({key(Kind.SCHEDULE, first, SRI)}))
    assert days_with(world, Kind.SCHEDULE, date(2027, 1, 11), date(2027, 1, 15)) == [
        date(2027, 1, 15)]  # fmt: skip


@pytest.mark.parametrize("day", [date(2027, 1, 11), date(2027, 1, 14)])
def test_late_supervisors_are_counted_by_name(day: date) -> None:
    world = state(sent(BUDI, MONDAY_4_JAN), sent(DEWI, MONDAY_4_JAN, plan_id=11))
    assert late_supervisors(world, day) == {"Sri Wahyuni": 2}
