"""0014_channels: rows queued before it name their recipient's channel afterwards (the newest
bound account's; none for a person without one; a pinned chat keeps its channel), and going
back down leaves a channel only on pinned rows."""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa

from storage import migrate
from storage.db import create_engine
from storage.models import AccountRow, EmployeeRow, Unit
from tests.integration.test_plan_migration import downgrade, fresh_url  # noqa: F401 - fixture

BEFORE = "0013_workers"
EARLY, LATE = datetime(2026, 1, 1, tzinfo=UTC), datetime(2026, 6, 1, tzinfo=UTC)


def write_rows(connection: sa.Connection) -> None:
    """People, accounts and queued rows as the code before 0014 wrote them (the tables of
    people and accounts did not change; the outbox is written by hand)."""
    sqlite = connection.dialect.name == "sqlite"

    def at(moment: datetime) -> datetime:
        return moment.replace(tzinfo=None) if sqlite else moment

    connection.execute(sa.insert(Unit).values(id=1, name="Pusat"))
    for number in (1, 2, 3):
        connection.execute(sa.insert(EmployeeRow).values(
            id=number, nip=f"19900101201501100{number}", nama=f"P{number}", jenis_pegawai="PNS",
            pangkat_golongan="III/a", pendidikan="", masa_kerja="", jabatan="Analis", unit_id=1,
            zona_waktu="WIB", bahasa="id", updated_at=EARLY,
        ))  # fmt: skip
    accounts = [(1, "console", "c1", EARLY), (1, "telegram", "t1", LATE),
                (2, "console", "c2", EARLY)]  # fmt: skip
    for employee, channel, external, bound in accounts:
        connection.execute(sa.insert(AccountRow).values(
            channel=channel, external_id=external, employee_id=employee, address=external,
            bound_at=bound,
        ))  # fmt: skip
    rows = [(1, None, None), (2, None, None), (3, None, None), (3, "telegram", "999")]
    for employee, pinned_channel, pinned_address in rows:
        connection.execute(sa.text(
            "INSERT INTO outbox (employee_id, kind, template, context, due_at, status, attempts,"
            " uncertain, interrupted, parts_sent, next_attempt_at, created_at, pinned_channel,"
            " pinned_address) VALUES (:employee, 'notification', 'menu/help', '{}', :at,"
            " 'pending', 0, 0, 0, 0, :at, :at, :channel, :address)"
        ), {"employee": employee, "at": at(EARLY), "channel": pinned_channel,
            "address": pinned_address})  # fmt: skip


async def test_queued_rows_take_their_recipients_channel(fresh_url: str) -> None:  # noqa: F811
    engine = create_engine(fresh_url)
    await migrate.upgrade(engine, BEFORE)
    async with engine.begin() as connection:
        await connection.run_sync(write_rows)
    await migrate.upgrade(engine)
    query = "SELECT employee_id, channel, pinned_address FROM outbox ORDER BY id"
    async with engine.connect() as connection:
        after = [tuple(row) for row in await connection.execute(sa.text(query))]
    assert after == [(1, "telegram", None), (2, "console", None), (3, None, None),
                     (3, "telegram", "999")]  # fmt: skip

    await downgrade(engine, BEFORE)
    back = "SELECT pinned_channel FROM outbox ORDER BY id"
    async with engine.connect() as connection:
        assert list(await connection.scalars(sa.text(back))) == [None, None, None, "telegram"]
    await engine.dispose()
