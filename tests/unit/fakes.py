"""Small in-memory fakes of the ports in :mod:`handlers.ports`, for unit tests of the core.

A :class:`FakeDatabase` holds the committed state. Each unit of work it hands out works on a
private copy and only writes it back on ``commit()`` — like the real one, leaving without
commit changes nothing. The database counts the units of work opened and committed.
"""

from __future__ import annotations

import copy
import dataclasses
import itertools
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from types import TracebackType
from typing import Self

from handlers.checkin.ports import Checkin
from handlers.cycle import default_cycle
from handlers.model import Account, Employee, JenisPegawai, Role, Zone
from handlers.ports import (
    Accounts,
    Agreements,
    BindAttempts,
    ChangeRequests,
    Cycle,
    Cycles,
    Employees,
    Forms,
    Inbox,
    InviteRecord,
    Invites,
    Organisation,
    OrgRecord,
    Outbox,
    PlanRecords,
    Plans,
    Reference,
)
from tests.unit.dialog_fakes import DialogState, FakeDialogSchedule, FakeFiles
from tests.unit.fake_reference import FakeReference
from tests.unit.fakes_agreement import FakeAgreements
from tests.unit.fakes_checkins import FakeCheckins
from tests.unit.fakes_forms import (
    FakeChangeRequests,
    FakeForms,
    FakeOutbox,
    FakePlanRecords,
    FakePlans,
    FormState,
)
from tests.unit.fakes_oversight import FakeCutiBersama, FakeOversight, OversightState
from tests.unit.fakes_report import FakeCheckinReport, ReportState


@dataclass
class State:
    employees: dict[int, Employee] = field(default_factory=dict)
    accounts: dict[tuple[str, str], Account] = field(default_factory=dict)
    invites: dict[int, tuple[str, InviteRecord]] = field(default_factory=dict)
    failures: list[tuple[str, str, datetime]] = field(default_factory=list)
    inbox: set[tuple[str, str]] = field(default_factory=set)
    forms: FormState = field(default_factory=FormState)
    cycles: dict[int, Cycle] = field(default_factory=dict)
    oversight: OversightState = field(default_factory=OversightState)
    dialog: DialogState = field(default_factory=DialogState)  # the dialog kinerja's dates
    zones_from_org: set[int] = field(default_factory=set)  # the file gave their zona_waktu
    report: ReportState = field(default_factory=ReportState)  # what the check-ins recorded
    checkins: list[Checkin] = field(default_factory=list)  # the quarters' check-ins


STORY_YEAR = 2026  # the cycle the stories are set in (the FakeClock reads 29 November 2026)


def opened_cycle(year: int) -> Cycle:
    """``year``'s cycle with the default dates, opened by an administrator in the year before."""
    return default_cycle(year, "admin", datetime(year - 1, 11, 1, tzinfo=UTC))


class FakeCycles:
    def __init__(self, state: State) -> None:
        self.state = state

    async def all(self) -> list[Cycle]:
        return [self.state.cycles[year] for year in sorted(self.state.cycles)]

    async def open(self, cycle: Cycle) -> bool:
        if cycle.year in self.state.cycles:
            return False
        self.state.cycles[cycle.year] = cycle
        return True


def employee(
    id: int, nama: str, nip: str, roles: Iterable[Role] = (), **fields: object
) -> Employee:
    """A realistic PNS employee with ``roles`` besides "pegawai"; any field can be overridden."""
    values: dict[str, object] = {
        "id": id,
        "nip": nip,
        "nama": nama,
        "jenis_pegawai": JenisPegawai.PNS,
        "pangkat_golongan": "III/b",
        "pendidikan": "S1 Psikologi",
        "masa_kerja": "11 tahun 8 bulan",
        "jabatan": "Analis SDM Aparatur Ahli Pertama",
        "unit_kerja": "Pusat Pengembangan Kompetensi",
        "roles": frozenset({Role.PEGAWAI, *roles}),
    }
    values.update(fields)
    return Employee(**values)  # type: ignore[arg-type]


class FakeEmployees:
    def __init__(self, state: State) -> None:
        self.state = state

    async def by_id(self, employee_id: int) -> Employee | None:
        return self.state.employees.get(employee_id)

    async def by_account(self, channel: str, external_id: str) -> Employee | None:
        account = self.state.accounts.get((channel, external_id))
        return self.state.employees.get(account.employee_id) if account else None

    async def by_nip(self, nip: str) -> Employee | None:
        return next((e for e in self.state.employees.values() if e.nip == nip), None)

    async def by_email(self, email: str) -> Employee | None:
        wanted = email.strip().lower()
        found = [e for e in self.state.employees.values() if (e.email or "").lower() == wanted]
        return found[0] if len(found) == 1 else None

    async def set_locale(self, employee_id: int, locale: str) -> None:
        person = self.state.employees[employee_id]
        self.state.employees[employee_id] = dataclasses.replace(person, bahasa=locale)

    async def set_last_channel(self, employee_id: int, channel: str) -> None:
        person = self.state.employees[employee_id]
        self.state.employees[employee_id] = dataclasses.replace(person, last_channel=channel)

    async def adopt_zone(self, employee_id: int, zone: Zone) -> bool:
        person = self.state.employees[employee_id]
        if employee_id in self.state.zones_from_org or person.zona_waktu is zone:
            return False
        self.state.employees[employee_id] = dataclasses.replace(person, zona_waktu=zone)
        return True

    def _reports(self, employee_id: int) -> list[Employee]:
        boss = self.state.employees[employee_id].nip
        return [e for e in self.state.employees.values() if e.supervisor_nip == boss]

    async def direct_reports(self, employee_id: int, limit: int) -> list[str]:
        return sorted(e.nama for e in self._reports(employee_id))[:limit]

    async def count_direct_reports(self, employee_id: int) -> int:
        return len(self._reports(employee_id))

    async def count_group_members(self, group: str) -> int:
        return sum(e.kelompok_keahlian == group for e in self.state.employees.values())

    async def group_names(self) -> list[str]:
        return sorted(
            {e.kelompok_keahlian for e in self.state.employees.values() if e.kelompok_keahlian}
        )

    async def count_all(self) -> int:
        return len(self.state.employees)

    async def ids_with_role(self, role: Role) -> list[int]:
        return sorted(e.id for e in self.state.employees.values() if e.has(role))

    async def supervisor_links(self) -> dict[str, str | None]:
        return {e.nip: e.supervisor_nip for e in self.state.employees.values()}

    async def select_nips(self, *, unit: str | None, nip: str | None) -> list[tuple[int, str]]:
        return sorted(
            ((e.id, e.nip) for e in self.state.employees.values()
             if unit in (None, e.unit_kerja) and nip in (None, e.nip)),
            key=lambda pair: pair[1],
        )  # fmt: skip


class FakeAccounts:
    def __init__(self, state: State) -> None:
        self.state = state

    async def get(self, channel: str, external_id: str) -> Account | None:
        return self.state.accounts.get((channel, external_id))

    async def without_org_zone(
        self, channel: str, bound_since: datetime | None = None
    ) -> list[tuple[int, str]]:
        given = self.state.zones_from_org
        found = [a for a in self.state.accounts.values() if a.channel == channel]
        return sorted((a.employee_id, a.external_id) for a in found if a.employee_id not in given)

    async def of_employee(self, employee_id: int, channel: str) -> Account | None:
        found = (a for (c, _), a in self.state.accounts.items()
                 if c == channel and a.employee_id == employee_id)  # fmt: skip
        return next(found, None)

    async def bound_employee_ids(self, *, ignoring: str) -> set[int]:
        return {a.employee_id for (c, _), a in self.state.accounts.items() if c != ignoring}

    async def bind(
        self, channel: str, external_id: str, employee_id: int, address: str | None, at: datetime
    ) -> None:
        for key, account in list(self.state.accounts.items()):
            if key[0] == channel and account.employee_id == employee_id:
                del self.state.accounts[key]
        account = Account(channel, external_id, employee_id, address)
        self.state.accounts[(channel, external_id)] = account

    async def unbind(self, employee_id: int) -> int:
        keys = [k for k, a in self.state.accounts.items() if a.employee_id == employee_id]
        for key in keys:
            del self.state.accounts[key]
        return len(keys)


class FakeInvites:
    def __init__(self, state: State) -> None:
        self.state = state

    async def replace(
        self, employee_id: int, code_hash: str, created_at: datetime, expires_at: datetime
    ) -> None:
        for invite_id, (known_hash, record) in list(self.state.invites.items()):
            if record.employee_id == employee_id and record.used_at is record.revoked_at is None:
                revoked = dataclasses.replace(record, revoked_at=created_at)
                self.state.invites[invite_id] = (known_hash, revoked)
        new_id = max(self.state.invites, default=0) + 1
        record = InviteRecord(new_id, employee_id, expires_at, None, None)
        self.state.invites[new_id] = (code_hash, record)

    async def find(self, code_hash: str) -> InviteRecord | None:
        return next((r for h, r in self.state.invites.values() if h == code_hash), None)

    async def mark_used(self, invite_id: int, at: datetime, account: str) -> None:
        code_hash, record = self.state.invites[invite_id]
        self.state.invites[invite_id] = (code_hash, dataclasses.replace(record, used_at=at))


class FakeBindAttempts:
    def __init__(self, state: State) -> None:
        self.state = state

    async def failures_since(self, channel: str, external_id: str, since: datetime) -> int:
        return sum(f[:2] == (channel, external_id) and f[2] >= since for f in self.state.failures)

    async def record_failure(self, channel: str, external_id: str, at: datetime) -> None:
        self.state.failures.append((channel, external_id, at))


class FakeInbox:
    def __init__(self, state: State, turns: list[tuple[str, str]] | None = None) -> None:
        self.state = state
        self.turns = [] if turns is None else turns  # outlives a rolled-back unit of work

    async def take_turn(self, channel: str, external_id: str) -> None:
        self.turns.append((channel, external_id))

    async def first_time(self, channel: str, key: str, at: datetime) -> bool:
        if (channel, key) in self.state.inbox:
            return False
        self.state.inbox.add((channel, key))
        return True


class FakeOrganisation:
    def __init__(self, state: State) -> None:
        self.state = state

    async def upsert(
        self, records: Iterable[OrgRecord], progress: Callable[[int, int], None] | None
    ) -> int:
        records = list(records)
        by_nip = {e.nip: e.id for e in self.state.employees.values()}
        next_id = itertools.count(max(self.state.employees, default=0) + 1)
        for record in records:
            person_id = by_nip.get(record.nip) or next(next_id)
            self.state.employees[person_id] = Employee(
                id=person_id,
                nip=record.nip,
                nama=record.nama,
                jenis_pegawai=JenisPegawai(record.jenis_pegawai),
                pangkat_golongan=record.pangkat_golongan,
                pendidikan=record.pendidikan,
                masa_kerja=record.masa_kerja,
                jabatan=record.jabatan,
                unit_kerja=record.unit_kerja,
                roles=frozenset(Role(r) for r in record.peran),
                supervisor_nip=record.nip_atasan,
                kelompok_keahlian=record.kelompok_keahlian,
                email=record.email,
                zona_waktu=Zone(record.zona_waktu),
                bahasa=record.bahasa,
            )
        return len(records)


class FakeUnitOfWork:
    """Works on a copy of the database's state; ``commit()`` makes the copy the state."""

    def __init__(self, database: FakeDatabase) -> None:
        self._database = database

    async def __aenter__(self) -> Self:
        self._database.opened += 1
        self._begin()
        return self

    def _begin(self) -> None:
        self.state = copy.deepcopy(self._database.state)
        self.employees: Employees = FakeEmployees(self.state)
        self.accounts: Accounts = FakeAccounts(self.state)
        self.invites: Invites = FakeInvites(self.state)
        self.bind_attempts: BindAttempts = FakeBindAttempts(self.state)
        self.inbox: Inbox = FakeInbox(self.state, self._database.turns)
        self.organisation: Organisation = FakeOrganisation(self.state)
        self.plans: Plans = FakePlans(self.state.forms, lambda: self.state.employees)
        self.plan_records: PlanRecords = FakePlanRecords(self.state.forms)
        self.agreements: Agreements = FakeAgreements(self.state.forms)
        self.forms: Forms = FakeForms(self.state.forms, lambda: self._database.state.forms)
        self.cycles: Cycles = FakeCycles(self.state)
        forms = self.state.forms
        self.reference: Reference = FakeReference(
            units=sorted({e.unit_kerja for e in self.state.employees.values()}),
            priorities=forms.priorities,
            requirements=forms.requirements,
        )
        self.outbox: Outbox = FakeOutbox(self.state.forms, lambda: self.state.employees)  # type: ignore[assignment]
        self.change_requests: ChangeRequests = FakeChangeRequests(
            self.state.forms, self.state.employees
        )
        self.oversight = FakeOversight(self.state.oversight, lambda: self.state.employees)
        self.cuti_bersama = FakeCutiBersama(self.state.oversight.cuti_bersama)
        self.dialog = FakeDialogSchedule(self.state.dialog)
        self.files = FakeFiles(self.state.dialog)
        self.checkin_report = FakeCheckinReport(self.state.report)
        self.checkins = FakeCheckins(self.state.checkins)

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        return None

    async def commit(self) -> None:
        self._database.commits += 1
        self._database.state = copy.deepcopy(self.state)

    async def rollback(self) -> None:
        self._begin()


class FakeDatabase:
    """The committed state, and how many units of work were opened and committed."""

    def __init__(self, *people: Employee, cycles: Iterable[int] = (STORY_YEAR,)) -> None:
        """``cycles``: the years opened (by default the stories' year, as the app's test
        fixture opens it too; ``()`` for an agency that has opened none)."""
        self.state = State(employees={p.id: p for p in people},
                           cycles={year: opened_cycle(year) for year in cycles})  # fmt: skip
        self.opened = 0
        self.commits = 0
        self.turns: list[tuple[str, str]] = []  # every sender's turn taken, in order

    def uow(self) -> FakeUnitOfWork:
        return FakeUnitOfWork(self)

    def snapshot(self) -> State:
        return copy.deepcopy(self.state)
