"""The learning-method matrix of LAN 605/2025 (Anak Lampiran 3) and the rule for choosing.

Three classifications (*klasifikasi metode*), each with its forms (*bentuk*) in the
regulation's order. Names and one-line descriptions are templates: ``ref/method_class`` and
``ref/method``, rendered with ``{"key": ..., "part": "name" | "description"}``
(``ref/method_class`` also has ``"title"``, the classification's full name).

The rule (BAB II B, *Pelaksanaan* point 3, and the paragraph after *Bentuk metode belajar*):
a target at the knowledge level (*pengetahuan*) → Formal and Social learning; a target at the
skill/behaviour level (*keterampilan/perilaku*) → Experiential and Social learning first.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from handlers.effects import Msg


class MethodClass(StrEnum):
    """Klasifikasi metode: how the learning happens."""

    FORMAL = "formal"  # structured education and training
    SOSIAL = "sosial"  # social learning: from other people at work
    EKSPERIENSIAL = "eksperiensial"  # experiential learning: by doing the work


class LearningTarget(StrEnum):
    """What the development item aims at, read from the targeted competency's indicators."""

    PENGETAHUAN = "pengetahuan"  # knowledge
    KETERAMPILAN = "keterampilan"  # skill or behaviour (keterampilan/perilaku)


@dataclass(frozen=True)
class MethodForm:
    """One *bentuk* of the matrix; ``key`` is stable, ASCII and at most 20 characters."""

    key: str
    classification: MethodClass

    @property
    def name(self) -> Msg:
        return Msg("ref/method", {"key": self.key, "part": "name"})

    @property
    def description(self) -> Msg:
        return Msg("ref/method", {"key": self.key, "part": "description"})


def _forms(classification: MethodClass, *keys: str) -> tuple[MethodForm, ...]:
    return tuple(MethodForm(key, classification) for key in keys)


FORMS: tuple[MethodForm, ...] = (
    *_forms(
        MethodClass.FORMAL,
        "pendidikan",  # Pendidikan berjenjang (diploma/S1/S2/S3)
        "pelatihan",
        "seminar",  # Seminar/konferensi/sarasehan
        "workshop",  # Workshop atau lokakarya
        "kursus",
        "penataran",
        "bimtek",  # Bimbingan Teknis
        "sosialisasi",
        "e_learning",
        "pelatihan_jarak_jauh",
    ),
    *_forms(MethodClass.SOSIAL, "coaching", "mentoring", "komunitas_kepakaran"),
    *_forms(
        MethodClass.EKSPERIENSIAL,
        "squad_team",
        "patok_banding",  # benchmarking
        "magang",  # internship
        "detasering",  # secondment
        "pertukaran_asn",
        "bimbingan_kerja",  # Bimbingan di Tempat Kerja
        "problem_solving",  # Komunitas Belajar (Problem Solving)
        "alam_terbuka",  # Pembelajaran Alam Terbuka (Outbound)
    ),
)
_BY_KEY = {form.key: form for form in FORMS}

_RECOMMENDED = {
    LearningTarget.PENGETAHUAN: (MethodClass.FORMAL, MethodClass.SOSIAL),
    LearningTarget.KETERAMPILAN: (MethodClass.EKSPERIENSIAL, MethodClass.SOSIAL),
}


def recommend(target: LearningTarget | str) -> tuple[MethodClass, ...]:
    """The classifications the regulation points to for ``target``, in the order to offer them.

    Raises ``ValueError`` for anything but "pengetahuan" or "keterampilan".
    """
    return _RECOMMENDED[LearningTarget(target)]


def ranked(target: LearningTarget | str) -> tuple[MethodClass, ...]:
    """All three classifications, the recommended ones first (the employee may pick any)."""
    first = recommend(target)
    return first + tuple(c for c in MethodClass if c not in first)


def forms_of(classification: MethodClass | str) -> tuple[MethodForm, ...]:
    """The forms of one classification, in the regulation's order."""
    wanted = MethodClass(classification)
    return tuple(form for form in FORMS if form.classification is wanted)


def find_form(key: str) -> MethodForm | None:
    """The form with this key, or None (e.g. a stale button payload)."""
    return _BY_KEY.get(key)


def class_name(classification: MethodClass | str) -> Msg:
    return Msg("ref/method_class", {"key": MethodClass(classification).value, "part": "name"})


def class_description(classification: MethodClass | str) -> Msg:
    key = MethodClass(classification).value
    return Msg("ref/method_class", {"key": key, "part": "description"})
