"""Change requests (issue 3): a correction of NIP or unit kerja that an employee asked for in
Formulir 1 A is never applied silently; an administrator approves or rejects it.

Every administrator is told in chat when a request is filed, with buttons to decide it there
(or with ``idp-bot change-requests``); the employee is told the decision. Approving a NIP
change checks the new NIP's structure against the employee's type (PNS or
PPPK) and refuses a NIP another employee holds. Approving a unit change moves the employee to
that unit, matched by name the way people mean it (case, accents, spacing), or created. Only
a pending request can be decided, once; each decision records when and by whom.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import replace
from datetime import datetime, tzinfo
from typing import Any

from handlers.calendar import zone_info
from handlers.effects import Button, Msg
from handlers.model import Employee, Role
from handlers.nip import NipError, check_nip
from handlers.notify import Notify, notify
from handlers.ports import ChangeRequest, UnitOfWork
from handlers.reference.competencies import normalize_name

PENDING, APPROVED, REJECTED = "pending", "approved", "rejected"
NIP, UNIT = "nip", "unit_kerja"
MAX_UNIT = 200  # units.name


class ChangeRefused(Exception):
    """Why a request cannot be decided; ``reason`` names the template branch.

    Reasons: ``unknown`` (no such id), ``not_pending`` (detail: its status), ``stale`` (the
    value changed since the request; detail: the value now), ``nip_invalid`` (detail: the
    :class:`handlers.nip.NipError` code), ``nip_taken`` (detail: holder's NIP and name),
    ``unit_invalid`` (empty or too long), ``field`` (a field this module cannot apply).
    """

    def __init__(self, reason: str, request_id: int, detail: str = "") -> None:
        super().__init__(reason)
        self.reason, self.request_id, self.detail = reason, request_id, detail

    def msg(self) -> Msg:
        """The refusal in words; a malformed NIP is explained by the form's own sentence."""
        problem = Msg(f"form1/error_nip_{self.detail}") if self.reason == "nip_invalid" else None
        return Msg("change/refused", {"id": self.request_id, "reason": self.reason,
                                      "detail": self.detail, "problem": problem})  # fmt: skip


def describe(request: ChangeRequest, zone: tzinfo, units: Collection[str] = ()) -> dict[str, Any]:
    """A request as plain values for the ``change/…`` templates (storable in the outbox);
    ``new_unit``: approving it creates a unit that is not among ``units`` (the known ones)."""
    known = {normalize_name(name) for name in units}
    new_unit = request.field == UNIT and normalize_name(request.new_value) not in known
    return {
        "id": request.id, "nip": request.nip, "nama": request.nama, "field": request.field,
        "old": request.old_value, "new": request.new_value,
        "created": request.created_at.astimezone(zone).date(), "new_unit": new_unit,
    }  # fmt: skip


def decision_buttons(request_id: int) -> tuple[tuple[Button, ...], ...]:
    return ((Button(Msg("label/approve"), f"cr:approve:{request_id}"),
             Button(Msg("label/reject"), f"cr:reject:{request_id}")),)  # fmt: skip


async def file(
    uow: UnitOfWork, person: Employee, field: str, old: str, new: str, at: datetime
) -> None:
    """Record the correction and tell every administrator, in the same transaction; the same
    correction asked again while pending adds nothing and tells no one twice."""
    request_id = await uow.plans.request_change(person.id, field, old, new, at)
    request = await uow.change_requests.get(request_id) if request_id is not None else None
    if request is None:
        return
    units = await uow.reference.unit_names()
    for admin in await uow.employees.ids_with_role(Role.ADMIN):
        notice = Msg("change/filed", describe(request, zone_info(person.zona_waktu), units))
        key = f"change-filed:{request.id}:{admin}"
        await notify(uow, Notify(admin, notice, buttons=decision_buttons(request.id),
                                 dedupe_key=key), at)  # fmt: skip


async def pending(uow: UnitOfWork) -> list[ChangeRequest]:
    """Requests waiting for a decision, oldest first."""
    return await uow.change_requests.pending()


async def approve(uow: UnitOfWork, request_id: int, at: datetime, by: str) -> ChangeRequest:
    """Apply the correction to the employee and mark the request approved; commit."""
    request = await _pending(uow, request_id)
    person = await uow.employees.by_id(request.employee_id)
    if person is None:  # employees are never deleted while a request points at them
        raise ChangeRefused("unknown", request_id)
    if request.field == NIP:
        nip = await _apply_nip(uow, request, person, at)
        request = replace(request, new_value=nip, nip=nip)
    elif request.field == UNIT:
        request = replace(request, new_value=await _apply_unit(uow, request, person, at))
    else:
        raise ChangeRefused("field", request_id, request.field)
    return await _settle(uow, request, APPROVED, at, by)


async def reject(uow: UnitOfWork, request_id: int, at: datetime, by: str) -> ChangeRequest:
    """Mark the request rejected; the employee's record stays as imported; commit."""
    request = await _pending(uow, request_id)
    return await _settle(uow, request, REJECTED, at, by)


async def _pending(uow: UnitOfWork, request_id: int) -> ChangeRequest:
    request = await uow.change_requests.get(request_id)
    if request is None:
        raise ChangeRefused("unknown", request_id)
    if request.status != PENDING:
        raise ChangeRefused("not_pending", request_id, request.status)
    return request


def _check_current(request: ChangeRequest, current: str) -> None:
    """A value changed since the request (an import, another approval) makes it stale."""
    if current not in (request.old_value, request.new_value):
        raise ChangeRefused("stale", request.id, current)


async def _apply_nip(
    uow: UnitOfWork, request: ChangeRequest, person: Employee, at: datetime
) -> str:
    _check_current(request, person.nip)
    try:
        nip = check_nip(request.new_value, person.jenis_pegawai, at.date())
    except NipError as error:
        raise ChangeRefused("nip_invalid", request.id, error.code) from None
    holder = await uow.employees.by_nip(nip)
    if holder is not None and holder.id != person.id:
        raise ChangeRefused("nip_taken", request.id, f"{holder.nip} {holder.nama}")
    if nip != person.nip:
        await uow.change_requests.set_nip(person.id, nip, at)
    return nip


async def _apply_unit(
    uow: UnitOfWork, request: ChangeRequest, person: Employee, at: datetime
) -> str:
    _check_current(request, person.unit_kerja)
    wanted = " ".join(request.new_value.split())
    if not wanted or len(wanted) > MAX_UNIT:
        raise ChangeRefused("unit_invalid", request.id, wanted)
    known = {normalize_name(name): name for name in await uow.reference.unit_names()}
    unit = known.get(normalize_name(wanted), wanted)
    if unit != person.unit_kerja:
        await uow.change_requests.move_to_unit(person.id, unit, at)
    return unit


async def _settle(
    uow: UnitOfWork, request: ChangeRequest, status: str, at: datetime, by: str
) -> ChangeRequest:
    if not await uow.change_requests.decide(request.id, status, at, by):
        raise ChangeRefused("not_pending", request.id, "")  # decided meanwhile elsewhere
    decided = replace(request, status=status, decided_at=at, decided_by=by)
    told = {"status": status, "field": request.field, "old": request.old_value,
            "new": request.new_value}  # fmt: skip
    outcome = Msg("change/outcome", told)
    key = f"change-decided:{request.id}"
    await notify(uow, Notify(request.employee_id, outcome, dedupe_key=key), at)
    await uow.commit()
    return decided


DECISIONS = {"approve": approve, "reject": reject}  # by the verb of the CLI and the buttons
