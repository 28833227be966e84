"""The rules of handlers/change_requests.py on the in-memory fakes: what approving and
rejecting change, and what each refusal leaves untouched (nothing is committed)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from handlers import change_requests
from handlers.change_requests import ChangeRefused
from handlers.model import JenisPegawai
from tests.unit.fakes import FakeDatabase, employee

AT = datetime(2026, 11, 29, 2, 0, tzinfo=UTC)
BUDI = "199004172015031003"
SRI = "198206202008012002"
NEW = "199004172015031099"


def agency() -> FakeDatabase:
    return FakeDatabase(
        employee(1, "Budi Santoso", BUDI),
        employee(2, "Sri Wahyuni", SRI),
        employee(3, "Andi Pratama", "199207142023211005", jenis_pegawai=JenisPegawai.PPPK),
    )


async def ask(database: FakeDatabase, employee_id: int, field: str, new: str) -> int:
    async with database.uow() as uow:
        person = await uow.employees.by_id(employee_id)
        assert person is not None
        old = person.nip if field == "nip" else person.unit_kerja
        await uow.plans.request_change(employee_id, field, old, new, AT)
        await uow.commit()
        return (await uow.change_requests.pending())[-1].id


async def refusal(database: FakeDatabase, request_id: int, *, approve: bool = True) -> tuple:
    commits = database.commits
    decide = change_requests.approve if approve else change_requests.reject
    async with database.uow() as uow:
        with pytest.raises(ChangeRefused) as refused:
            await decide(uow, request_id, AT, "cli")
    assert database.commits == commits
    return refused.value.reason, refused.value.detail


async def test_approving_a_nip_applies_it_and_settles_the_request() -> None:
    database = agency()
    request_id = await ask(database, 1, "nip", NEW)
    async with database.uow() as uow:
        decided = await change_requests.approve(uow, request_id, AT, "cli")
    assert (decided.status, decided.decided_at, decided.decided_by) == ("approved", AT, "cli")
    assert database.state.employees[1].nip == NEW
    async with database.uow() as uow:
        assert await change_requests.pending(uow) == []


async def test_rejecting_changes_nothing_but_the_request() -> None:
    database = agency()
    request_id = await ask(database, 1, "unit_kerja", "Pusat Data")
    async with database.uow() as uow:
        decided = await change_requests.reject(uow, request_id, AT, "cli")
    assert decided.status == "rejected"
    assert database.state.employees[1].unit_kerja == "Pusat Pengembangan Kompetensi"
    assert await refusal(database, request_id) == ("not_pending", "rejected")
    assert await refusal(database, request_id, approve=False) == ("not_pending", "rejected")


async def test_approving_a_unit_moves_the_employee() -> None:
    database = agency()
    request_id = await ask(database, 1, "unit_kerja", "  Pusat   Data ")
    async with database.uow() as uow:
        decided = await change_requests.approve(uow, request_id, AT, "cli")
    assert decided.new_value == "Pusat Data"
    assert database.state.employees[1].unit_kerja == "Pusat Data"


@pytest.mark.parametrize(
    ("employee_id", "new", "refused"),
    [
        (1, SRI, ("nip_taken", f"{SRI} Sri Wahyuni")),
        (1, "199004172015211003", ("nip_invalid", "tmt_month")),  # month 21: PPPK, not PNS
        (3, "199207142099211005", ("nip_invalid", "tmt_future")),
        (1, "1990", ("nip_invalid", "length")),
    ],
)
async def test_a_nip_that_cannot_be_the_employees_is_refused(
    employee_id: int, new: str, refused: tuple[str, str]
) -> None:
    database = agency()
    before = database.snapshot().employees
    request_id = await ask(database, employee_id, "nip", new)
    assert await refusal(database, request_id) == refused
    assert database.state.employees == before


async def test_an_unknown_or_stale_request_is_refused() -> None:
    database = agency()
    assert await refusal(database, 42) == ("unknown", "")
    request_id = await ask(database, 1, "nip", NEW)
    async with database.uow() as uow:  # the NIP changed by other means meanwhile
        await uow.change_requests.set_nip(1, "199004172015031004", AT)
        await uow.commit()
    assert await refusal(database, request_id) == ("stale", "199004172015031004")


async def test_a_request_already_applied_elsewhere_is_simply_approved() -> None:
    database = agency()
    request_id = await ask(database, 1, "nip", NEW)
    async with database.uow() as uow:  # an import carried the corrected NIP first
        await uow.change_requests.set_nip(1, NEW, AT)
        await uow.commit()
    async with database.uow() as uow:
        assert (await change_requests.approve(uow, request_id, AT, "cli")).status == "approved"
    assert database.state.employees[1].nip == NEW
