"""The method matrix of LAN 605/2025 (Anak Lampiran 3) as data, the rule that recommends
classifications, and the names and descriptions every form shows in both languages."""

from __future__ import annotations

import pytest
from jinja2 import UndefinedError

import messages
from handlers.effects import Msg
from handlers.reference.methods import (
    FORMS,
    LearningTarget,
    MethodClass,
    MethodForm,
    class_description,
    class_name,
    find_form,
    forms_of,
    ranked,
    recommend,
)

# Anak Lampiran 3, the "Bentuk" column of each table, in order (written out independently).
REGULATION = {
    MethodClass.FORMAL: [
        "Pendidikan berjenjang (diploma/S1/S2/S3)", "Pelatihan", "Seminar/konferensi/sarasehan",
        "Workshop atau lokakarya", "Kursus", "Penataran", "Bimbingan Teknis", "Sosialisasi",
        "e-learning", "Pelatihan Jarak Jauh",
    ],
    MethodClass.SOSIAL: ["Coaching", "Mentoring", "Komunitas Belajar Berdasarkan Kepakaran"],
    MethodClass.EKSPERIENSIAL: [
        "Squad Team", "Patok Banding", "Magang", "Detasering (secondment)", "Pertukaran ASN",
        "Bimbingan di Tempat Kerja", "Komunitas Belajar (Problem Solving)",
        "Pembelajaran Alam Terbuka (Outbound)",
    ],
}  # fmt: skip


def render(msg: Msg, locale: str) -> str:
    return messages.render(msg.template, locale, msg.context)


@pytest.mark.parametrize("classification", list(MethodClass))
def test_each_classification_holds_the_regulations_forms_in_its_order(
    classification: MethodClass,
) -> None:
    names = [render(form.name, "id") for form in forms_of(classification)]
    assert names == REGULATION[classification]


def test_every_form_has_a_short_stable_ascii_key() -> None:
    keys = [form.key for form in FORMS]
    assert len(keys) == len(set(keys)) == 21
    for key in keys:
        assert key.isascii() and key.replace("_", "").isalnum() and key == key.lower()
        assert len(key) <= 20, key
    assert {"pelatihan", "coaching", "squad_team"} <= set(keys)


def test_a_form_is_found_by_key_and_a_stale_key_finds_nothing() -> None:
    coaching = find_form("coaching")
    assert coaching is not None and coaching.classification is MethodClass.SOSIAL
    assert find_form("outbound") is None
    assert find_form("") is None


# --- the rule ---------------------------------------------------------------------------


def test_knowledge_points_to_formal_and_social_learning() -> None:
    assert recommend("pengetahuan") == (MethodClass.FORMAL, MethodClass.SOSIAL)
    assert recommend(LearningTarget.PENGETAHUAN) == (MethodClass.FORMAL, MethodClass.SOSIAL)


def test_skill_or_behaviour_puts_experiential_and_social_learning_first() -> None:
    assert recommend("keterampilan") == (MethodClass.EKSPERIENSIAL, MethodClass.SOSIAL)


def test_every_classification_stays_choosable_with_the_recommended_first() -> None:
    assert ranked("pengetahuan") == (
        MethodClass.FORMAL, MethodClass.SOSIAL, MethodClass.EKSPERIENSIAL,
    )  # fmt: skip
    assert ranked("keterampilan") == (
        MethodClass.EKSPERIENSIAL, MethodClass.SOSIAL, MethodClass.FORMAL,
    )  # fmt: skip


@pytest.mark.parametrize("target", ["", "sikap", "Pengetahuan ", "skill"])
def test_an_unknown_target_is_an_error(target: str) -> None:
    with pytest.raises(ValueError):
        recommend(target)


def test_forms_of_accepts_the_stored_string() -> None:
    assert forms_of("sosial") == forms_of(MethodClass.SOSIAL)
    with pytest.raises(ValueError):
        forms_of("informal")


# --- names and descriptions --------------------------------------------------------------


@pytest.mark.parametrize("locale", messages.LOCALES)
@pytest.mark.parametrize("form", FORMS, ids=lambda form: form.key)
def test_every_form_has_a_name_and_a_one_line_description(form: MethodForm, locale: str) -> None:
    name, description = render(form.name, locale), render(form.description, locale)
    assert name and "\n" not in name and len(name) <= 60
    assert description and "\n" not in description and description.endswith(".")


@pytest.mark.parametrize("locale", messages.LOCALES)
def test_names_and_descriptions_are_distinct_within_a_language(locale: str) -> None:
    names = [render(form.name, locale) for form in FORMS]
    descriptions = [render(form.description, locale) for form in FORMS]
    assert len(set(names)) == len(FORMS)
    assert len(set(descriptions)) == len(FORMS)


def test_english_is_a_translation_not_a_copy() -> None:
    same = [f.key for f in FORMS if render(f.description, "id") == render(f.description, "en")]
    assert same == []


@pytest.mark.parametrize("locale", messages.LOCALES)
@pytest.mark.parametrize("classification", list(MethodClass))
def test_every_classification_has_a_short_name_a_title_and_a_description(
    classification: MethodClass, locale: str
) -> None:
    short = render(class_name(classification), locale)
    title = messages.render(
        "ref/method_class", locale, {"key": classification.value, "part": "title"}
    )
    assert len(short) <= 15 and len(title) > len(short)
    assert render(class_description(classification), locale).endswith(".")


@pytest.mark.parametrize("context", [{"key": "outbound", "part": "name"},
                                     {"key": "coaching", "part": "title"}])  # fmt: skip
def test_an_unknown_key_or_part_fails_loudly(context: dict[str, str]) -> None:
    with pytest.raises(UndefinedError):
        messages.render("ref/method", "id", context)
