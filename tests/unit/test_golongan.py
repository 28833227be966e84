"""Pangkat/Golongan: PNS I/a … IV/e with their pangkat names, PPPK golongan I … XVII."""

from __future__ import annotations

import pytest

from handlers.golongan import PNS_PANGKAT, PPPK_GOLONGAN, display_golongan, normalize_golongan
from handlers.model import JenisPegawai

PNS, PPPK = JenisPegawai.PNS, JenisPegawai.PPPK
ROMAN = [
    "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX",
    "X", "XI", "XII", "XIII", "XIV", "XV", "XVI", "XVII",
]  # fmt: skip


@pytest.mark.parametrize(
    "typed",
    [
        "III/a",
        "iii/a",
        "III/A",
        "III / A",
        "  iii /a ",
        "Penata Muda, III/a",
        "penata muda,iii/a",
        "PENATA MUDA ,  III / a",
    ],
)
def test_a_pns_golongan_is_understood_however_the_admin_typed_it(typed: str) -> None:
    assert normalize_golongan(typed, PNS) == "III/a"


def test_every_pns_rank_from_i_a_to_iv_e_is_known_with_its_pangkat() -> None:
    assert list(PNS_PANGKAT) == [f"{g}/{r}" for g in ("I", "II", "III", "IV") for r in "abcd"] + [
        "IV/e"
    ]
    for golongan, pangkat in PNS_PANGKAT.items():
        assert normalize_golongan(golongan.lower(), PNS) == golongan
        assert normalize_golongan(f"{pangkat}, {golongan}", PNS) == golongan


@pytest.mark.parametrize(
    "typed",
    [
        "Penata, III/a",  # Penata is III/c
        "Pembina Utama, IV/a",  # Pembina Utama is IV/e
        "Juru Muda Tingkat I, I/a",  # that is I/b
    ],
)
def test_a_pangkat_that_contradicts_the_golongan_is_refused(typed: str) -> None:
    assert normalize_golongan(typed, PNS) is None


@pytest.mark.parametrize(
    "typed", ["", "III", "III/", "IV/f", "V/a", "IX", "3/a", "III-a", "Penata"]
)
def test_no_other_pns_golongan_exists(typed: str) -> None:
    assert normalize_golongan(typed, PNS) is None


def test_pppk_have_golongan_i_to_xvii() -> None:
    assert list(PPPK_GOLONGAN) == ROMAN
    for golongan in ROMAN:
        assert normalize_golongan(golongan, PPPK) == golongan
        assert normalize_golongan(f" {golongan.lower()} ", PPPK) == golongan


@pytest.mark.parametrize(
    "typed", ["XVIII", "0", "XX", "9", "", "III/a", "iii/a", "Penata Muda, III/a"]
)
def test_a_pppk_golongan_outside_i_to_xvii_or_a_pns_rank_is_refused(typed: str) -> None:
    assert normalize_golongan(typed, PPPK) is None


def test_a_pppk_golongan_does_not_take_a_pangkat_name() -> None:
    assert normalize_golongan("Penata Muda, IX", PPPK) is None


def test_formulir_1_a_writes_a_pns_rank_with_its_pangkat_and_a_pppk_one_as_golongan() -> None:
    assert display_golongan("III/a", PNS) == "Penata Muda, III/a"
    assert display_golongan("IV/e", PNS) == "Pembina Utama, IV/e"
    assert display_golongan("IX", PPPK) == "Golongan IX"


def test_an_unknown_pns_golongan_is_still_shown_rather_than_crashing() -> None:
    assert display_golongan("X/z", PNS) == "Golongan X/z"


@pytest.mark.parametrize("golongan", list(PNS_PANGKAT))
def test_what_the_profile_shows_for_a_pns_is_read_back_as_the_same_rank(golongan: str) -> None:
    assert normalize_golongan(display_golongan(golongan, PNS), PNS) == golongan
