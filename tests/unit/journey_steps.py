"""Budi's Formulir 1, step by step, on the in-memory fakes: the valid journey of the scenario
(tests/scenarios/test_formulir1_journey.py) as data, and a driver that replays it.

Each :class:`Action` names the question it is taken at (``at``: the session's cursor, or None
when no form is active), so a replay checks that it is where it thinks it is. A press names
the button's action token (``c0``, ``t1``, ``done``, ``go.17`` …); the driver turns it into
the payload of the question on screen and checks that the bot offered that very payload.
"""

from __future__ import annotations

import asyncio
import copy
import itertools
from dataclasses import dataclass
from typing import Any

from handlers.conversation import Conversation
from handlers.effects import Incoming, Reply
from handlers.forms.model import FormSession
from handlers.forms.walk import REVIEW
from handlers.formulir1.commands import ENGINE
from handlers.model import Account, Zone
from handlers.ports import JobRequirement, Priority
from handlers.reference.competencies import NATIONAL, technical_key
from tests.conftest import FakeClock
from tests.unit.fakes import FakeDatabase, State, employee

CHANNEL, CHAT = "telegram", "5001"
JABATAN = "Analis SDM Aparatur Ahli Pertama"
SRI = employee(1, "Sri Wahyuni", "198206202008012002", pangkat_golongan="IV/a",
               jabatan="Kepala Bidang Pelatihan")  # fmt: skip
BUDI = employee(
    2, "Budi Santoso", "199004172015031003", supervisor_nip=SRI.nip,
    kelompok_keahlian="Pengembangan SDM", zona_waktu=Zone.WIB, jabatan=JABATAN,
)  # fmt: skip
TECHNICAL = "Analisis Jabatan"  # the one technical competency of Budi's jabatan
YEAR = 2026  # FakeClock's year, as the agency's clock reads it


def budi_database() -> FakeDatabase:
    """Sri and Budi, Budi's Telegram account bound, the board's priorities and his jabatan's
    technical competency loaded — what an admin would have set up before /isi."""
    database = FakeDatabase(SRI, BUDI)
    database.state.accounts[(CHANNEL, CHAT)] = Account(CHANNEL, CHAT, BUDI.id)
    database.state.forms.priorities = [
        Priority(YEAR, None, "Kerja Sama", "kerja_sama", "HCDP"),
        Priority(YEAR, None, "Manajemen Talenta & <Suksesi>", None, "Renstra"),
    ]
    database.state.forms.requirements = [JobRequirement(JABATAN, "teknis", TECHNICAL, 2)]
    return database


# --- the journey ------------------------------------------------------------------------


@dataclass(frozen=True)
class Action:
    """Type ``text``, or press the button with action ``token`` of the question ``at``.
    ``go:<key>`` presses the review's "change this question" button of ``<key>``."""

    at: str | None
    text: str | None = None
    token: str | None = None


def typed(at: str | None, text: str) -> Action:
    return Action(at, text=text)


def press(at: str | None, token: str) -> Action:
    return Action(at, token=token)


RATINGS = {"komunikasi": 0, "orientasi_hasil": 1, technical_key(TECHNICAL): 1}  # else 2 = required


def rate_all() -> list[Action]:
    keys = [c.key for c in NATIONAL] + [technical_key(TECHNICAL)]
    return [press(f"S.{k}", f"c{RATINGS.get(k, 2)}") for k in keys]


def item(n: int, competency: Action, waktu: Action, jp: str) -> list[Action]:
    """Item ``n`` of C, with its competency and time answered by ``competency`` / ``waktu``."""
    c = f"C.{n}."
    return [
        press(f"{c}relevansi", "t0"),
        press(f"{c}relevansi", "t2"),
        press(f"{c}relevansi", "done"),
        typed(f"{c}tujuan", f"Tujuan item {n}: mampu memimpin rapat koordinasi dengan jelas"),
        typed(f"{c}output", f"Output item {n}: notulen & tindak lanjut <rapat> bulanan"),
        press(f"{c}kompetensi_klasifikasi", f"c{(0, 2, 1)[n - 1]}"),  # manajerial, teknis, sosio
        competency,
        press(f"{c}sasaran", "c1"),
        press(f"{c}metode_klasifikasi", "c0"),
        press(f"{c}metode_bentuk", "c0"),
        typed(f"{c}sumber", "Kepala Bidang Pelatihan"),
        waktu,
        press(f"{c}level", f"c{n - 1}"),
        typed(f"{c}pelaksana", "Bidang Pelatihan"),
        typed(f"{c}jp", jp),
    ]


JOURNEY: tuple[Action, ...] = (
    typed(None, "/isi"),
    # A: correct the education and the NIP (the NIP becomes a change request)
    press("A", "e3"),
    typed("A", "S2 Psikologi"),
    press("A", "e1"),
    typed("A", "199004172015031099"),
    press("A", "ok"),
    # B 1–4 before the self-assessment
    press("B.1.ada", "c0"),
    press("B.1.1", "t0"),
    typed("B.1.1", "Digitalisasi layanan kepegawaian"),
    press("B.1.1", "done"),
    typed("B.1.2", "/lewati"),
    press("B.2.ada", "c1"),
    press("B.3.ada", "c0"),
    typed("B.3.1", "SKP 2026: tiga sasaran terkait analisis jabatan"),
    typed("B.3.2", "Penilaian kinerja 2025: Baik"),
    press("B.4.ada", "c0"),
    typed("B.4.1.tahun", "2024"),
    typed("B.4.1.hasil", "Kompetensi komunikasi belum memenuhi standar"),
    press("S", "c0"),  # take the (optional) self-assessment
    *rate_all(),
    # B 4.2 and 5, after the self-assessment
    press("B.4.2.manajerial", "t0"),
    press("B.4.2.manajerial", "done"),
    typed("B.4.2.sosio_kultural", "/lewati"),
    press("B.4.2.teknis", "t0"),
    press("B.4.2.teknis", "done"),
    press("B.5.ada", "c1"),
    # C: two items (a third is added from the review)
    *item(1, press("C.1.kompetensi_deskripsi", "c0"), typed("C.1.waktu", "Maret-Mei"), "16"),
    press("C.1._more", "c0"),
    *item(
        2, typed("C.2.kompetensi_deskripsi", "Analisis beban kerja"), press("C.2.waktu", "c4"), "8"
    ),
    press("C.2._more", "c1"),
    # the review: change item 1's JP; add a third item, go back to the review without it,
    # try to submit (the bot takes Budi to what is missing) and fill it there
    press(REVIEW, "edit"),
    press(REVIEW, "sec.C1"),
    press(REVIEW, "go:C.1.jp"),
    typed("C.1.jp", "24"),
    press(REVIEW, "add"),
    press("C.3.relevansi", "review"),
    press(REVIEW, "submit"),
    *item(
        3, typed("C.3.kompetensi_deskripsi", "Mediasi konflik"), typed("C.3.waktu", "TW II"), "4"
    ),
    press("C.3._more", "c1"),
    press(REVIEW, "submit"),
    # read-only afterwards
    typed(None, "/rencana"),
    typed(None, "/isi"),
)
SUBMIT_INDEX = max(i for i, a in enumerate(JOURNEY) if a.token == "submit")


# --- the driver ---------------------------------------------------------------------------


class Budi:
    """Budi's chat with the core (Conversation on a FakeDatabase and a FakeClock)."""

    def __init__(self, database: FakeDatabase | None = None) -> None:
        self.database = database or budi_database()
        self.clock = FakeClock()
        self.conversation = Conversation(self.database.uow, self.clock)
        self.keys = itertools.count(1)
        self.last: list[Reply] = []
        self.offered: set[str] = set()  # every payload the bot has shown so far

    async def send(self, text: str | None = None, payload: str | None = None) -> list[Reply]:
        incoming = Incoming(CHANNEL, CHAT, text=text, payload=payload,
                            dedupe_key=f"u{next(self.keys)}")  # fmt: skip
        replies = await self.conversation.handle(incoming)
        self.clock.advance(seconds=7)
        self.last = replies
        self.offered.update(b.payload for r in replies for row in r.buttons for b in row)
        return replies

    # what the database holds (committed state)

    @property
    def state(self) -> State:
        return self.database.state

    def session(self) -> FormSession | None:
        """Budi's active form session, as committed."""
        found = [s for s in self.state.forms.sessions.values() if s.active]
        return copy.deepcopy(found[0]) if found else None

    def any_session(self) -> FormSession | None:
        found = list(self.state.forms.sessions.values())
        return copy.deepcopy(found[0]) if found else None

    def answers(self) -> dict[str, Any]:
        session = self.any_session()
        return copy.deepcopy(self.state.forms.answers.get(session.id, {})) if session else {}

    def cursor(self) -> str | None:
        session = self.session()
        return session.cursor if session else None

    def payload(self, token: str) -> str:
        session = self.session()
        assert session is not None, f"no active form to press {token!r} in"
        return f"f:{session.id}:{session.question}:{token}"

    async def laid_keys(self) -> list[str]:
        """The questions that apply now, in order (what the review and "go" list)."""
        session = self.any_session()
        assert session is not None
        async with self.database.uow() as uow:
            person = await uow.employees.by_id(BUDI.id)
            assert person is not None
            walk = await ENGINE.load(uow, person, session)
        return [slot.key for slot in walk.laid]

    # the journey

    async def act(self, action: Action) -> list[Reply]:
        assert self.cursor() == action.at, f"expected to be at {action.at}, at {self.cursor()}"
        if action.text is not None:
            return await self.send(action.text)
        assert action.token is not None
        token = action.token
        if token.startswith("go:"):
            token = f"go.{(await self.laid_keys()).index(token[3:])}"
        payload = self.payload(token)
        assert payload in self.offered, f"the bot never offered {payload}"
        return await self.send(payload=payload)

    async def walk(self, start: int = 0, stop: int = len(JOURNEY)) -> None:
        for action in JOURNEY[start:stop]:
            await self.act(action)


@dataclass(frozen=True)
class Checkpoint:
    """The committed state just before ``JOURNEY[index]``, and what the bot had shown."""

    index: int
    state: State
    last: list[Reply]
    offered: frozenset[str]
    keys: int
    clock: Any

    def restore(self) -> Budi:
        budi = Budi(FakeDatabase())
        budi.database.state = copy.deepcopy(self.state)
        budi.last = list(self.last)
        budi.offered = set(self.offered)
        budi.keys = itertools.count(self.keys)
        budi.clock.current = self.clock
        return budi


def checkpoints() -> list[Checkpoint]:
    """Replay the journey once and keep the state before every step (and after the last)."""
    return asyncio.run(_checkpoints())


async def _checkpoints() -> list[Checkpoint]:
    budi = Budi()
    kept = []
    for index in range(len(JOURNEY) + 1):
        marker = next(budi.keys)
        kept.append(Checkpoint(index, copy.deepcopy(budi.state), list(budi.last),
                               frozenset(budi.offered), marker, budi.clock.current))  # fmt: skip
        if index < len(JOURNEY):
            await budi.act(JOURNEY[index])
    return kept
