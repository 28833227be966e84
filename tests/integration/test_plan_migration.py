"""Plans stored before migration 0012 (prose items, as main's ``formulir1/flow.py items()``
wrote them) read the same after it, on SQLite and PostgreSQL.

The fixture ``fixtures/plans_before_0012.json`` was captured by running Budi's journey
(tests/unit/journey_steps.py) on the code before this change (main at the commit it names):
his answers, the plan_items rows that code stored, and what its /rencana showed. Here a
database is migrated to 0009, those rows are written into it as that code wrote them — Budi's
plan with its form answers, and the same items for Sri without any answers (as an erased
person's plan keeps them) — and upgraded to the head.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from alembic import command
from sqlalchemy.ext.asyncio import AsyncEngine

import messages
from bot.app import App, bootstrap
from bot.config import Settings
from handlers.formulir1.commands import show_plan
from handlers.plan import prose
from handlers.plan.model import PlanContent
from storage import migrate
from storage.db import create_engine
from tests.conftest import PG_URL, FakeClock, _admin_dsn, pg_admin
from tests.unit.journey_steps import JOURNEY, Budi

FIXTURE = json.loads((Path(__file__).parent / "fixtures" / "plans_before_0012.json").read_text())
[JOURNEY_PLAN] = FIXTURE["plans"]
BEFORE = "0009_breaks_b"
SUBMITTED_AT = datetime(2026, 11, 29, 2, 0)  # FakeClock's start, when the fixture was sent
SRI_NIP = "198206202008012002"


@pytest.fixture(params=["sqlite"] + (["postgresql"] if PG_URL else []))
async def fresh_url(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[str]:
    """An empty database of this test's own (the shared test database is migrated already)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'before.db'}"
        return
    assert PG_URL is not None
    name = f"idp_mig_{uuid.uuid4().hex[:12]}"

    admin = pg_admin

    await admin(f'CREATE DATABASE "{name}"')
    yield _admin_dsn(PG_URL, name)
    await admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


async def downgrade(engine: AsyncEngine, revision: str) -> None:
    def run(connection: Any) -> None:
        config = migrate.alembic_config()
        config.attributes["connection"] = connection
        command.downgrade(config, revision)

    async with engine.begin() as connection:
        await connection.run_sync(run)


def stamp(connection: sa.Connection) -> datetime:
    sqlite = connection.dialect.name == "sqlite"
    return SUBMITTED_AT if sqlite else SUBMITTED_AT.replace(tzinfo=UTC)


def write_old_plans(connection: sa.Connection) -> dict[str, int]:
    """Budi's plan with its answers, Sri's with the same rows and none: as main stored them."""
    meta = sa.MetaData()
    table = {
        name: sa.Table(name, meta, autoload_with=connection)
        for name in ("units", "employees", "plans", "plan_items", "form_sessions", "form_answers")
    }
    at = stamp(connection)
    unit = connection.execute(
        table["units"]
        .insert()
        .values(name=JOURNEY_PLAN["employee"]["unit_kerja"])
        .returning(table["units"].c.id)
    ).scalar_one()
    people = {}
    for nip, nama in ((SRI_NIP, "Sri Wahyuni"), (JOURNEY_PLAN["employee"]["nip"], "Budi")):
        record = {
            k: v
            for k, v in JOURNEY_PLAN["employee"].items()
            if k not in ("unit_kerja", "supervisor_nip")
        }
        record.update(nip=nip, nama=JOURNEY_PLAN["employee"]["nama"] if nama == "Budi" else nama)
        people[nip] = connection.execute(
            table["employees"]
            .insert()
            .values(**record, unit_id=unit, zona_waktu="WIB", bahasa="id", updated_at=at)
            .returning(table["employees"].c.id)
        ).scalar_one()
    plans = {}
    for nip, employee_id in people.items():
        plans[nip] = connection.execute(
            table["plans"]
            .insert()
            .values(
                employee_id=employee_id,
                year=JOURNEY_PLAN["year"],
                status="submitted",
                created_at=at,
                updated_at=at,
                submitted_at=at,
            )
            .returning(table["plans"].c.id)
        ).scalar_one()
        connection.execute(
            table["plan_items"].insert(),
            [{"plan_id": plans[nip], **row} for row in JOURNEY_PLAN["items"]],
        )
    budi = JOURNEY_PLAN["employee"]["nip"]
    session = connection.execute(
        table["form_sessions"]
        .insert()
        .values(
            employee_id=people[budi],
            form="formulir1",
            subject_id=plans[budi],
            cursor="@done",
            question=0,
            state="{}",
            active=False,
            updated_at=at,
        )
        .returning(table["form_sessions"].c.id)
    ).scalar_one()
    connection.execute(
        table["form_answers"].insert(),
        [
            {
                "session_id": session,
                "key": key,
                "value": json.dumps(value, ensure_ascii=False),
                "updated_at": at,
            }
            for key, value in JOURNEY_PLAN["answers"].items()
        ],
    )
    return plans


def old_rows(connection: sa.Connection) -> list[dict[str, Any]]:
    found = connection.execute(sa.text("SELECT * FROM plan_items ORDER BY plan_id, position"))
    return [dict(row._mapping) for row in found]


async def on(url: str, clock: FakeClock) -> App:
    settings = Settings(_env_file=None, database_url=url, telegram_token=None)  # type: ignore[call-arg]
    return await bootstrap(settings, clock=clock)


def without_ids(content: PlanContent) -> PlanContent:
    return replace(content, items=tuple(replace(item, id=None) for item in content.items))


def plain(replies: list[Any]) -> list[str]:
    return [
        messages.to_plain_text(messages.render(r.text.template, "id", r.text.context))
        for r in replies
    ]


async def sent_on_this_code() -> tuple[PlanContent, list[str]]:
    """Budi's journey sent on the code as it is now: the typed plan and /rencana."""
    budi = Budi()
    await budi.walk(0, len(JOURNEY))
    [[content]] = budi.state.forms.contents.values()
    return without_ids(content), plain(await budi.send("/rencana"))


async def test_plans_stored_as_prose_read_the_same_after_the_migration(fresh_url: str) -> None:
    engine = create_engine(fresh_url)
    await migrate.upgrade(engine, BEFORE)
    async with engine.begin() as connection:
        plans = await connection.run_sync(write_old_plans)
        before = await connection.run_sync(old_rows)
    await engine.dispose()

    app = await on(fresh_url, FakeClock())  # starting the bot upgrades to the head
    year, budi_nip = JOURNEY_PLAN["year"], JOURNEY_PLAN["employee"]["nip"]
    fresh, fresh_rencana = await sent_on_this_code()
    async with app.uow() as uow:
        contents = {nip: await uow.plan_records.load(plan) for nip, plan in plans.items()}
        budi = await uow.employees.by_nip(budi_nip)
        assert budi is not None
        rencana = plain(await show_plan(uow, budi, year))
        events = await uow.plan_records.events(plans[budi_nip])
    await app.close()

    for nip, content in contents.items():  # every item, every column: as main wrote it
        assert content is not None, nip
        old = [row for row in before if row["plan_id"] == plans[nip]]
        assert [item.id for item in content.items] == [row["id"] for row in old], "stable ids"
        for item, row in zip(content.items, old, strict=True):
            expected = {k: v for k, v in row.items() if k not in ("id", "plan_id", "position")}
            assert prose.columns(item.current, year) == expected
    # Budi's plan, rebuilt from his answers: what sending it on this code stores, A and B too
    assert without_ids(contents[budi_nip]) == fresh  # type: ignore[arg-type]
    assert rencana == fresh_rencana  # and /rencana reads it the same
    assert all(item in rencana[1] for item in ("Kerja Sama", "Komunikasi", "Maret–Mei 2026"))
    assert [(e.event, e.from_state, e.to_state, e.operator) for e in events] == [
        ("submit", "draft", "submitted", "migration 0012")
    ]

    engine = create_engine(fresh_url)  # and back: the prose is written again, unchanged
    await downgrade(engine, BEFORE)
    async with engine.connect() as connection:
        assert await connection.run_sync(old_rows) == before
    await engine.dispose()
