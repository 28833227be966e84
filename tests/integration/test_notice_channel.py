"""One person, Telegram and Slack: a notice goes to the channel they used last (or as
IDP_NOTICE_CHANNEL says), never to both — for one notice and for a broadcast's one INSERT;
the channel is written only when it changes. Where the organisation file gave no zone, a
Slack user's time zone is taken, and a later import without a zone keeps it."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy import event, select

from bot.app import App
from bot.channels.slack_profile import learn_zones
from bot.channels.slack_sender import SlackChannel, slack_client
from handlers import broadcast, org_import
from handlers.broadcast import Operator
from handlers.calendar import NO_QUIET_HOURS
from handlers.effects import Incoming, Msg
from handlers.notify import Notify, notify
from storage import migrate
from storage.db import create_engine, write_lock
from storage.models import AccountRow, EmployeeRow, Unit
from storage.outbox import OutboxRow
from storage.uow import SqlUnitOfWork
from tests.delivery_support import Recipient, load_people, org_rows
from tests.fake_slack import FakeSlack
from tests.integration.test_plan_migration import downgrade, fresh_url  # noqa: F401 - fixture
from tests.slack.delivery import bind_slack, set_last_channel, slack_settings, zones

LATER = timedelta(days=1)


async def mixed(app: App, slack: FakeSlack | None = None) -> dict[str, Recipient]:
    """Tg: Telegram only; Sl: Slack only (bound later); Both: Telegram, then Slack; None."""
    tg, both, sl, nobody = await load_people(app, 4, unbound=2)  # tg and both on Telegram
    await bind_slack(app, slack or FakeSlack(), [sl, both], first=100)
    async with app.engine.begin() as connection:  # Slack bound a day after Telegram
        later = datetime.now(UTC) + LATER
        await connection.execute(
            AccountRow.__table__.update()  # type: ignore[attr-defined]
            .where(AccountRow.channel == "slack")
            .values(bound_at=later)
        )
    return {"tg": tg, "sl": sl, "both": both, "none": nobody}


def uow(app: App, policy: str) -> SqlUnitOfWork:
    return SqlUnitOfWork(app.sessions, write_lock(app.engine), policy)


async def channels_queued(app: App, policy: str, people: Sequence[Recipient]) -> list[str | None]:
    """Queue one notice per person under ``policy``; the channel each row names."""
    async with uow(app, policy) as work:
        for person in people:
            await notify(work, Notify(person.employee_id, Msg("menu/help")), app.clock.now())
        await work.commit()
    async with app.engine.begin() as connection:
        found = list(await connection.scalars(select(OutboxRow.channel).order_by(OutboxRow.id)))
        await connection.execute(OutboxRow.__table__.delete())  # type: ignore[attr-defined]
    return found


@pytest.mark.parametrize(
    ("policy", "last", "expected"),
    [
        ("last_used", None, ["telegram", "slack", "slack", None]),  # none yet: the newest
        ("last_used", "telegram", ["telegram", "slack", "telegram", None]),
        ("last_used", "slack", ["telegram", "slack", "slack", None]),
        ("newest", "telegram", ["telegram", "slack", "slack", None]),
        ("telegram", "slack", ["telegram", "slack", "telegram", None]),
        ("slack", "telegram", ["telegram", "slack", "slack", None]),
    ],
)
async def test_a_notice_goes_to_one_channel_as_the_policy_says(
    app: App, policy: str, last: str | None, expected: list[str | None]
) -> None:
    people = await mixed(app)
    if last is not None:
        await set_last_channel(app, [p.employee_id for p in people.values()], last)
    order = [people["tg"], people["sl"], people["both"], people["none"]]
    assert await channels_queued(app, policy, order) == expected


async def test_the_last_used_channel_no_longer_bound_falls_back_to_the_newest(app: App) -> None:
    people = await mixed(app)
    both = people["both"]
    await set_last_channel(app, [both.employee_id], "console")  # the terminal, since unbound
    assert await channels_queued(app, "last_used", [both]) == ["slack"]


async def test_a_broadcast_reaches_each_person_once_on_the_channel_they_used_last(
    app: App,
) -> None:
    people = await mixed(app)
    await set_last_channel(app, [people["both"].employee_id], "telegram")
    async with app.uow() as work:
        await broadcast.create(work, Operator(), "all", "Rapat", None, app.clock.now(), 2026,
                               quiet=NO_QUIET_HOURS)  # fmt: skip
    async with app.engine.connect() as connection:
        rows = (await connection.execute(select(OutboxRow.employee_id, OutboxRow.channel))).all()
    assert sorted(rows) == sorted(
        [
            (people["tg"].employee_id, "telegram"),
            (people["sl"].employee_id, "slack"),
            (people["both"].employee_id, "telegram"),
            (people["none"].employee_id, None),
        ]
    )


def count_updates(app: App, table: str) -> list[str]:
    seen: list[str] = []

    def before(conn: Any, cursor: Any, statement: str, *_: Any) -> None:
        if statement.lstrip().upper().startswith(f"UPDATE {table.upper()}"):
            seen.append(statement)

    event.listen(app.engine.sync_engine, "before_cursor_execute", before)
    if app.inline_engine is not None:
        event.listen(app.inline_engine, "before_cursor_execute", before)
    return seen


async def test_a_turn_notes_its_channel_only_when_it_changed(app: App) -> None:
    people = await mixed(app)
    both = people["both"]
    slack_user = await external_id(app, both.employee_id, "slack")
    updates = count_updates(app, "employees")
    turns = [("slack", slack_user), ("slack", slack_user), ("telegram", str(both.chat)),
             ("telegram", str(both.chat))]  # fmt: skip
    for number, (channel, who) in enumerate(turns):
        incoming = Incoming(channel, who, text="/bantuan", dedupe_key=f"turn-{number}")
        await app.conversation.handle(incoming)
    assert len(updates) == 2, "written when it changed: to Slack, back to Telegram"
    async with app.engine.connect() as connection:
        last = await connection.scalar(
            select(EmployeeRow.last_channel).where(EmployeeRow.id == both.employee_id)
        )
    assert last == "telegram"
    assert await channels_queued(app, "last_used", [both]) == ["telegram"]


async def external_id(app: App, employee_id: int, channel: str) -> str:
    async with app.engine.connect() as connection:
        found = await connection.scalar(
            select(AccountRow.external_id).where(
                AccountRow.employee_id == employee_id, AccountRow.channel == channel
            )
        )
    assert found is not None
    return str(found)


async def test_slacks_time_zone_is_taken_only_where_the_file_gave_none(app: App) -> None:
    rows = org_rows(4, zones=("", "", "WIB", "WITA"))  # two empty, two given
    async with app.uow() as work:
        report = await org_import.import_rows(work, rows)
        assert not report.errors
    async with app.engine.connect() as connection:
        id_of = dict((await connection.execute(select(EmployeeRow.nip, EmployeeRow.id))).all())
    ids = [id_of[row["nip"]] for _, row in rows]  # in the file's order
    people = [Recipient(i, "", None) for i in ids]
    slack = await FakeSlack().start()
    try:
        for person, tz in zip(people, ["Asia/Makassar", "Europe/Berlin", "Asia/Jayapura",
                                       "Asia/Jayapura"], strict=True):  # fmt: skip
            await bind_slack(app, slack, [person], tz=tz, first=person.employee_id)
        settings = slack_settings(app.settings.database_url, slack)
        client = slack_client(settings)
        try:
            assert await learn_zones(app, client, "slack") == 1
        finally:
            await SlackChannel(client, settings).close()
        asked = {c.params["user"] for c in slack.calls_to("users.info")}
        assert asked == {f"U{i:08d}" for i in ids[:2]}, "only the two whose file gave no zone"
    finally:
        await slack.stop()
    assert [(await zones(app))[i] for i in ids] == ["WITA", "WIB", "WIB", "WITA"]

    async with app.uow() as work:  # the file again, still without their zones
        await org_import.import_rows(work, rows)
    assert [(await zones(app))[i] for i in ids] == ["WITA", "WIB", "WIB", "WITA"], "kept"
    given = [(line, {**row, "zona_waktu": "WIT"}) for line, row in rows]
    async with app.uow() as work:  # now the file names a zone: it wins, for good
        await org_import.import_rows(work, given)
        assert not await work.employees.adopt_zone(ids[0], org_import.Zone.WITA)
    assert set((await zones(app)).values()) == {"WIT"}


async def test_0019_marks_a_zone_other_than_the_default_as_the_files_and_goes_back_down(
    fresh_url: str,  # noqa: F811
) -> None:
    engine = create_engine(fresh_url)
    await migrate.upgrade(engine, "0019_verify_recap")
    async with engine.begin() as connection:
        await connection.execute(sa.insert(Unit).values(id=1, name="Pusat"))
        for number, zone in ((1, "WIB"), (2, "WITA")):
            await connection.execute(sa.text(
                "INSERT INTO employees (id, nip, nama, jenis_pegawai, pangkat_golongan,"
                " pendidikan, masa_kerja, jabatan, unit_id, zona_waktu, bahasa, updated_at)"
                " VALUES (:id, :nip, 'P', 'PNS', 'III/a', '', '', 'Analis', 1, :zone, 'id', :at)"
            ), {"id": number, "nip": f"19900101201501100{number}", "zone": zone,
                "at": datetime(2026, 1, 1, tzinfo=UTC)})  # fmt: skip
    await migrate.upgrade(engine)
    query = "SELECT id, zone_from_org, last_channel FROM employees ORDER BY id"
    async with engine.connect() as connection:
        after = [tuple(row) for row in await connection.execute(sa.text(query))]
    assert after == [(1, False, None), (2, True, None)]
    await downgrade(engine, "0019_verify_recap")
    async with engine.connect() as connection:
        names = await connection.run_sync(
            lambda sync: {c["name"] for c in sa.inspect(sync).get_columns("employees")}
        )
        assert await connection.scalar(sa.text("SELECT count(*) FROM employees")) == 2
    assert not names & {"zone_from_org", "last_channel"}
    await engine.dispose()
