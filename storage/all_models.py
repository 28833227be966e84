"""Import every module that declares tables, so Base.metadata knows them all (Alembic, tests)."""

from storage import models  # noqa: F401
