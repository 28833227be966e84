"""Ports: the small Protocols through which the core reaches storage and time."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from types import TracebackType
from typing import Any, Protocol, Self

from handlers.audience import Audience
from handlers.checkin.ports import Checkins
from handlers.dialog.model import Appointment, Window
from handlers.dialog.oversight_ports import Oversight
from handlers.effects import Attachment, Document
from handlers.forms.model import FormSession
from handlers.model import Account, Employee, Role, Zone
from handlers.outbox import AudienceMessage, OutboxItem, OutboxMessage, Settlement
from handlers.plan.model import ItemDecision, ItemVersion, PlanContent, PlanEvent
from handlers.recap.ports import Programmes, Recaps
from handlers.report.ports import CheckinReport
from handlers.verify.ports import Verifications


@dataclass(frozen=True)
class InviteRecord:
    id: int
    employee_id: int
    expires_at: datetime
    used_at: datetime | None
    revoked_at: datetime | None


@dataclass(frozen=True)
class OrgRecord:
    """One validated row of the organisation import, ready to upsert by NIP."""

    nip: str
    nama: str
    jenis_pegawai: str
    pangkat_golongan: str
    pendidikan: str
    masa_kerja: str
    jabatan: str
    unit_kerja: str
    nip_atasan: str | None
    kelompok_keahlian: str | None
    peran: frozenset[str]
    email: str | None
    zona_waktu: str
    bahasa: str
    zona_waktu_given: bool = True  # False: the file left it empty (WIB, or the person's own)


class Employees(Protocol):
    async def by_id(self, employee_id: int) -> Employee | None: ...
    async def by_nip(self, nip: str) -> Employee | None: ...
    async def by_account(self, channel: str, external_id: str) -> Employee | None: ...
    async def by_email(self, email: str) -> Employee | None:
        """The one current employee with this work e-mail (any case); None when there is
        none, or several (an e-mail shared in the data binds nobody)."""
        ...

    async def set_locale(self, employee_id: int, locale: str) -> None: ...
    async def set_last_channel(self, employee_id: int, channel: str) -> None:
        """Remember the channel of the person's latest update (notices go there)."""
        ...

    async def adopt_zone(self, employee_id: int, zone: Zone) -> bool:
        """Take a chat platform's time zone for the person unless the organisation file gave
        one; whether it changed."""
        ...

    async def direct_reports(self, employee_id: int, limit: int) -> list[str]: ...
    async def count_direct_reports(self, employee_id: int) -> int: ...
    async def count_group_members(self, group: str) -> int: ...
    async def count_all(self) -> int: ...
    async def ids_with_role(self, role: Role) -> list[int]: ...
    async def group_names(self) -> list[str]: ...
    async def supervisor_links(self) -> dict[str, str | None]: ...
    async def select_nips(self, *, unit: str | None, nip: str | None) -> list[tuple[int, str]]: ...


class Accounts(Protocol):
    async def get(self, channel: str, external_id: str) -> Account | None: ...
    async def of_employee(self, employee_id: int, channel: str) -> Account | None:
        """The account ``employee_id`` has bound on ``channel``, if any."""
        ...

    async def without_org_zone(
        self, channel: str, bound_since: datetime | None = None
    ) -> list[tuple[int, str]]:
        """(employee id, account id) of everyone bound on ``channel`` (since ``bound_since``)
        whose time zone the organisation file did not give (a platform's may be taken)."""
        ...

    async def bound_employee_ids(self, *, ignoring: str) -> set[int]:
        """Everyone with an account bound on any channel but ``ignoring``."""
        ...

    async def bind(
        self, channel: str, external_id: str, employee_id: int, address: str | None, at: datetime
    ) -> None: ...
    async def unbind(self, employee_id: int) -> int: ...


class Invites(Protocol):
    async def replace(
        self, employee_id: int, code_hash: str, created_at: datetime, expires_at: datetime
    ) -> None: ...
    async def find(self, code_hash: str) -> InviteRecord | None: ...
    async def mark_used(self, invite_id: int, at: datetime, account: str) -> None: ...


class BindAttempts(Protocol):
    async def failures_since(self, channel: str, external_id: str, since: datetime) -> int: ...
    async def record_failure(self, channel: str, external_id: str, at: datetime) -> None: ...
    async def prune(self, before: datetime) -> int: ...


class Inbox(Protocol):
    async def take_turn(self, channel: str, external_id: str) -> None:
        """Until this transaction ends, hold back every other transaction handling an update
        of this sender (another process's): one person's updates never interleave."""
        ...

    async def first_time(self, channel: str, key: str, at: datetime) -> bool: ...
    async def prune(self, before: datetime) -> int: ...


class Organisation(Protocol):
    async def upsert(
        self, records: Iterable[OrgRecord], progress: Callable[[int, int], None] | None
    ) -> int: ...
    async def deactivate_missing(self, present: set[str], at: datetime) -> int:
        """Make leavers of the active people whose NIP is not in ``present``; how many."""
        ...


class PersonalData(Protocol):
    """Everything held about one person (UU PDP 27/2022): read it all, or erase it."""

    async def export(self, employee_id: int) -> dict[str, Any]: ...
    async def erase(self, employee_id: int, at: datetime) -> dict[str, int]:
        """Erase or anonymise; return rows touched per part, for the operator's report."""
        ...


@dataclass(frozen=True)
class Plan:
    """An employee's Formulir 1 for a cycle year; ``status`` is draft or submitted (later:
    agreed, verified, …)."""

    id: int
    employee_id: int
    year: int
    status: str
    submitted_at: datetime | None


@dataclass(frozen=True)
class UnitProgress:
    """How far one unit kerja is with Formulir 1 in a cycle year."""

    unit: str
    employees: int
    started: int  # a plan exists (draft or further)
    submitted: int  # sent for the dialog kinerja, or further


class Plans(Protocol):
    async def get(self, plan_id: int) -> Plan | None: ...
    async def for_year(self, employee_id: int, year: int) -> Plan | None: ...
    async def create(self, employee_id: int, year: int, at: datetime) -> Plan:
        """A new draft, or the plan of that year another update created meanwhile."""
        ...

    async def set_status(self, plan_id: int, status: str, at: datetime) -> None: ...
    async def submit(self, plan_id: int, at: datetime) -> bool:
        """Draft → submitted in one conditional step; False when it was no draft any more."""
        ...

    async def progress_by_unit(self, year: int) -> list[UnitProgress]: ...
    async def request_change(
        self, employee_id: int, field: str, old: str, new: str, at: datetime
    ) -> int | None:
        """The new request's id; None when the same correction is pending already."""
        ...


@dataclass(frozen=True)
class Cycle:
    """An IDP cycle year a coordinator or admin opened, with its dates (handlers/cycle.py
    derives the defaults from the regulation's timeline). ``opened_by``: the opener's NIP,
    or who else opened it (``cli``, ``demo``, ``upgrade``, ``IDP_CYCLE_YEAR``)."""

    year: int
    opened_at: datetime
    opened_by: str
    formulir1_opens: date
    dialogue_from: date
    dialogue_to: date
    verification_by: date
    checkins: tuple[date, date, date, date]


class Cycles(Protocol):
    async def all(self) -> list[Cycle]:
        """Every cycle opened, oldest year first."""
        ...

    async def set_checkins(self, year: int, days: tuple[date, date, date, date]) -> None:
        """Move the year's quarterly check-in dates (those asked already keep theirs)."""
        ...

    async def open(self, cycle: Cycle) -> bool:
        """Store a new cycle; False (nothing changed) when that year is open already."""
        ...

    async def set_dialogue(self, year: int, starts: date, ends: date) -> None:
        """Move the cycle's dialogue window (everyone's, where a unit has none of its own)."""
        ...


class PlanRecords(Protocol):
    """The plan as data (handlers/plan/): each submission kept whole, state moves, audit log."""

    async def submissions(self, plan_id: int) -> int: ...
    async def save(self, plan_id: int, content: PlanContent, at: datetime) -> None: ...
    async def load(self, plan_id: int, submission: int | None = None) -> PlanContent | None: ...
    async def move(self, plan_id: int, source: str, target: str, at: datetime) -> bool:
        """The plan's state ``source`` → ``target`` in one conditional step; False when it
        was not ``source`` any more."""
        ...

    async def append(self, event: PlanEvent) -> None: ...
    async def events(self, plan_id: int) -> list[PlanEvent]: ...


class Agreements(Protocol):
    """The dialog kinerja's agreement of one submission, item by item, saved as it goes."""

    async def decisions(self, plan_id: int, submission: int) -> dict[int, ItemDecision]:
        """Each decided item's decision, by item id."""
        ...

    async def decide(
        self, plan_id: int, submission: int, decision: ItemDecision, agreed: ItemVersion | None
    ) -> None:
        """Record the item's decision, replacing an earlier one of this submission, with its
        agreed version beside the proposed one (None: no agreed version, it is rejected)."""
        ...

    async def withdraw(self, plan_id: int, submission: int, item_id: int) -> None:
        """Forget the item's decision and agreed version (an added item taken back)."""
        ...

    async def new_item(self, plan_id: int) -> tuple[int, int]:
        """A new item of the plan after its last one (an item added in the dialogue): its
        id and position."""
        ...

    async def note(self, plan_id: int, submission: int) -> str | None: ...
    async def set_note(self, plan_id: int, submission: int, note: str, at: datetime) -> None: ...


class Forms(Protocol):
    """Form sessions (where a person is) and their answers, committed with every step."""

    async def find(self, employee_id: int, form: str, subject_id: int) -> FormSession | None: ...
    async def active(self, employee_id: int) -> FormSession | None: ...
    async def create(
        self, employee_id: int, form: str, subject_id: int, cursor: str, at: datetime
    ) -> FormSession: ...
    async def save(self, session: FormSession, at: datetime) -> None: ...
    async def answers(self, session_id: int) -> dict[str, Any]: ...
    async def put(self, session_id: int, values: dict[str, Any], at: datetime) -> None: ...
    async def drop(self, session_id: int, keys: list[str]) -> None: ...


@dataclass(frozen=True)
class Priority:
    """A priority competency the steering board (Dewan Pengarah) published for a year.

    ``unit_kerja`` None: for the whole agency. ``competency_key``: the national competency it
    names, if any (else ``kompetensi`` is a technical competency, as written).
    """

    year: int
    unit_kerja: str | None
    kompetensi: str
    competency_key: str | None
    keterangan: str


@dataclass(frozen=True)
class JobRequirement:
    """A jabatan's required level of a competency, as the admin imported it.

    ``jenis``: "manajerial" or "sosio_kultural" (``kompetensi`` is then a national
    competency's key and ``level`` overrides the job level's default), or "teknis"
    (``kompetensi`` is the technical competency's name).
    """

    jabatan: str
    jenis: str
    kompetensi: str
    level: int


class Reference(Protocol):
    """Reference data the forms read: priorities by year and unit, requirements by jabatan."""

    async def priorities(self, year: int, unit: str | None) -> list[Priority]: ...
    async def requirements(self, jabatan: str) -> list[JobRequirement]: ...
    async def unit_names(self) -> list[str]: ...
    async def save_priorities(self, records: list[Priority], *, replace_years: bool) -> int: ...
    async def save_requirements(
        self, records: list[JobRequirement], *, replace_jabatan: bool
    ) -> int: ...


class UnitOfWork(Protocol):
    """One transaction: everything a use case changes is committed together, or not at all."""

    employees: Employees
    accounts: Accounts
    invites: Invites
    bind_attempts: BindAttempts
    inbox: Inbox
    organisation: Organisation
    plans: Plans
    plan_records: PlanRecords
    agreements: Agreements
    forms: Forms
    cycles: Cycles
    # delivery (issue 4): outbox, broadcasts, working-day calendar, reminder schedule
    outbox: Outbox
    broadcasts: Broadcasts
    cuti_bersama: CutiBersama
    reminders: Reminders
    reference: Reference
    change_requests: ChangeRequests
    personal_data: PersonalData
    oversight: Oversight  # the dialog kinerja: acting supervisors, teams, nudges
    checkin_report: CheckinReport  # JP and progress of the quarterly check-ins
    dialog: DialogSchedule
    files: Files
    recaps: Recaps  # Formulir 2 (issue 10)
    programmes: Programmes
    verifications: Verifications  # the expertise group's verification (issue 10)
    checkins: Checkins  # the quarterly check-ins (Formulir 1 E)

    async def __aenter__(self) -> Self: ...
    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...
    async def commit(self) -> None: ...
    async def rollback(self) -> None: ...


class UnitOfWorkFactory(Protocol):
    def __call__(self) -> UnitOfWork: ...


class Clock(Protocol):
    def now(self) -> datetime: ...


# --- delivery: outbox, broadcasts, cuti bersama, reminders (issue 4) -------------------------


class Outbox(Protocol):
    """Messages waiting to be delivered; claiming is atomic across senders."""

    async def enqueue(self, message: OutboxMessage, at: datetime) -> bool: ...
    async def enqueue_audience(
        self,
        audience: Audience,
        message: AudienceMessage,
        due_by_zone: Mapping[Zone, datetime],
        at: datetime,
    ) -> int: ...
    async def count_audience(self, audience: Audience) -> int: ...
    async def claim(
        self,
        channel: str,
        worker: str,
        now: datetime,
        lease: timedelta,
        limit: int,
        *,
        unbound: bool = False,
    ) -> list[OutboxItem]:
        """Due rows queued for ``channel`` (the recipient's account there, or a chat pinned
        on it); ``unbound``: also the rows of people who had no account when they were
        queued (delivered if they bound one since, else settled as unreachable)."""
        ...

    async def cancel_pending(self, dedupe_prefix: str) -> int:
        """Call off the queued rows whose dedupe key starts with ``dedupe_prefix``."""
        ...

    async def settle(
        self, worker: str, settlements: Sequence[tuple[int, Settlement]]
    ) -> set[int]: ...
    async def release_expired(self, now: datetime, *, every_claim: bool = False) -> int: ...
    async def next_due(self) -> datetime | None: ...
    async def mark_unreachable(
        self, employee_id: int, channel: str, reason: str, at: datetime
    ) -> None: ...
    async def clear_unreachable(self, employee_id: int, channel: str) -> int: ...
    async def address_of(self, employee_id: int, channel: str) -> str | None: ...
    async def channel_for(self, employee_id: int) -> str | None: ...


@dataclass(frozen=True)
class BroadcastRecord:
    id: int
    audience: str
    text: str
    created_by: int | None  # None: an operator at the command line
    created_at: datetime
    first_due_at: datetime | None
    last_due_at: datetime | None
    recipients: int
    status: str  # scheduled · done · cancelled
    progress_ref: str | None  # "<chat id>:<message id>" of the live progress message


@dataclass(frozen=True)
class BroadcastTally:
    """A broadcast's rows by status, failures by reason, and deliveries left uncertain: of
    those ``uncertain``, ``interrupted`` because the sender stopped while sending them (a
    crash or a kill; they go again), the others because Telegram did not answer in time."""

    by_status: dict[str, int]
    failures: dict[str, int]
    uncertain: int
    interrupted: int = 0


class Broadcasts(Protocol):
    async def create(
        self, audience: str, text: str, created_by: int | None, at: datetime
    ) -> int: ...
    async def schedule(
        self, broadcast_id: int, recipients: int, first_due: datetime, last_due: datetime
    ) -> None: ...
    async def get(self, broadcast_id: int) -> BroadcastRecord | None: ...
    async def open(self) -> list[BroadcastRecord]: ...
    async def started(self, now: datetime) -> list[BroadcastRecord]: ...
    async def cancel(self, broadcast_id: int, at: datetime) -> int: ...
    async def tally(self, broadcast_id: int) -> BroadcastTally: ...
    async def unreachable_people(self, broadcast_id: int, limit: int) -> list[tuple[str, str]]: ...
    async def finish(self, broadcast_id: int, at: datetime) -> bool: ...
    async def set_progress_ref(self, broadcast_id: int, ref: str) -> None: ...


class CutiBersama(Protocol):
    """Collective leave days an administrator declares: not working days."""

    async def add(self, day: date, at: datetime) -> bool: ...
    async def remove(self, day: date) -> bool: ...
    async def listing(self, since: date) -> list[date]: ...
    async def between(self, start: date, end: date) -> frozenset[date]: ...


@dataclass(frozen=True)
class ReminderRecord:
    """A reminder the coordinator set: ``template`` to ``audience`` on ``on_date`` ``at_time``
    (each person's own wall clock), moved off quiet hours and non-working days."""

    id: int
    audience: str
    template: str
    on_date: date
    at_time: time
    deadline: date | None
    enqueued_zones: frozenset[Zone]


class Reminders(Protocol):
    async def add(
        self,
        audience: str,
        template: str,
        on_date: date,
        at_time: time,
        deadline: date | None,
        at: datetime,
    ) -> int: ...
    async def open(self) -> list[ReminderRecord]: ...
    async def mark_enqueued(self, reminder_id: int, zones: frozenset[Zone], done: bool) -> None: ...
    async def listing(self) -> list[tuple[ReminderRecord, bool]]: ...
    async def remove(self, reminder_id: int) -> bool: ...


# --- change requests: corrections of NIP or unit an admin decides (issue 3) -----------------


@dataclass(frozen=True)
class ChangeRequest:
    """A correction asked for in Formulir 1 A; ``nip`` and ``nama`` are the employee's now."""

    id: int
    employee_id: int
    nip: str
    nama: str
    field: str  # nip · unit_kerja
    old_value: str
    new_value: str
    status: str  # pending · approved · rejected
    created_at: datetime
    decided_at: datetime | None
    decided_by: str | None


class ChangeRequests(Protocol):
    async def pending(self) -> list[ChangeRequest]: ...
    async def waiting_for(self, employee_id: int) -> dict[str, str]:
        """The corrections one employee asked for that wait for a decision: field → value."""
        ...

    async def get(self, request_id: int) -> ChangeRequest | None: ...
    async def decide(self, request_id: int, status: str, at: datetime, by: str) -> bool:
        """Settle a request that is still pending; False if it is not (any more)."""
        ...

    async def set_nip(self, employee_id: int, nip: str, at: datetime) -> None: ...
    async def move_to_unit(self, employee_id: int, unit: str, at: datetime) -> None: ...


# --- the dialog kinerja: windows, appointments; files sent with messages (issue 9) ---------


class DialogSchedule(Protocol):
    async def window(self, year: int, unit: str) -> Window | None:
        """``unit``'s own dialogue window in ``year``, if a coordinator gave it one."""
        ...

    async def windows(self, year: int) -> list[Window]: ...
    async def unit_exists(self, unit: str) -> bool: ...
    async def set_window(self, year: int, window: Window, by: str, at: datetime) -> None: ...
    async def appointment(self, plan_id: int) -> Appointment | None: ...
    async def save_appointment(self, appointment: Appointment, at: datetime) -> bool:
        """Insert, or update the stored one whose revision is one less; False when another
        update changed it first (or inserted it)."""
        ...


class Files(Protocol):
    """Files sent with messages, stored once and referred to by the outbox rows."""

    async def store(self, attachment: Attachment, at: datetime) -> Attachment:
        """The attachment with its new ``file_id``."""
        ...

    async def load(self, file_id: int) -> Attachment | None: ...


class UnreadableFile(Exception):
    """A file a person sent that cannot be taken: too large, not a table, columns missing.
    ``context`` fills the template ``cli/import_unreadable`` (reason, name, detail)."""

    def __init__(self, context: dict[str, Any]) -> None:
        super().__init__(context.get("reason", "unreadable"))
        self.context = context


class IncomingFiles(Protocol):
    """A channel's way to fetch a document a person sent, when a use case wants it."""

    async def content(self, document: Document, limit: int) -> bytes:
        """Its bytes; :class:`UnreadableFile` when larger than ``limit`` or not fetched."""
        ...

    async def table(
        self, document: Document, required: Sequence[str]
    ) -> list[tuple[int, dict[str, str]]]:
        """Its rows as a CSV or XLSX table (the command line's reader: row numbers as in
        the spreadsheet, headers normalized); :class:`UnreadableFile` otherwise."""
        ...
