"""The check-in figures match what was entered: Budi (PNS) finished one item in Q2 and
cancelled another, Dewi (PPPK) did both hers and went over 24 JP, Eko (PNS) has not started
the item due in Q1 — late once Q1's check-in date has passed."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from handlers.report.figures import (
    Year,
    by_person,
    by_unit,
    figures,
    jp_by_quarter,
    quarters_past,
    realized_jp,
    standing,
)
from handlers.report.model import CheckinAnswer, Holder, Standing
from tests.unit.sample_report import (
    DONE,
    HOLDERS,
    ITEMS,
    NOT_YET,
    PNS,
    RUNNING,
    YEAR,
)


def test_the_year_adds_up_to_what_each_check_in_recorded() -> None:
    total = figures("Semua", YEAR)
    assert (total.employees, total.pns, total.pppk) == (3, 2, 1)
    assert (total.jp_planned, total.jp_realized, total.jp_target) == (28 + 30 + 24, 16 + 32, 40)
    assert (total.pns_below, total.pppk_over) == (2, 1)  # Budi 16 and Eko 0 JP; Dewi 32 JP
    assert (total.done, total.running, total.late, total.cancelled, total.not_yet) == (
        3, 0, 1, 1, 1)  # fmt: skip
    assert [(q.planned, q.done, q.jp_realized) for q in total.quarters] == [
        (3, 1, 6 + 20), (1, 2, 10 + 12), (1, 0, 0), (0, 0, 0)]  # fmt: skip


def test_each_unit_and_each_person_has_its_own_figures() -> None:
    balai, pusat = by_unit(YEAR)
    assert (balai.label, balai.employees, balai.late, balai.jp_realized) == ("Balai", 1, 1, 0)
    assert (pusat.label, pusat.done, pusat.cancelled, pusat.jp_planned) == ("Pusat", 3, 1, 58)
    budi, dewi, eko = by_person(YEAR)
    assert (budi.label, budi.jp_planned, budi.jp_realized, budi.pns_below) == (
        "Budi Santoso", 28, 16, 1)  # fmt: skip
    assert (dewi.pppk_over, eko.late) == (1, 1)


def test_two_people_of_one_name_stay_two() -> None:
    twin = Holder(5, "Budi Santoso", "Balai", PNS)
    year = replace(YEAR, holders=[*HOLDERS, twin])
    assert [f.employees for f in by_person(year)] == [1, 1, 1, 1]


def test_an_item_is_late_only_once_its_quarters_check_in_date_has_passed() -> None:
    due_q2 = ITEMS[1]
    assert standing(due_q2, [], past=1) is Standing.NOT_YET
    assert standing(due_q2, [CheckinAnswer(22, 1, RUNNING, 4)], past=1) is Standing.RUNNING
    assert standing(due_q2, [CheckinAnswer(22, 1, RUNNING, 4)], past=2) is Standing.LATE
    assert standing(due_q2, [CheckinAnswer(22, 2, NOT_YET, None)], past=2) is Standing.LATE
    assert standing(due_q2, [CheckinAnswer(22, 3, DONE, 8)], past=3) is Standing.DONE
    checkins = (date(2026, 3, 31), date(2026, 6, 30), date(2026, 9, 30), date(2026, 12, 31))
    assert quarters_past(checkins, date(2026, 3, 31)) == 0  # the day itself: still answering
    assert quarters_past(checkins, date(2026, 4, 1)) == 1
    assert quarters_past(checkins, date(2027, 1, 1)) == 4


def test_the_latest_report_is_the_items_jp_and_a_lower_one_adds_nothing_to_a_quarter() -> None:
    answers = [CheckinAnswer(21, 1, RUNNING, 10), CheckinAnswer(21, 2, RUNNING, None),
               CheckinAnswer(21, 3, DONE, 8)]  # fmt: skip
    assert realized_jp(answers) == 8  # corrected down in Q3
    assert jp_by_quarter(answers) == {1: 10, 3: 0}
    assert realized_jp([]) == 0


def test_a_year_with_nobody_is_zero_everywhere() -> None:
    empty = figures("Semua", Year([], [], [], quarters_past=4))
    assert (empty.employees, empty.items, empty.jp_target, empty.jp_realized) == (0, 0, 0, 0)
