"""Formulir 1 D back (BAB II D): when a plan is verified, its employee and the supervisor
(direct or acting; the coordinators when there is none) receive D with what the
verification changed, through the outbox, each in their own language."""

from __future__ import annotations

from datetime import datetime

from handlers.dialog.confirm import supervisors_told
from handlers.notify import Notify, notify
from handlers.ports import UnitOfWork
from handlers.verify.view import formulir_d


async def tell_verified(
    uow: UnitOfWork, plan_id: int, at: datetime, revision: int | None = None
) -> None:
    """D to the employee and the supervisor; ``revision``: D changed after it went (an
    adjustment), told again, once per change."""
    plan = await uow.plans.get(plan_id)
    content = await uow.plan_records.load(plan_id)
    owner = await uow.employees.by_id(plan.employee_id) if plan else None
    if plan is None or content is None or owner is None:
        return
    verifications = await uow.verifications.of_plan(plan_id, content.submission)
    recipients = [owner, *(s for s in await supervisors_told(uow, owner, at) if s.id != owner.id)]
    for person in recipients:
        text = formulir_d(content, verifications, plan.year, employee=owner.nama,
                          own=person.id == owner.id, notice=True,
                          changed=revision is not None)  # fmt: skip
        if text is not None:
            key = f"verified:{plan_id}:{content.submission}:{person.id}:{revision or 0}"
            await notify(uow, Notify(person.id, text, dedupe_key=key), at)
