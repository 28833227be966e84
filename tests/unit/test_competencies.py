"""The national competency dictionary (PermenPANRB 38/2017), each job level's default required
level, and reading the job level from the jabatan people actually write."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from jinja2 import UndefinedError

import messages
from handlers.effects import Msg
from handlers.reference.competencies import (
    DEFAULT_LEVEL,
    NATIONAL,
    Competency,
    CompetencyType,
    default_levels,
    find_national,
    national,
    normalize_name,
    technical_key,
)
from handlers.reference.job_level import JobLevel, infer_job_level

DICTIONARY_ORDER = [
    "Integritas", "Kerja Sama", "Komunikasi", "Orientasi pada Hasil", "Pelayanan Publik",
    "Pengembangan Diri dan Orang Lain", "Mengelola Perubahan", "Pengambilan Keputusan",
    "Perekat Bangsa",
]  # fmt: skip


def render(msg: Msg, locale: str) -> str:
    return messages.render(msg.template, locale, msg.context)


def test_the_dictionary_has_eight_managerial_competencies_and_one_socio_cultural() -> None:
    assert [render(c.name, "id") for c in NATIONAL] == DICTIONARY_ORDER
    kinds = [c.classification for c in NATIONAL]
    assert kinds == [CompetencyType.MANAJERIAL] * 8 + [CompetencyType.SOSIO_KULTURAL]


def test_keys_are_ascii_short_and_sort_like_the_indonesian_names() -> None:
    keys = [c.key for c in NATIONAL]
    assert all(k.isascii() and len(k) <= 30 and k == k.lower() for k in keys)
    by_key = sorted(NATIONAL, key=lambda c: c.key)
    by_name = sorted(NATIONAL, key=lambda c: render(c.name, "id").casefold())
    assert by_key == by_name  # gaps break ties "by name" through the key


@pytest.mark.parametrize("locale", messages.LOCALES)
@pytest.mark.parametrize("competency", NATIONAL, ids=lambda c: c.key)
def test_every_competency_has_a_name_and_a_one_line_description(
    competency: Competency, locale: str
) -> None:
    description = render(competency.description, locale)
    assert render(competency.name, locale)
    assert description.endswith(".") and "\n" not in description


@pytest.mark.parametrize("locale", messages.LOCALES)
@pytest.mark.parametrize("kind", list(CompetencyType))
def test_every_competency_classification_has_a_name_and_description(
    kind: CompetencyType, locale: str
) -> None:
    assert render(kind.name_msg, locale)
    description = {"key": kind.value, "part": "description"}
    assert messages.render("ref/competency_class", locale, description).endswith(".")


@pytest.mark.parametrize("locale", messages.LOCALES)
@pytest.mark.parametrize("level", list(JobLevel))
def test_every_job_level_has_a_name(level: JobLevel, locale: str) -> None:
    assert render(level.name_msg, locale)


@pytest.mark.parametrize("template", ["ref/competency", "ref/competency_class", "ref/job_level"])
def test_an_unknown_key_fails_loudly(template: str) -> None:
    with pytest.raises(UndefinedError):
        messages.render(template, "en", {"key": "kepemimpinan", "part": "name"})


# --- matching what people write ----------------------------------------------------------


@pytest.mark.parametrize("locale", messages.LOCALES)
@pytest.mark.parametrize("competency", NATIONAL, ids=lambda c: c.key)
def test_a_competency_is_found_by_its_name_in_either_language_or_its_key(
    competency: Competency, locale: str
) -> None:
    assert find_national(render(competency.name, locale).removesuffix(" (Perekat Bangsa)")) == (
        competency
    )
    assert find_national(competency.key) == competency
    assert find_national(f"  {render(competency.name, 'id').upper()} ") == competency


@pytest.mark.parametrize(
    ("written", "key"),
    [
        ("Kerjasama", "kerja_sama"),
        ("Pengembangan Diri & Orang Lain", "pengembangan_diri"),
        ("orientasi  pada hasil", "orientasi_hasil"),
        ("Pengelolaan Perubahan", "mengelola_perubahan"),
    ],
)
def test_common_spellings_are_recognised(written: str, key: str) -> None:
    assert find_national(written) == national(key)


@pytest.mark.parametrize("written", ["Analisis Kebijakan", "Kepemimpinan", "Integritas Data", ""])
def test_anything_else_is_not_a_national_competency(written: str) -> None:
    assert find_national(written) is None


def test_names_compare_without_case_accents_punctuation_or_spacing() -> None:
    assert (
        normalize_name("  Pengembangan Diri & Orang\tLain ") == "pengembangan diri dan orang lain"
    )
    assert normalize_name("Análisis—Kebijakan (Publik)") == "analisis kebijakan publik"


def test_technical_keys_are_stable_ascii_and_bounded() -> None:
    assert technical_key("Analisis Kebijakan") == "analisis_kebijakan"
    assert technical_key("analisis  KEBIJAKAN") == "analisis_kebijakan"
    long = "Perencanaan dan Penganggaran Program Pengembangan Kompetensi Berbasis Kinerja"
    assert len(technical_key(long)) == 40 and technical_key(long) == technical_key(long.upper())
    assert technical_key(long) != technical_key(long + " Lanjutan")


@given(st.text(max_size=120))
def test_a_technical_key_is_never_a_national_key(name: str) -> None:
    key = technical_key(name)
    assert key.isascii() and len(key) <= 40
    if find_national(name) is None:
        assert key not in {c.key for c in NATIONAL}


# --- required levels ---------------------------------------------------------------------

EXPECTED_LEVEL = {
    JobLevel.JPT_UTAMA: 5, JobLevel.JPT_MADYA: 5, JobLevel.JPT_PRATAMA: 4,
    JobLevel.ADMINISTRATOR: 3, JobLevel.PENGAWAS: 2, JobLevel.PELAKSANA: 1,
    JobLevel.AHLI_UTAMA: 4, JobLevel.AHLI_MADYA: 3, JobLevel.AHLI_MUDA: 3,
    JobLevel.AHLI_PERTAMA: 2, JobLevel.PENYELIA: 2, JobLevel.MAHIR: 1,
    JobLevel.TERAMPIL: 1, JobLevel.PEMULA: 1,
}  # fmt: skip


def test_every_job_level_has_its_default_level_for_all_nine_competencies() -> None:
    assert DEFAULT_LEVEL == EXPECTED_LEVEL
    for level, expected in EXPECTED_LEVEL.items():
        assert default_levels(level) == {c.key: expected for c in NATIONAL}


def test_higher_posts_never_require_less() -> None:
    structural = [JobLevel.PELAKSANA, JobLevel.PENGAWAS, JobLevel.ADMINISTRATOR,
                  JobLevel.JPT_PRATAMA, JobLevel.JPT_MADYA, JobLevel.JPT_UTAMA]  # fmt: skip
    expert = [JobLevel.AHLI_PERTAMA, JobLevel.AHLI_MUDA, JobLevel.AHLI_MADYA, JobLevel.AHLI_UTAMA]
    skilled = [JobLevel.PEMULA, JobLevel.TERAMPIL, JobLevel.MAHIR, JobLevel.PENYELIA]
    for ladder in (structural, expert, skilled):
        levels = [DEFAULT_LEVEL[step] for step in ladder]
        assert levels == sorted(levels)


# --- the job level from the jabatan ------------------------------------------------------


@pytest.mark.parametrize(
    ("jabatan", "level"),
    [
        ("Analis SDM Aparatur Ahli Pertama", JobLevel.AHLI_PERTAMA),
        ("Analis Kebijakan Ahli Muda", JobLevel.AHLI_MUDA),
        ("Widyaiswara Ahli Madya", JobLevel.AHLI_MADYA),
        ("Widyaiswara Ahli Utama", JobLevel.AHLI_UTAMA),
        ("Pranata Komputer Penyelia", JobLevel.PENYELIA),
        ("Arsiparis Mahir", JobLevel.MAHIR),
        ("Pranata Komputer Terampil", JobLevel.TERAMPIL),
        ("Pustakawan Pemula", JobLevel.PEMULA),
        ("Pengawas Sekolah Ahli Madya", JobLevel.AHLI_MADYA),  # a functional post
        ("Kepala Lembaga Administrasi Negara", JobLevel.JPT_UTAMA),
        ("Deputi Bidang Kebijakan Pengembangan Kompetensi ASN", JobLevel.JPT_MADYA),
        ("Sekretaris Utama", JobLevel.JPT_MADYA),
        ("Direktur Jenderal Anggaran", JobLevel.JPT_MADYA),
        ("Kepala Badan Pengembangan SDM", JobLevel.JPT_MADYA),
        ("Kepala Pusat Pengembangan Kompetensi ASN", JobLevel.JPT_PRATAMA),
        ("Plt. Kepala Biro Umum", JobLevel.JPT_PRATAMA),
        ("Direktur Perencanaan", JobLevel.JPT_PRATAMA),
        ("Asisten Deputi Sumber Daya Manusia", JobLevel.JPT_PRATAMA),
        ("Sekretaris Direktorat Jenderal Pajak", JobLevel.JPT_PRATAMA),
        ("Kepala Badan Kepegawaian Daerah Provinsi Papua", JobLevel.JPT_PRATAMA),
        ("Kepala Dinas Pendidikan", JobLevel.JPT_PRATAMA),
        ("Kepala Bidang Pengembangan Kompetensi", JobLevel.ADMINISTRATOR),
        ("Kepala Bagian Umum", JobLevel.ADMINISTRATOR),
        ("Kepala Subdirektorat Data", JobLevel.ADMINISTRATOR),
        ("Kepala Balai Pelatihan Makassar", JobLevel.ADMINISTRATOR),
        ("Camat Abepura", JobLevel.ADMINISTRATOR),
        ("Kepala Subbagian Tata Usaha", JobLevel.PENGAWAS),
        ("Kepala Sub Bagian Keuangan", JobLevel.PENGAWAS),
        ("Kepala Seksi Penyelenggaraan Pelatihan", JobLevel.PENGAWAS),
        ("Kasubbag Umum", JobLevel.PENGAWAS),
        ("Lurah Menteng", JobLevel.PENGAWAS),
        ("Pengadministrasi Perkantoran", JobLevel.PELAKSANA),
        ("Operator Layanan Operasional", JobLevel.PELAKSANA),
        ("Analis Data pada Deputi Bidang Kebijakan", JobLevel.PELAKSANA),
        ("Pengelola Keuangan Biro Umum", JobLevel.PELAKSANA),
        ("", JobLevel.PELAKSANA),
    ],
)
def test_the_job_level_is_read_from_the_jabatan(jabatan: str, level: JobLevel) -> None:
    assert infer_job_level(jabatan) is level
    assert infer_job_level(f"  {jabatan.upper()}  ") is level


@given(st.text(max_size=300))
def test_any_text_gives_a_job_level(jabatan: str) -> None:
    assert infer_job_level(jabatan) in JobLevel
