"""The largest plan a person can send (tests/unit/largest_plan.py), filled through the chat
on the real storage — SQLite and PostgreSQL. PostgreSQL enforces every column's length, so
this is where a column too short for what the form lets through shows: before migration
0005 every press of "send" failed there (the relevance labels joined outgrow varchar(200)),
the plan stayed a draft, the person read "internal error".
"""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import select

from bot import admin
from bot.app import App
from bot.channels.console import CHANNEL
from handlers import org_import
from handlers.effects import Incoming, Reply
from handlers.model import SUBMITTED, Employee
from handlers.plan.model import PlanContent
from handlers.reference import imports
from storage.models import PlanRow
from tests.unit.journey_steps import BUDI, SRI, Action, Budi
from tests.unit.largest_plan import (
    LARGEST_PLAN,
    PRIORITY_ROWS,
    REQUIREMENT_ROWS,
    largest_plan_database,
)


def org_row(person: Employee) -> dict[str, str]:
    """The person as a row of the organisation file."""
    return {
        "nip": person.nip, "nama": person.nama, "jenis_pegawai": person.jenis_pegawai.value,
        "pangkat_golongan": person.pangkat_golongan, "pendidikan": person.pendidikan,
        "masa_kerja": person.masa_kerja, "jabatan": person.jabatan,
        "unit_kerja": person.unit_kerja, "nip_atasan": person.supervisor_nip or "",
        "kelompok_keahlian": person.kelompok_keahlian or "", "zona_waktu": person.zona_waktu.value,
        "bahasa": person.bahasa,
    }  # fmt: skip


async def set_up(app: App) -> int:
    """Sri and Budi, the board's priorities and Budi's technical competencies imported, Budi
    at the terminal: what the fakes of the largest plan hold."""
    async with app.uow() as uow:
        report = await org_import.import_rows(uow, enumerate([org_row(SRI), org_row(BUDI)], 2))
        assert report.errors == []
    async with app.uow() as uow:
        priorities = await imports.import_priorities(uow, enumerate(PRIORITY_ROWS, 2))
    async with app.uow() as uow:
        required = await imports.import_requirements(uow, enumerate(REQUIREMENT_ROWS, 2))
    assert (priorities.errors, required.errors) == ([], [])
    person = await admin.bind_console(app, BUDI.nip)
    assert person is not None
    return person.id


class Terminal:
    """Budi at the terminal channel, pressing buttons by their action token (``t3``,
    ``done``): the payload of the question his form is on, checked to have been offered."""

    def __init__(self, app: App, employee_id: int) -> None:
        self.app, self.employee_id = app, employee_id
        self.offered: set[str] = set()
        self.sent = 0

    async def act(self, action: Action) -> list[Reply]:
        async with self.app.uow() as uow:
            session = await uow.forms.active(self.employee_id)
        assert (session.cursor if session else None) == action.at, (action, session)
        payload = None
        if action.token is not None:
            assert session is not None
            payload = f"f:{session.id}:{session.question}:{action.token}"
            assert payload in self.offered, f"the bot never offered {payload}"
        self.sent += 1
        incoming = Incoming(CHANNEL, BUDI.nip, text=action.text, payload=payload,
                            dedupe_key=f"largest-{self.sent}")  # fmt: skip
        replies = await self.app.conversation.handle(incoming)
        self.offered.update(b.payload for r in replies for row in r.buttons for b in row)
        return replies


def without_ids(content: PlanContent) -> PlanContent:
    return replace(content, items=tuple(replace(item, id=None) for item in content.items))


async def stored_plan(app: App) -> tuple[str, PlanContent]:
    async with app.engine.connect() as connection:
        plan_id, status = (await connection.execute(select(PlanRow.id, PlanRow.status))).one()
    async with app.uow() as uow:
        content = await uow.plan_records.load(plan_id)
    assert content is not None
    return str(status), without_ids(content)


async def plan_on_the_fakes() -> PlanContent:
    budi = Budi(largest_plan_database())
    for action in LARGEST_PLAN:
        await budi.act(action)
    [[content]] = budi.state.forms.contents.values()
    return without_ids(content)


async def test_the_largest_plan_is_sent_and_stored_whole(app: App) -> None:
    """Every basis "Ada", every code ticked in each of the 20 items, every answer at its
    limit: the plan is submitted and its typed rows hold exactly what the core made of the
    answers (the same as on the in-memory fakes) — nothing refused, nothing cut."""
    terminal = Terminal(app, await set_up(app))
    for action in LARGEST_PLAN:
        replies = await terminal.act(action)
    assert replies and replies[-1].text.template == "form1/submitted"
    status, content = await stored_plan(app)
    assert status == SUBMITTED
    assert content == await plan_on_the_fakes()
    assert len(content.items) == 20
    assert min(len(item.current.relevance) for item in content.items) == 12  # every code of B
