"""NIP and NI PPPK structure checks (DOMAIN.md, Formulir 1 A)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from handlers.model import JenisPegawai
from handlers.nip import NipError, check_nip

PNS, PPPK = JenisPegawai.PNS, JenisPegawai.PPPK
TODAY = date(2026, 11, 29)

BUDI = "199004172015031003"  # born 17 Apr 1990, TMT CPNS Mar 2015, male, serial 003
DEWI = "199511302020122004"  # born 30 Nov 1995, TMT CPNS Dec 2020, female, serial 004
ANDI = "199207142023211005"  # PPPK: born 14 Jul 1992, appointed 2023, "21", male


def refusal(nip: str, jenis: JenisPegawai = PNS, today: date = TODAY) -> str:
    with pytest.raises(NipError) as caught:
        check_nip(nip, jenis, today=today)
    return caught.value.code


@pytest.mark.parametrize("nip", [BUDI, DEWI, "197002151995031001", "198206202008012002"])
def test_a_well_formed_pns_nip_is_accepted_as_is(nip: str) -> None:
    assert check_nip(nip, PNS, today=TODAY) == nip


def test_a_real_pppk_number_is_accepted_although_digits_13_14_are_no_month() -> None:
    assert check_nip(ANDI, PPPK, today=TODAY) == ANDI


def test_the_same_pppk_number_typed_as_pns_is_refused_for_its_tmt_month() -> None:
    assert refusal(ANDI, PNS) == "tmt_month"


def test_spaces_the_admin_typed_between_the_groups_are_dropped() -> None:
    assert check_nip("19900417 201503 1 003", PNS, today=TODAY) == BUDI
    assert check_nip(" 19920714 2023 21 1 005 ", PPPK, today=TODAY) == ANDI


@pytest.mark.parametrize(
    "nip",
    [
        "",
        "19900417201503100",  # 17 digits
        "1990041720150310033",  # 19 digits
        "19900417201503100A",  # a letter
        "1990-04-17-2015031003",  # dashes are not spaces
        "１９９００４１７２０１５０３１００３",  # full-width digits are digits, but not ASCII
        "١٩٩٠٠٤١٧٢٠١٥٠٣١٠٠٣",  # Arabic-Indic digits
    ],
)
def test_anything_but_18_ascii_digits_is_refused_for_its_length(nip: str) -> None:
    assert refusal(nip) == "length"


@pytest.mark.parametrize("jenis", [PNS, PPPK])
@pytest.mark.parametrize(
    "birth",
    [
        "19900230",  # 30 February
        "19901301",  # month 13
        "19900400",  # day 0
        "18991231",  # before 1900
        "20261129",  # born today
        "20270101",  # born in the future
    ],
)
def test_an_impossible_birth_date_is_refused(birth: str, jenis: JenisPegawai) -> None:
    assert refusal(birth + "2015031003", jenis) == "birth_date"


@pytest.mark.parametrize("sex", ["0", "3", "9"])
@pytest.mark.parametrize(
    ("nip_head", "jenis"), [("199004172015031", PNS), ("199207142023211", PPPK)]
)
def test_the_sex_digit_must_be_1_or_2(nip_head: str, jenis: JenisPegawai, sex: str) -> None:
    nip = nip_head[:14] + sex + "005"
    assert refusal(nip, jenis) == "sex_digit"


@pytest.mark.parametrize("month", ["00", "13", "21", "99"])
def test_a_pns_tmt_month_must_be_a_real_month(month: str) -> None:
    assert refusal(f"199004172015{month}1003") == "tmt_month"


def test_a_pns_appointed_before_age_18_is_refused_but_at_18_is_fine() -> None:
    # Born April 1990: March 2008 is one month short of 18, April 2008 is exactly 18.
    assert refusal("199004172008031003") == "tmt_too_young"
    assert check_nip("199004172008041003", PNS, today=TODAY) == "199004172008041003"


def test_a_pppk_appointed_before_the_year_they_turn_18_is_refused() -> None:
    assert refusal("199207142009211005", PPPK) == "tmt_too_young"
    assert check_nip("199207142010211005", PPPK, today=TODAY) == "199207142010211005"


def test_a_pns_tmt_after_this_month_is_in_the_future() -> None:
    assert refusal("199004172026121003") == "tmt_future"
    assert check_nip("199004172026111003", PNS, today=TODAY) == "199004172026111003"
    assert check_nip("199004172026121003", PNS, today=date(2026, 12, 1)) == "199004172026121003"


def test_a_pppk_appointment_year_after_this_year_is_in_the_future() -> None:
    assert refusal("199207142027211005", PPPK) == "tmt_future"
    assert check_nip("199207142026211005", PPPK, today=TODAY) == "199207142026211005"


def test_the_error_code_is_also_the_exception_message() -> None:
    error = NipError("sex_digit")
    assert isinstance(error, ValueError)
    assert str(error) == error.code == "sex_digit"


@given(
    nip=st.text(alphabet="0123456789", min_size=18, max_size=18),
    jenis=st.sampled_from(JenisPegawai),
    today=st.dates(min_value=date(1950, 1, 1), max_value=date(2100, 12, 31)),
)
def test_any_18_digits_are_either_returned_unchanged_or_refused_with_a_code(
    nip: str, jenis: JenisPegawai, today: date
) -> None:
    try:
        result = check_nip(nip, jenis, today=today)
    except NipError as error:
        assert error.code in {
            "length", "birth_date", "sex_digit", "tmt_month", "tmt_future", "tmt_too_young",
        }  # fmt: skip
    else:
        assert result == nip
