"""Erasing a person on request (UU PDP 27/2022).

Delete what served only them (accounts, invites, roles, form answers, their messages);
anonymise what an audit trail or a report still needs (the employee row becomes a marker with
its unit and type of employee, the plans keep year, status, dates and coded items, broadcast
deliveries keep their status for the delivery counts); then mask their NIP, name and e-mail
wherever else they appear (a supervisor named in a subordinate's form answers, an
administrator's NIP on the corrections they decided, a notice about them in someone else's
queue). docs/privacy.md says the same for operators.
"""

from __future__ import annotations

import json
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import String, and_, delete, func, literal, or_, select, update

from handlers.outbox import Status
from storage import all_models  # noqa: F401  (every table, for the sweep)
from storage.agreement_models import PlanDialogueRow, PlanItemDecisionRow
from storage.checkin_models import CheckinAmendmentRow, CheckinItemRow, CheckinRow
from storage.dialog_models import AppointmentRow, StoredFileRow
from storage.models import (
    AccountRow,
    Base,
    BindFailure,
    ChangeRequestRow,
    EmployeeRole,
    EmployeeRow,
    FormAnswerRow,
    FormSessionRow,
    InviteRow,
    PlanItemRow,
    PlanRow,
    UtcDateTime,
)
from storage.outbox import BroadcastRow, OutboxRow, UnreachableRow
from storage.plan_models import PlanAnalysisRow, PlanEventRow, PlanItemVersionRow, PlanProfileRow
from storage.plan_records import PROFILE_FIELDS
from storage.session import DbSession

ERASED_NAME = "[dihapus]"
# Columns of a plan item a person wrote in their own words; the coded ones stay for recaps.
PLAN_ITEM_FREE_TEXT = ("tujuan", "output", "kompetensi_deskripsi", "sumber", "pelaksana")
# Tables the mention sweep leaves alone: other people's own records, organisational names.
NOT_SWEPT = frozenset({"employees", "units", "expertise_groups"})
SHORTEST_NEEDLE = 3


def erased_nip(employee_id: int) -> str:
    """The marker that takes the NIP's place: unique, and never a valid NIP."""
    return f"dihapus-{employee_id}"


@dataclass(frozen=True)
class Person:
    id: int
    nip: str
    nama: str
    email: str | None


def changed(result: Any) -> int:
    return int(getattr(result, "rowcount", 0) or 0)


async def _roles(session: DbSession, person: Person) -> int:
    return changed(
        await session.execute(delete(EmployeeRole).where(EmployeeRole.employee_id == person.id))
    )


async def _accounts(session: DbSession, person: Person) -> int:
    """Unbind every chat account, and forget the wrong codes typed from them."""
    accounts = await session.execute(
        select(AccountRow.channel, AccountRow.external_id).where(
            AccountRow.employee_id == person.id
        )
    )
    pairs = list(accounts)
    if pairs:
        await session.execute(
            delete(BindFailure).where(
                or_(*(and_(BindFailure.channel == channel, BindFailure.external_id == external)
                      for channel, external in pairs))
            )
        )  # fmt: skip
    return changed(
        await session.execute(delete(AccountRow).where(AccountRow.employee_id == person.id))
    )


async def _invites(session: DbSession, person: Person) -> int:
    return changed(
        await session.execute(delete(InviteRow).where(InviteRow.employee_id == person.id))
    )


async def _plans(session: DbSession, person: Person) -> int:
    """Keep each plan (year, status, dates), its bases, ratings and coded items, and its
    audit log's moves; blank the free text, the section A snapshot and the notes."""
    plans = select(PlanRow.id).where(PlanRow.employee_id == person.id).scalar_subquery()
    items = select(PlanItemRow.id).where(PlanItemRow.plan_id.in_(plans)).scalar_subquery()
    await session.execute(
        update(PlanItemVersionRow)
        .where(PlanItemVersionRow.item_id.in_(items))
        .values({column: "" for column in PLAN_ITEM_FREE_TEXT})
    )
    profile = {column: "" for column in PROFILE_FIELDS if column != "jenis_pegawai"}
    await session.execute(
        update(PlanProfileRow)
        .where(PlanProfileRow.plan_id.in_(plans))
        .values({**profile, "nama": ERASED_NAME, "nip": erased_nip(person.id)})
    )
    await session.execute(
        update(PlanAnalysisRow).where(PlanAnalysisRow.plan_id.in_(plans)).values(text="")
    )
    await session.execute(
        update(PlanEventRow).where(PlanEventRow.plan_id.in_(plans)).values(note=None, changes="{}")
    )
    await session.execute(  # the dialog kinerja's reasons and note about them
        update(PlanItemDecisionRow)
        .where(PlanItemDecisionRow.plan_id.in_(plans))
        .values(reason=None)
    )
    await session.execute(
        update(PlanDialogueRow).where(PlanDialogueRow.plan_id.in_(plans)).values(note="")
    )
    await _checkins(session, plans)
    return int(
        await session.scalar(select(func.count()).where(PlanRow.employee_id == person.id)) or 0
    )


async def _checkins(session: DbSession, plans: Any) -> None:
    """The check-ins keep their states, dates, statuses, JP and scales (for the recaps); the
    words written about the person, and their evidence files, go."""
    evidence = select(CheckinItemRow.evidence_file_id).where(
        CheckinItemRow.plan_id.in_(plans), CheckinItemRow.evidence_file_id.is_not(None)
    )
    await session.execute(delete(StoredFileRow).where(StoredFileRow.id.in_(evidence)))
    await session.execute(
        update(CheckinItemRow)
        .where(CheckinItemRow.plan_id.in_(plans))
        .values(status_reason=None, fit_reason=None, benefit_example=None, feedback=None,
                evidence_file_id=None)
    )  # fmt: skip
    await session.execute(update(CheckinRow).where(CheckinRow.plan_id.in_(plans)).values(note=None))
    await session.execute(
        update(CheckinAmendmentRow)
        .where(CheckinAmendmentRow.plan_id.in_(plans))
        .values(content="{}", reason=None, verdict_reason=None)
    )


async def _form_sessions(session: DbSession, person: Person) -> int:
    sessions = select(FormSessionRow.id).where(FormSessionRow.employee_id == person.id)
    await session.execute(
        delete(FormAnswerRow).where(FormAnswerRow.session_id.in_(sessions.scalar_subquery()))
    )
    return changed(
        await session.execute(delete(FormSessionRow).where(FormSessionRow.employee_id == person.id))
    )


async def _change_requests(session: DbSession, person: Person) -> int:
    return changed(
        await session.execute(
            delete(ChangeRequestRow).where(ChangeRequestRow.employee_id == person.id)
        )
    )


async def _messages(session: DbSession, person: Person) -> int:
    """Delete their messages; a broadcast's row stays, emptied, for the delivery counts
    (one still waiting is cancelled)."""
    mine = OutboxRow.employee_id == person.id
    broadcast = OutboxRow.broadcast_id.is_not(None)
    await session.execute(
        update(OutboxRow)
        .where(mine, broadcast, OutboxRow.status == Status.PENDING.value)
        .values(status=Status.CANCELLED.value, last_error="erased")
    )
    await session.execute(
        update(OutboxRow).where(mine, broadcast).values(context="{}", buttons=None)
    )
    return changed(await session.execute(delete(OutboxRow).where(mine, ~broadcast)))


async def _unreachable(session: DbSession, person: Person) -> int:
    return changed(
        await session.execute(delete(UnreachableRow).where(UnreachableRow.employee_id == person.id))
    )


async def _broadcasts_created(session: DbSession, person: Person) -> int:
    """A coordinator's broadcasts stay (the agency's messages, and their delivery report),
    attributed to the anonymised id; their name in a text is masked by the sweep."""
    query = select(func.count()).where(BroadcastRow.created_by == person.id)
    return int(await session.scalar(query) or 0)


async def _dialogue_offers(session: DbSession, person: Person) -> int:
    """A dialogue date they offered and nobody accepted lapses (an agreed date stays: it is
    the other side's appointment too)."""
    return changed(
        await session.execute(
            update(AppointmentRow).where(AppointmentRow.proposed_by == person.id)
            .values(proposed_by=None, proposed_at=None, revision=AppointmentRow.revision + 1)
        )
    )  # fmt: skip


async def _direct_reports(session: DbSession, person: Person) -> int:
    """Their subordinates lose the supervisor link (the next import sets a new one)."""
    return changed(
        await session.execute(
            update(EmployeeRow)
            .where(EmployeeRow.supervisor_id == person.id)
            .values(supervisor_id=None)
        )
    )


Step = Callable[[DbSession, Person], Awaitable[int]]
# Every column that refers to employees.id → (name in the report, what erase does).
ERASURE: dict[tuple[str, str], tuple[str, Step]] = {
    ("employee_roles", "employee_id"): ("roles", _roles),
    ("accounts", "employee_id"): ("accounts", _accounts),
    ("invites", "employee_id"): ("invites", _invites),
    ("plans", "employee_id"): ("plans_kept", _plans),
    ("form_sessions", "employee_id"): ("form_sessions", _form_sessions),
    ("change_requests", "employee_id"): ("change_requests", _change_requests),
    ("outbox", "employee_id"): ("messages", _messages),
    ("unreachable", "employee_id"): ("unreachable", _unreachable),
    ("broadcasts", "created_by"): ("broadcasts_kept", _broadcasts_created),
    ("employees", "supervisor_id"): ("direct_reports", _direct_reports),
    ("dialogue_appointments", "proposed_by"): ("dialogue_offers", _dialogue_offers),
}


async def _anonymise(session: DbSession, person: Person, at: datetime) -> None:
    """The record keeps its id, unit, type of employee, zone and language; it is a leaver."""
    await session.execute(
        update(EmployeeRow)
        .where(EmployeeRow.id == person.id)
        .values(
            nip=erased_nip(person.id), nama=ERASED_NAME, email=None, pendidikan="",
            masa_kerja="", jabatan="", pangkat_golongan="", supervisor_id=None,
            expertise_group_id=None, updated_at=at,
            left_at=func.coalesce(EmployeeRow.left_at, literal(at, UtcDateTime())),
        )
    )  # fmt: skip


def _replacements(person: Person) -> dict[str, str]:
    """What to look for (lower case) → its marker: the NIP, the name (also as JSON writes
    it), the e-mail address."""
    found = {person.nip.lower(): erased_nip(person.id), person.nama.lower(): ERASED_NAME}
    found[json.dumps(person.nama, ensure_ascii=False)[1:-1].lower()] = ERASED_NAME
    if person.email:
        found[person.email.lower()] = ERASED_NAME
    return {needle: marker for needle, marker in found.items() if len(needle) >= SHORTEST_NEEDLE}


async def sweep(session: DbSession, person: Person) -> int:
    """Mask the person wherever a text column of another table mentions them, as a whole
    word; return how many cells changed."""
    markers = _replacements(person)
    words = sorted(markers, key=len, reverse=True)
    pattern = re.compile(r"(?<!\w)(" + "|".join(map(re.escape, words)) + r")(?!\w)", re.I)
    cells = 0
    for source in Base.metadata.sorted_tables:
        if source.name in NOT_SWEPT:
            continue
        key = list(source.primary_key.columns)
        for column in source.c:
            if not isinstance(column.type, String):
                continue
            length = column.type.length
            mentions = or_(*(column.icontains(word, autoescape=True) for word in words))
            found = list(await session.execute(select(*key, column).where(mentions)))
            for row in found:
                *ids, text = row
                masked = pattern.sub(lambda m: markers[m.group(1).lower()], text)
                if masked == text:
                    continue
                if length:
                    masked = masked[:length]
                same_row = [k == value for k, value in zip(key, ids, strict=True)]
                await session.execute(update(source).where(*same_row).values({column: masked}))
                cells += 1
    return cells


async def erase(session: DbSession, employee_id: int, at: datetime) -> dict[str, int]:
    """Erase one person in the caller's transaction; rows touched per part."""
    row = (
        await session.execute(
            select(EmployeeRow.nip, EmployeeRow.nama, EmployeeRow.email).where(
                EmployeeRow.id == employee_id
            )
        )
    ).one()
    person = Person(employee_id, *row)
    report = {}
    for name, step in ERASURE.values():
        report[name] = await step(session, person)
    await _anonymise(session, person, at)
    report["mentions"] = await sweep(session, person)
    return report
