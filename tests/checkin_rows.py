"""Check-ins written straight into their tables (the contract of storage/checkin_models.py):
what an employee sent for a quarter, and the supervisor's feedback — for the report's tests."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncConnection

from storage.checkin_models import CheckinItemRow, CheckinRow
from storage.dialog_models import StoredFileRow
from storage.models import table

SENT_AT = datetime(2026, 7, 1, 3, 0, tzinfo=UTC)
DUE = {1: date(2026, 3, 31), 2: date(2026, 6, 30), 3: date(2026, 9, 30), 4: date(2026, 12, 31)}


async def evidence(connection: AsyncConnection, name: str) -> int:
    """A stored evidence file (a certificate): its id."""
    result = await connection.execute(insert(table(StoredFileRow)).values(
        name=name, mime="application/pdf", content=b"%PDF-1.4", created_at=SENT_AT,
    ).returning(table(StoredFileRow).c.id))  # fmt: skip
    return int(result.scalar_one())


async def sent(
    connection: AsyncConnection, plan_id: int, quarter: int, answers: dict[int, dict[str, Any]]
) -> None:
    """The plan's check-in of ``quarter`` as sent, with ``answers`` by item id."""
    checkins = table(CheckinRow)
    await connection.execute(insert(checkins).values(
        plan_id=plan_id, quarter=quarter, submission=1, due_on=DUE[quarter], state="submitted",
        asked_at=SENT_AT, submitted_at=SENT_AT, updated_at=SENT_AT))  # fmt: skip
    checkin_id = (await connection.execute(select(checkins.c.id).where(
        checkins.c.plan_id == plan_id, checkins.c.quarter == quarter))).scalar_one()  # fmt: skip
    await connection.execute(insert(table(CheckinItemRow)), [
        {"checkin_id": checkin_id, "item_id": item_id, "plan_id": plan_id, "answered_at": SENT_AT,
         "status_reason": None, "done_on": None, "method_class": None, "method_form": None,
         "jp_realized": None, "evidence_file_id": None, "fit": None, "fit_reason": None,
         "benefit": None, "benefit_example": None, "feedback": None, **answer}
        for item_id, answer in answers.items()])  # fmt: skip
