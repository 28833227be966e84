"""The schema the migrations build is the schema the models declare — column types and
lengths included, on SQLite and PostgreSQL: a length changed in storage/models.py without
its migration (or the other way round) fails here, not on PostgreSQL in production."""

from __future__ import annotations

from typing import Any

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

import storage.all_models  # noqa: F401  (every table on the metadata)
from bot.app import App
from storage.models import Base


async def test_the_migrated_schema_is_the_models_schema(app: App) -> None:
    def differences(connection: Any) -> list[Any]:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return list(compare_metadata(context, Base.metadata))

    async with app.engine.connect() as connection:
        found = await connection.run_sync(differences)
    assert found == []
