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


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Oktober", (10, 10)), ("Oktober s/d Desember", (10, 12)), ("Okt s.d. Des", (10, 12)),
     ("Okt.-Des.", (10, 12)), ("Agustus sampai dengan Oktober", (8, 10)),
     ("October to December", (10, 12)), ("Sept–Nov 2027", (9, 11)), ("Nopember", (11, 11)),
     ("Maret, April dan Mei", (3, 5)), ("Juli, Agustus, September", (7, 9)),
     ("Semester I", (1, 6)), ("semester 2", (7, 12)), ("2nd semester", (7, 12)),
     ("Triwulan ke-2", (4, 6)), ("TW I-II", (1, 6)), ("TW III s/d TW IV", (7, 12)),
     ("first quarter", (1, 3)), ("bulan ke-3", (3, 3)), ("Jan-Jun 2027", (1, 6))],
)  # fmt: skip
def test_periods_as_indonesian_documents_write_them(text: str, expected: tuple[int, int]) -> None:
    """Full month names were refused ("Oktober" was split at its "to") and "s/d" was not
    understood; semesters, lists of months and ranges of quarters were not either."""
    period = parse_period(text, 2027)
    assert period is not None and (period["start"], period["end"]) == expected


def test_the_year_is_the_one_given_not_the_calendar() -> None:
    assert parse_period("Oktober 2028", 2028) == {"start": 10, "end": 10}
    assert parse_period("Oktober 2027", 2028) is None


@pytest.mark.parametrize(
    "text", ["", "kapan saja", "13-14", "Maret-Mei-Juni", "TW V", "Semester 3", "Okto", "Mei dan"]
)
def test_what_is_not_a_period_is_not_understood(text: str) -> None:
    assert parse_period(text, 2027) is None


@pytest.mark.parametrize("text", ["Mei-Maret", "Mei, Maret", "Mei s/d Maret"])
def test_months_written_end_first_are_reversed_not_unknown(text: str) -> None:
    with pytest.raises(ReversedPeriod) as error:
        parse_period(text, 2027)
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


async def test_the_form_takes_a_period_naming_october() -> None:
    budi = Budi()
    waktu = next(i for i, action in enumerate(JOURNEY) if action.at == "C.1.waktu")
    await budi.walk(0, waktu)
    await budi.send("Oktober s/d Desember")
    assert budi.answers()["C.1.waktu"] == {"start": 10, "end": 12}
