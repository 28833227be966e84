"""Import every module that declares tables, so Base.metadata knows them all (Alembic, tests)."""

from storage import (
    agreement_models,  # noqa: F401
    checkin_models,  # noqa: F401
    dialog_models,  # noqa: F401
    dialog_oversee_models,  # noqa: F401
    intake,  # noqa: F401
    models,  # noqa: F401
    outbox,  # noqa: F401
    plan_models,  # noqa: F401
    programme_models,  # noqa: F401
    reference,  # noqa: F401
    verify_models,  # noqa: F401
)
