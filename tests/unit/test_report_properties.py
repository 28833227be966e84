"""Whatever the check-ins say, the figures add up: units sum to the whole, every item has one
standing, the quarters hold every planned item, and JP is never negative."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from handlers.checkin.model import ItemStatus
from handlers.model import JenisPegawai
from handlers.report.figures import Year, by_person, by_unit, figures
from handlers.report.model import CheckinAnswer, Holder, PlannedItem


@st.composite
def years(draw: st.DrawFn) -> Year:
    people = draw(st.integers(0, 6))
    units, kinds = st.sampled_from(["Pusat", "Balai", "Biro"]), st.sampled_from(list(JenisPegawai))
    holders = [Holder(n, f"P{n}", draw(units), draw(kinds)) for n in range(people)]
    items, answers = [], []
    for holder in holders:
        for position in range(1, draw(st.integers(0, 4)) + 1):
            item_id = holder.employee_id * 10 + position
            items.append(PlannedItem(item_id, holder.employee_id, position, "K",
                                     draw(st.integers(1, 4)),
                                     draw(st.none() | st.integers(0, 40))))  # fmt: skip
            for quarter in draw(st.sets(st.integers(1, 4), max_size=4)):
                answers.append(CheckinAnswer(item_id, quarter,
                                             draw(st.sampled_from(list(ItemStatus))),
                                             draw(st.none() | st.integers(0, 40))))  # fmt: skip
    return Year(holders, items, answers, draw(st.integers(0, 4)))


@settings(max_examples=150, deadline=None)
@given(years())
def test_the_figures_add_up(year: Year) -> None:
    total = figures("all", year)
    assert total.items == len(year.items)
    assert sum(q.planned for q in total.quarters) == total.items - total.cancelled
    assert sum(q.done for q in total.quarters) >= total.done
    assert min(q.jp_realized for q in total.quarters) >= 0
    assert total.jp_target == 20 * total.pns and total.jp_cap == 24 * total.pppk
    for groups in (by_unit(year), by_person(year)):
        for field in ("employees", "jp_planned", "jp_realized", "done", "late", "cancelled",
                      "pns_below", "pppk_over"):  # fmt: skip
            assert sum(getattr(g, field) for g in groups) == getattr(total, field)
