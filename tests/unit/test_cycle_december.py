"""In December the next cycle's plan is filled without "already over" notes: on 3 December
2026, with the 2027 cycle opened, Budi plans 2027, and April–June is months away."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from tests.unit.fakes import opened_cycle
from tests.unit.journey_steps import JOURNEY, Budi, budi_database, typed

DECEMBER = datetime(2026, 12, 3, 3, 0, tzinfo=UTC)
APRIL_TO_JUNE = typed("C.1.waktu", "April–Juni")


def budi_in_december(*opened: int) -> Budi:
    database = budi_database()
    database.state.cycles = {year: opened_cycle(year) for year in opened}
    priorities = database.state.forms.priorities
    database.state.forms.priorities = [*priorities, *(replace(p, year=2027) for p in priorities)]
    budi = Budi(database)
    budi.clock.current = DECEMBER
    return budi


async def notes_over_the_journey(budi: Budi) -> list[str]:
    """Budi's whole Formulir 1, item 1 planned for April–June; the templates he was shown."""
    shown: list[str] = []
    for action in JOURNEY:
        if action.at == "C.1.waktu":
            action = APRIL_TO_JUNE
        shown += [reply.text.template for reply in await budi.act(action)]
    return shown


async def test_the_2027_plan_filled_on_3_december_2026_has_no_already_over_note() -> None:
    budi = budi_in_december(2026, 2027)
    shown = await notes_over_the_journey(budi)
    assert "form1/period_past" not in shown
    [plan] = budi.state.forms.plans.values()
    assert (plan.year, plan.status) == (2027, "submitted")
    assert "form1/submitted" in shown


async def test_without_the_next_cycle_opened_december_still_plans_this_year_and_says_so() -> None:
    """The note itself still works: in the 2026 cycle, April–June 2026 is over."""
    budi = budi_in_december(2026)
    shown = await notes_over_the_journey(budi)
    assert shown.count("form1/period_past") == 2  # items 1 (April–June) and 3 (TW II)
    [plan] = budi.state.forms.plans.values()
    assert plan.year == 2026
