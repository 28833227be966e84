"""Alembic environment: runs on the connection handed in by storage.migrate (sync context)."""

from __future__ import annotations

from alembic import context

import storage.all_models  # noqa: F401  (every table on Base.metadata)
from storage.models import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations through `idp-bot db upgrade` (storage.migrate)")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
