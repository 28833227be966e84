"""The largest Formulir 1 a person can send, as a journey of :class:`Action` s: every basis
"Ada" and every code of B answered, every relevance code ticked in every item, every typed
answer at its limit, every need and priority ticked (and own ones typed), the most items a
plan may hold. Replayed on the fakes (tests/unit/test_column_limits.py) and through the
real storage on SQLite and PostgreSQL (tests/integration/test_largest_plan.py).

The limits come from the form definitions themselves (``text_limit`` of each step), never
from numbers copied here: a limit raised in the form is a longer answer here.
"""

from __future__ import annotations

from handlers.forms.kinds import text_limit
from handlers.forms.model import Step
from handlers.forms.walk import REVIEW
from handlers.formulir1.flow import FORMULIR1_GROUP
from handlers.formulir1.form import FORMULIR1
from handlers.formulir1.section_c import LEVELS, MAX_JP, TARGETS
from handlers.formulir1.sections_ab import BASES, CLASSIFICATIONS
from handlers.model import Account
from handlers.reference import imports as reference_imports
from handlers.reference import methods
from handlers.reference.competencies import NATIONAL, CompetencyType, normalize_name, technical_key
from tests.unit.fakes import FakeDatabase
from tests.unit.journey_steps import BUDI, CHANNEL, CHAT, JABATAN, SRI, YEAR, Action, press, typed


# What the board and the jabatan hold, as rows of the reference files (the fakes take them
# parsed by the import, the real storage through it): names as long as the import lets them
# be, so that every label reaching a stored row is as long as it gets.
def longest_name(words: str) -> str:
    """``words`` repeated up to the import's limit, also once compared (``&`` → ``dan``)."""
    name = (words * 50)[: reference_imports.MAX_FIELD].strip()
    while len(normalize_name(name)) > reference_imports.MAX_FIELD:
        name = name[:-1].strip()
    return name


PRIORITY_ROWS = [
    {"tahun": str(YEAR), "unit_kerja": "", "kompetensi": "Kerja Sama", "keterangan": "HCDP"},
    {"tahun": str(YEAR), "unit_kerja": "", "kompetensi": longest_name("Talenta & <Suksesi> "),
     "keterangan": "Renstra"},
    {"tahun": str(YEAR), "unit_kerja": "", "kompetensi": longest_name("Layanan Digital "),
     "keterangan": ""},
]  # fmt: skip
REQUIREMENT_ROWS = [
    {"jabatan": JABATAN, "kompetensi": name, "jenis": "teknis", "level": "4"}
    for name in (longest_name("Analisis Jabatan & Beban Kerja "), "Standar Kompetensi Jabatan")
]
PRIORITIES = [reference_imports.parse_priority(row, {}) for row in PRIORITY_ROWS]
REQUIREMENTS = [reference_imports.parse_requirement(row) for row in REQUIREMENT_ROWS]
TECHNICAL = [r.kompetensi for r in REQUIREMENTS]
NEEDS_TYPED = 2  # own needs typed in each of 4.2 and own priorities in 1.1: there is no limit


def largest_plan_database() -> FakeDatabase:
    """Sri and Budi (bound on Telegram), the board's priorities, two technical competencies."""
    database = FakeDatabase(SRI, BUDI)
    database.state.accounts[(CHANNEL, CHAT)] = Account(CHANNEL, CHAT, BUDI.id)
    database.state.forms.priorities = list(PRIORITIES)
    database.state.forms.requirements = list(REQUIREMENTS)
    return database


def longest(step: Step, seed: str) -> str:
    """The longest text ``step`` takes typed (at a choice: own words), starting with ``seed``
    (answers must differ), made of what costs most: letters beyond ASCII, what HTML escapes."""
    return (f"{seed} " + "Ü<&>ä" * 1000)[: text_limit(step)]


def _step(key: str) -> Step:
    """The step of Formulir 1 at ``key`` (``C.<n>.<step>`` for an item's)."""
    name = key.split(".")[-1] if key.startswith("C.") else key
    steps = FORMULIR1_GROUP.steps if key.startswith("C.") else ()
    found = [s for s in steps if s.key == name]
    found += [n for n in FORMULIR1.nodes if isinstance(n, Step) and n.key == key]
    return found[0]


def text_at(key: str, seed: str | None = None) -> Action:
    return typed(key, longest(_step(key), seed or key))


def tick_all(key: str, count: int, own: int = 0) -> list[Action]:
    """Tick every one of ``count`` choices, type ``own`` answers of one's own, then done."""
    ticks = [press(key, f"t{i}") for i in range(count)]
    typed_own = [typed(key, longest(_step(key), f"{key} {n}")) for n in range(own)]
    return [*ticks, *typed_own, press(key, "done")]


def national(classification: CompetencyType) -> int:
    return sum(1 for c in NATIONAL if c.classification is classification)


def section_b() -> list[Action]:
    actions: list[Action] = []
    for basis in (1, 2, 3):
        actions.append(press(f"B.{basis}.ada", "c0"))
        for code in BASES[basis]:
            if code == "1.1":
                actions += tick_all("B.1.1", len(PRIORITIES), own=NEEDS_TYPED)
            else:
                actions.append(text_at(f"B.{code}"))
    actions += [press("B.4.ada", "c0"), typed("B.4.1.tahun", str(YEAR)), text_at("B.4.1.hasil")]
    competencies = [c.key for c in NATIONAL] + [technical_key(t) for t in TECHNICAL]
    actions.append(press("S", "c0"))  # take the self-assessment
    actions += [press(f"S.{key}", "c0") for key in competencies]  # rated 0: every one a gap
    gaps = {
        "manajerial": national(CompetencyType.MANAJERIAL),
        "sosio_kultural": national(CompetencyType.SOSIO_KULTURAL),
        "teknis": len(TECHNICAL),
    }
    for jenis in CLASSIFICATIONS:  # fmt: skip
        actions += tick_all(f"B.4.2.{jenis}", gaps[jenis], own=NEEDS_TYPED)
    actions.append(press("B.5.ada", "c0"))
    actions += [text_at(f"B.{code}") for code in BASES[5]]
    return actions


CODES = sum(len(codes) for codes in BASES.values())  # every code of B: all are answered
LONGEST_FORM = max(methods.FORMS, key=lambda form: len(form.key))


def item(n: int) -> list[Action]:
    """Item ``n`` of C with the longest answer to every question (a typed choice takes its
    value: the longest value of each list)."""
    c = f"C.{n}."
    last = n == FORMULIR1_GROUP.max_items
    return [
        *tick_all(f"{c}relevansi", CODES),
        text_at(f"{c}tujuan", f"Tujuan {n}"),
        text_at(f"{c}output", f"Output {n}"),
        typed(f"{c}kompetensi_klasifikasi", max(CLASSIFICATIONS, key=len)),
        text_at(f"{c}kompetensi_deskripsi", f"Kompetensi {n}"),  # own words
        typed(f"{c}sasaran", max(TARGETS, key=len)),
        typed(f"{c}metode_klasifikasi", LONGEST_FORM.classification.value),
        typed(f"{c}metode_bentuk", LONGEST_FORM.key),
        text_at(f"{c}sumber", f"Sumber {n}"),
        press(f"{c}waktu", "c3"),  # Triwulan IV (Oktober–Desember): the longest label
        typed(f"{c}level", max(LEVELS, key=len)),
        text_at(f"{c}pelaksana", f"Pelaksana {n}"),
        typed(f"{c}jp", str(MAX_JP)),
        *([] if last else [press(f"{c}_more", "c0")]),  # the last item asks no more
    ]


LARGEST_PLAN: tuple[Action, ...] = (
    typed(None, "/isi"),
    press("A", "ok"),
    *section_b(),
    *(action for n in range(1, FORMULIR1_GROUP.max_items + 1) for action in item(n)),
    press(REVIEW, "submit"),
)
