"""The unit of work: one session, one transaction, the repositories the core asks for."""

from __future__ import annotations

import asyncio
from types import TracebackType
from typing import Self

from handlers.checkin.ports import Checkins
from handlers.dialog.oversight_ports import Oversight
from handlers.ports import (
    Accounts,
    Agreements,
    BindAttempts,
    Broadcasts,
    ChangeRequests,
    CutiBersama,
    Cycles,
    DialogSchedule,
    Employees,
    Files,
    Forms,
    Inbox,
    Invites,
    Organisation,
    Outbox,
    PersonalData,
    PlanRecords,
    Plans,
    Reference,
    Reminders,
)
from handlers.recap.ports import Programmes, Recaps
from handlers.report.ports import CheckinReport
from handlers.verify.ports import Verifications
from storage.broadcasts import SqlBroadcasts
from storage.change_requests import SqlChangeRequests
from storage.checkin_report import SqlCheckinReport
from storage.checkins import SqlCheckins
from storage.cycles import SqlCycles
from storage.dialog_agreements import SqlAgreements
from storage.dialog_oversee import SqlOversight
from storage.dialog_schedule import SqlDialogSchedule, SqlFiles
from storage.organisation import SqlOrganisation
from storage.outbox import SqlOutbox
from storage.personal_data import SqlPersonalData
from storage.plan_records import SqlPlanRecords
from storage.plans import SqlForms, SqlPlans
from storage.programmes import SqlProgrammes
from storage.recaps import SqlRecaps
from storage.reference import SqlReference
from storage.repositories import SqlAccounts, SqlBindAttempts, SqlEmployees, SqlInbox, SqlInvites
from storage.schedules import SqlCutiBersama, SqlReminders
from storage.session import InlineSession, SessionFactory
from storage.verifications import SqlVerifications


class SqlUnitOfWork:
    """Implements :class:`handlers.ports.UnitOfWork`; leaving without commit rolls back."""

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
    reference: Reference
    outbox: Outbox
    broadcasts: Broadcasts
    cuti_bersama: CutiBersama
    reminders: Reminders
    change_requests: ChangeRequests
    personal_data: PersonalData
    oversight: Oversight
    checkin_report: CheckinReport
    dialog: DialogSchedule
    files: Files
    recaps: Recaps
    programmes: Programmes
    verifications: Verifications
    checkins: Checkins

    def __init__(
        self,
        sessions: SessionFactory,
        lock: asyncio.Lock | None = None,
        notice_channel: str = "last_used",
    ) -> None:
        """``notice_channel``: IDP_NOTICE_CHANNEL (which account a notice goes to)."""
        self._sessions = sessions
        self._lock = lock
        self._notice_channel = notice_channel

    async def __aenter__(self) -> Self:
        if self._lock is not None:
            await self._lock.acquire()
        self.session = self._sessions()
        if isinstance(self.session, InlineSession):
            try:
                await self.session.begin_now()
            except BaseException:
                if self._lock is not None:
                    self._lock.release()
                raise
        self.employees = SqlEmployees(self.session)
        self.accounts = SqlAccounts(self.session)
        self.invites = SqlInvites(self.session)
        self.bind_attempts = SqlBindAttempts(self.session)
        self.inbox = SqlInbox(self.session)
        self.organisation = SqlOrganisation(self.session)
        self.plans = SqlPlans(self.session)
        self.plan_records = SqlPlanRecords(self.session)
        self.agreements = SqlAgreements(self.session)
        self.forms = SqlForms(self.session)
        self.cycles = SqlCycles(self.session)
        self.reference = SqlReference(self.session)
        self.outbox = SqlOutbox(self.session, self._notice_channel)
        self.broadcasts = SqlBroadcasts(self.session)
        self.cuti_bersama = SqlCutiBersama(self.session)
        self.reminders = SqlReminders(self.session)
        self.change_requests = SqlChangeRequests(self.session)
        self.personal_data = SqlPersonalData(self.session)
        self.oversight = SqlOversight(self.session)
        self.checkin_report = SqlCheckinReport(self.session)
        self.dialog = SqlDialogSchedule(self.session)
        self.files = SqlFiles(self.session)
        self.recaps = SqlRecaps(self.session)
        self.programmes = SqlProgrammes(self.session)
        self.verifications = SqlVerifications(self.session)
        self.checkins = SqlCheckins(self.session)
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        try:
            await self.session.rollback()
            await self.session.close()
        finally:
            if self._lock is not None:
                self._lock.release()

    async def commit(self) -> None:
        await self.session.commit()

    async def rollback(self) -> None:
        await self.session.rollback()
