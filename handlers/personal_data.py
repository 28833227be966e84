"""A person's rights over their data (UU PDP 27/2022): access (everything held about them,
as one readable document) and erasure (what is not needed any more goes; what an audit trail
needs stays, anonymised). What is kept and why: docs/privacy.md.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from handlers.ports import UnitOfWork

EXPORT_FORMAT = "idp-bot/personal-data"
EXPORT_VERSION = 1


class UnknownPerson(LookupError):
    """No employee has the NIP given."""

    def __init__(self, nip: str) -> None:
        super().__init__("unknown NIP")
        self.nip = nip


async def _employee_id(uow: UnitOfWork, nip: str) -> int:
    person = await uow.employees.by_nip(nip.strip())
    if person is None:
        raise UnknownPerson(nip)
    return person.id


async def export(uow: UnitOfWork, nip: str, now: datetime) -> dict[str, Any]:
    """Gather everything held about the person with ``nip``, section by section."""
    data = await uow.personal_data.export(await _employee_id(uow, nip))
    return {"format": EXPORT_FORMAT, "version": EXPORT_VERSION,
            "exported_at": now.isoformat(), **data}  # fmt: skip


async def erase(uow: UnitOfWork, nip: str, now: datetime) -> dict[str, int]:
    """Erase or anonymise everything held about the person with ``nip``; commit; return
    how many rows each part touched."""
    report = await uow.personal_data.erase(await _employee_id(uow, nip), now)
    await uow.commit()
    return report
