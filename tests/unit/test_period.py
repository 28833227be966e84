"""Periods within the cycle year, as people write them — and a reversed one explained."""

from __future__ import annotations

import pytest

from handlers.effects import Msg
from handlers.forms.period import ReversedPeriod, parse_period
from tests.unit.journey_steps import JOURNEY, Budi


@pytest.mark.parametrize(
    ("text", "expected"),
    [("TW II", (4, 6)), ("q3", (7, 9)), ("Maret-Mei", (3, 5)), ("3 - 5", (3, 5)),
     ("Juni", (6, 6)), ("Mar s.d. Mei 2027", (3, 5)), ("sepanjang tahun", (1, 12)),
     ("Mei sampai Desember", (5, 12))],
)  # fmt: skip
def test_a_period_is_read_as_people_write_it(text: str, expected: tuple[int, int]) -> None:
    period = parse_period(text, 2027)
    assert period is not None and (period["start"], period["end"]) == expected


@pytest.mark.parametrize("text", ["", "kapan saja", "13-14", "Maret-Mei-Juni", "TW V"])
def test_what_is_not_a_period_is_not_understood(text: str) -> None:
    assert parse_period(text, 2027) is None


def test_months_written_end_first_are_reversed_not_unknown() -> None:
    with pytest.raises(ReversedPeriod) as error:
        parse_period("Mei-Maret", 2027)
    assert (error.value.start, error.value.end) == (5, 3)


async def test_the_form_explains_a_reversed_period_and_asks_again() -> None:
    budi = Budi()
    waktu = next(i for i, action in enumerate(JOURNEY) if action.at == "C.1.waktu")
    await budi.walk(0, waktu)
    before = budi.answers()
    problem, question = await budi.send("Mei-Maret")
    year = problem.text.context["year"]
    assert problem.text == Msg("form/error_period_reversed", {"start": 5, "end": 3, "year": year})
    assert question.text.template == "form/question" and budi.cursor() == "C.1.waktu"
    assert budi.answers() == before
