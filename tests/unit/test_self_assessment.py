"""Self-assessment through a form (LAN 605/2025 BAB II A): Siti, an Analis SDM Aparatur Ahli
Pertama, sees the nine national competencies at her job's level — or at the level the admin
imported for her jabatan — plus her jabatan's technical competencies, rates herself, and gets
her gaps largest first."""

from __future__ import annotations

from typing import Any, cast

import pytest

import messages
from handlers.ports import JobRequirement, UnitOfWork
from handlers.reference.competencies import NATIONAL, CompetencyType
from handlers.reference.job_level import JobLevel
from handlers.reference.self_assessment import (
    RequiredCompetency,
    competencies_for,
    competencies_to_assess,
    gaps,
)
from tests.unit.fake_reference import FakeReference, ReferenceOnlyUnitOfWork
from tests.unit.fakes import employee

SITI = employee(
    4, "Siti Rahmawati", "199102032015032004", jabatan="Analis SDM Aparatur Ahli Pertama"
)
NATIONAL_KEYS = [c.key for c in NATIONAL]
M, S, T = CompetencyType.MANAJERIAL, CompetencyType.SOSIO_KULTURAL, CompetencyType.TEKNIS


def requirement(
    kompetensi: str, jenis: str, level: int, jabatan: str = SITI.jabatan
) -> JobRequirement:
    return JobRequirement(jabatan, jenis, kompetensi, level)


def test_without_imported_requirements_the_nine_national_competencies_come_at_the_default() -> None:
    listed = competencies_to_assess(SITI, [])
    assert [c.key for c in listed] == NATIONAL_KEYS
    assert {c.level for c in listed} == {2}  # Ahli Pertama
    assert [c.classification for c in listed] == [M] * 8 + [S]
    assert all(c.technical_name is None for c in listed)


def test_the_job_level_can_be_given_instead_of_read_from_the_jabatan() -> None:
    listed = competencies_to_assess(SITI, [], job_level=JobLevel.JPT_PRATAMA)
    assert {c.level for c in listed} == {4}


def test_imported_levels_override_the_default_and_technical_competencies_follow_by_name() -> None:
    stored = [
        requirement("Pengembangan Kompetensi Pegawai", "teknis", 3),
        requirement("komunikasi", "manajerial", 3),
        requirement("perekat_bangsa", "sosio_kultural", 1),
        requirement("Analisis Jabatan", "teknis", 2),
    ]
    listed = competencies_to_assess(SITI, stored)
    levels = {c.key: c.level for c in listed}
    assert levels["komunikasi"] == 3 and levels["perekat_bangsa"] == 1
    assert levels["integritas"] == 2
    technical = listed[len(NATIONAL) :]
    assert [(c.key, c.technical_name, c.level, c.classification) for c in technical] == [
        ("analisis_jabatan", "Analisis Jabatan", 2, T),
        ("pengembangan_kompetensi_pegawai", "Pengembangan Kompetensi Pegawai", 3, T),
    ]


def test_a_stored_override_for_an_unknown_key_is_ignored_not_invented() -> None:
    listed = competencies_to_assess(SITI, [requirement("kepemimpinan", "manajerial", 5)])
    assert [c.key for c in listed] == NATIONAL_KEYS


async def test_the_form_loads_the_requirements_of_the_persons_own_jabatan() -> None:
    reference = FakeReference()
    reference.stored_requirements = [
        requirement("Analisis Jabatan", "teknis", 2, jabatan="analis sdm aparatur  ahli pertama"),
        requirement("Desain Pembelajaran", "teknis", 3, jabatan="Widyaiswara Ahli Muda"),
    ]
    uow = cast(UnitOfWork, ReferenceOnlyUnitOfWork(reference))
    listed = await competencies_for(uow, SITI)
    assert [c.key for c in listed] == [*NATIONAL_KEYS, "analisis_jabatan"]


@pytest.mark.parametrize("locale", messages.LOCALES)
def test_each_competency_has_a_label_in_the_readers_language(locale: str) -> None:
    komunikasi = RequiredCompetency("komunikasi", M, 2)
    technical = RequiredCompetency("analisis_jabatan", T, 2, "Analisis & Evaluasi Jabatan")

    def label(item: RequiredCompetency) -> str:
        return messages.render(item.label.template, locale, item.label.context)

    assert label(komunikasi) == {"id": "Komunikasi", "en": "Communication"}[locale]
    assert label(technical) == "Analisis &amp; Evaluasi Jabatan"


# --- gaps --------------------------------------------------------------------------------


def listed() -> list[RequiredCompetency]:
    stored = [
        requirement("Analisis Jabatan", "teknis", 4),
        requirement("Perencanaan Kebutuhan Pegawai", "teknis", 2),
        requirement("pengambilan_keputusan", "manajerial", 4),
    ]
    return competencies_to_assess(SITI, stored)


def test_gaps_come_largest_first() -> None:
    ratings = {"pengambilan_keputusan": 1, "analisis_jabatan": 2, "komunikasi": 1}
    found = gaps(listed(), ratings)
    assert [(g.competency.key, g.size, g.current) for g in found] == [
        ("pengambilan_keputusan", 3, 1),
        ("analisis_jabatan", 2, 2),
        ("komunikasi", 1, 1),
    ]


def test_equal_gaps_go_managerial_then_socio_cultural_then_technical_then_by_name() -> None:
    ratings = {
        "perencanaan_kebutuhan_pegawai": 1,
        "perekat_bangsa": 1,
        "pelayanan_publik": 1,
        "integritas": 1,
        "analisis_jabatan": 3,
    }
    found = gaps(listed(), ratings)
    assert [g.competency.key for g in found] == [
        "integritas",  # managerial, I < P
        "pelayanan_publik",
        "perekat_bangsa",  # socio-cultural
        "analisis_jabatan",  # technical, by name
        "perencanaan_kebutuhan_pegawai",
    ]
    assert {g.size for g in found} == {1}


def test_met_or_exceeded_levels_and_unrated_competencies_are_no_gaps() -> None:
    ratings = {key: 5 for key in NATIONAL_KEYS} | {"analisis_jabatan": 4}
    assert gaps(listed(), ratings) == []
    assert gaps(listed(), {}) == []


def test_zero_means_not_yet_at_level_one() -> None:
    found = gaps(listed(), {"integritas": 0})
    assert [(g.competency.key, g.size) for g in found] == [("integritas", 2)]


@pytest.mark.parametrize("rating", [-1, 6, "3", 2.5])
def test_a_rating_outside_the_scale_is_an_error(rating: Any) -> None:
    with pytest.raises(ValueError, match="integritas"):
        gaps(listed(), {"integritas": rating})
