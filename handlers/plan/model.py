"""The plan aggregate: Formulir 1 as typed data, never as sentences.

A submitted plan is a :class:`PlanContent`: section A as a snapshot of the employee's record
taken at submission, section B as bases and analyses, the self-assessment's ratings, and the
development items of C. Each item has a stable id and keeps its versions, one per
:class:`Stage` (as proposed in C, as agreed in the dialog kinerja, as verified in D); a later
stage adds a version and never overwrites an earlier one. Sentences are made from these by
templates (``messages/<locale>/plan/``) when the plan is shown.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum


class Stage(StrEnum):
    """Which hands an item version comes from."""

    PROPOSED = "proposed"  # Formulir 1 C, as the employee sent it
    AGREED = "agreed"  # as agreed in the dialog kinerja
    VERIFIED = "verified"  # Formulir 1 D, as the expertise group verified it


class Priority(StrEnum):
    """The expertise group's priority for a verified item (Formulir 2: Prioritas)."""

    TINGGI = "tinggi"
    SEDANG = "sedang"
    RENDAH = "rendah"


class CompetencySource(StrEnum):
    """Where an item's competency came from."""

    GAP = "gap"  # a gap of the self-assessment: ``competency_key`` names the dictionary entry
    NEED = "need"  # a need typed in B 4.2
    TYPED = "typed"  # written in the item itself


@dataclass(frozen=True)
class Profile:
    """Section A (Data Diri Pegawai) as it stood when the plan was sent."""

    nama: str
    nip: str
    jenis_pegawai: str  # PNS / PPPK
    pangkat_golongan: str
    pendidikan: str
    masa_kerja: str
    jabatan: str
    unit_kerja: str


@dataclass(frozen=True)
class Analysis:
    """One entry of section B under an analysis code (1.1 … 5.3).

    1.1 and 4.2 hold several entries (``position``): a priority of the steering board
    (``competency_key`` when it names a national competency) or a need per classification
    (``classification``; ``competency_key`` when it is a gap of the self-assessment). 4.1
    carries the year of the competency test in ``year`` and its result in ``text``.
    """

    code: str
    text: str
    position: int = 0
    competency_key: str | None = None
    classification: str | None = None
    year: int | None = None


@dataclass(frozen=True)
class Rating:
    """A competency of the job rated by the employee (0–5) against the level it requires."""

    competency_key: str
    classification: str
    required: int
    rating: int
    technical_name: str | None = None  # a technical competency's name; None: national


@dataclass(frozen=True)
class ItemVersion:
    """A development item of C as one stage left it: every column typed."""

    relevance: tuple[str, ...]  # codes of B, e.g. ("1.1", "3.2")
    goal: str
    output: str
    competency_classification: str  # manajerial / sosio_kultural / teknis
    competency_source: CompetencySource
    competency_key: str | None  # the dictionary's key when it came from a gap
    competency_description: str  # its name as shown, or the need as typed
    target: str  # pengetahuan / keterampilan
    method_class: str  # formal / sosial / eksperiensial
    method_form: str  # a key of handlers/reference/methods.py FORMS
    learning_source: str
    start_month: int  # 1–12 within the cycle year
    end_month: int
    quarter: int | None  # the time frame was given as this quarter
    execution_level: str  # teknis / operasional / strategis
    organiser: str
    jp: int | None  # learning hours (jam pelajaran), when given


@dataclass(frozen=True)
class Item:
    """An item of the plan: its stable id (None until stored), position, and versions."""

    position: int
    versions: dict[Stage, ItemVersion]
    id: int | None = None

    @property
    def current(self) -> ItemVersion:
        """The latest stage's version."""
        return next(self.versions[s] for s in reversed(Stage) if s in self.versions)


@dataclass(frozen=True)
class PlanContent:
    """What one submission of a plan holds."""

    profile: Profile
    bases: dict[int, bool]  # basis 1–5 → available ("Ada")
    analyses: tuple[Analysis, ...]
    ratings: tuple[Rating, ...]
    items: tuple[Item, ...]
    submission: int = 1  # the first submission is 1; each resubmission after a return adds 1

    def analyses_of(self, code: str) -> list[Analysis]:
        return [a for a in self.analyses if a.code == code]


@dataclass(frozen=True)
class PlanEvent:
    """One line of a plan's audit log: a transition, who fired it, when, and what changed."""

    plan_id: int
    event: str
    from_state: str
    to_state: str
    at: datetime
    employee_id: int | None = None  # who, when a person of the organisation
    operator: str | None = None  # who, when an operator at the command line
    note: str | None = None
    changes: dict[str, list[object]] = field(default_factory=dict)  # field → [old, new]


class Decision(StrEnum):
    """What the dialog kinerja decided about an item (its agreed version says how)."""

    AGREED = "agreed"  # agreed: as proposed, or changed (the versions differ)
    REJECTED = "rejected"  # not agreed, with a reason
    ADDED = "added"  # came up in the dialogue: no proposed version


@dataclass(frozen=True)
class ItemDecision:
    """The supervisor's decision about one item of a submission, saved as it is taken."""

    item_id: int
    decision: Decision
    at: datetime
    employee_id: int | None
    reason: str | None = None
