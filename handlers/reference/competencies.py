"""The national competency dictionary (PermenPANRB 38/2017) and each job level's default levels.

Nine competencies hold for every jabatan: eight managerial (*manajerial*) and one
socio-cultural (*sosial kultural*), each at levels 1–5; technical competencies (*teknis*)
belong to a jabatan and are loaded by the admin. Names and one-line descriptions are the
templates ``ref/competency`` and ``ref/competency_class`` (``{"key": ..., "part": "name" |
"description"}``).

Default required levels. PermenPANRB 38/2017 defines the levels (1: own conduct; 2: one's
small work unit; 3: the unit one leads; 4: the agency; 5: the nation and the state) and leaves
each jabatan's level to the agency's standar kompetensi jabatan. We assume the customary
mapping, the same level for all nine competencies:

====================  =====  ====================  =====
JPT Utama               5    Fungsional Ahli Utama    4
JPT Madya               5    Ahli Madya               3
JPT Pratama             4    Ahli Muda                3
Administrator           3    Ahli Pertama             2
Pengawas                2    Penyelia                 2
Pelaksana               1    Mahir, Terampil, Pemula  1
====================  =====  ====================  =====

An agency whose standard differs loads its levels per jabatan (``idp-bot competencies
import``); an imported level replaces the default for that jabatan and competency.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum

from handlers.effects import Msg
from handlers.reference.job_level import JobLevel

LEVELS = range(1, 6)  # a competency level is 1..5


class CompetencyType(StrEnum):
    """Klasifikasi kompetensi, as Formulir 1 C and Formulir 2 name them."""

    MANAJERIAL = "manajerial"  # managerial
    SOSIO_KULTURAL = "sosio_kultural"  # socio-cultural
    TEKNIS = "teknis"  # technical

    @property
    def name_msg(self) -> Msg:
        return Msg("ref/competency_class", {"key": self.value, "part": "name"})


@dataclass(frozen=True)
class Competency:
    """A competency of the national dictionary; ``key`` is stable and sorts like its name."""

    key: str
    classification: CompetencyType

    @property
    def name(self) -> Msg:
        return Msg("ref/competency", {"key": self.key, "part": "name"})

    @property
    def description(self) -> Msg:
        return Msg("ref/competency", {"key": self.key, "part": "description"})


_M, _S = CompetencyType.MANAJERIAL, CompetencyType.SOSIO_KULTURAL
NATIONAL: tuple[Competency, ...] = (  # the dictionary's order
    Competency("integritas", _M),
    Competency("kerja_sama", _M),
    Competency("komunikasi", _M),
    Competency("orientasi_hasil", _M),
    Competency("pelayanan_publik", _M),
    Competency("pengembangan_diri", _M),
    Competency("mengelola_perubahan", _M),
    Competency("pengambilan_keputusan", _M),
    Competency("perekat_bangsa", _S),
)
_BY_KEY = {competency.key: competency for competency in NATIONAL}

# How people write the names in spreadsheets (after normalize_name): for matching input only.
_ALIASES = {
    "integritas": ("integritas", "integrity"),
    "kerja_sama": ("kerja sama", "kerjasama", "teamwork"),
    "komunikasi": ("komunikasi", "communication"),
    "orientasi_hasil": ("orientasi pada hasil", "orientasi hasil", "results orientation"),
    "pelayanan_publik": ("pelayanan publik", "public service"),
    "pengembangan_diri": (
        "pengembangan diri dan orang lain", "pengembangan diri orang lain",
        "pengembangan diri", "developing self and others",
    ),
    "mengelola_perubahan": ("mengelola perubahan", "pengelolaan perubahan", "managing change"),
    "pengambilan_keputusan": ("pengambilan keputusan", "decision making"),
    "perekat_bangsa": ("perekat bangsa", "national cohesion"),
}  # fmt: skip
_BY_ALIAS = {alias: _BY_KEY[key] for key, aliases in _ALIASES.items() for alias in aliases}

DEFAULT_LEVEL: dict[JobLevel, int] = {
    JobLevel.JPT_UTAMA: 5,
    JobLevel.JPT_MADYA: 5,
    JobLevel.JPT_PRATAMA: 4,
    JobLevel.ADMINISTRATOR: 3,
    JobLevel.PENGAWAS: 2,
    JobLevel.PELAKSANA: 1,
    JobLevel.AHLI_UTAMA: 4,
    JobLevel.AHLI_MADYA: 3,
    JobLevel.AHLI_MUDA: 3,
    JobLevel.AHLI_PERTAMA: 2,
    JobLevel.PENYELIA: 2,
    JobLevel.MAHIR: 1,
    JobLevel.TERAMPIL: 1,
    JobLevel.PEMULA: 1,
}

_NOT_WORD = re.compile(r"[^\w]+")


def normalize_name(text: str) -> str:
    """Compare names the way people mean them: case, accents, "&", punctuation and spacing
    do not matter ("Pengembangan Diri & Orang  Lain" = "pengembangan diri dan orang lain")."""
    text = unicodedata.normalize("NFKD", text.replace("&", " dan "))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(_NOT_WORD.sub(" ", text.casefold()).replace("_", " ").split())


def find_national(text: str) -> Competency | None:
    """The national competency a name or key stands for, or None (a technical competency)."""
    return _BY_ALIAS.get(normalize_name(text))


def national(key: str) -> Competency:
    """The national competency with this key; ``KeyError`` if there is none."""
    return _BY_KEY[key]


def default_levels(level: JobLevel) -> dict[str, int]:
    """Each national competency's default required level for a job level."""
    return {competency.key: DEFAULT_LEVEL[level] for competency in NATIONAL}


def technical_key(name: str) -> str:
    """A stable ASCII key (≤ 40 characters) for a technical competency's name."""
    slug = normalize_name(name).replace(" ", "_").encode("ascii", "ignore").decode()
    if len(slug) <= 40 and slug:
        return slug
    digest = hashlib.sha256(normalize_name(name).encode()).hexdigest()[:8]
    return f"{slug[:31]}_{digest}"
