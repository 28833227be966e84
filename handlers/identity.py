"""Identity: accounts are bound to employees only through single-use, expiring invites."""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from handlers.effects import Incoming, Msg, Reply
from handlers.model import Employee
from handlers.notify import Notify, notify
from handlers.outbox import PinnedAddress
from handlers.ports import UnitOfWork

CODE_BYTES = 24  # 192 bits; token_urlsafe gives 32 characters, within Telegram's 64
CODE_LENGTH = 32  # len(token_urlsafe(CODE_BYTES))
CODE_PATTERN = re.compile(rf"^[A-Za-z0-9_-]{{{CODE_LENGTH}}}$")
MAX_FAILURES = 5
FAILURE_WINDOW = timedelta(minutes=15)


@dataclass(frozen=True)
class IssuedInvite:
    nip: str
    code: str
    expires_at: datetime


@dataclass(frozen=True)
class BindResult:
    """The outcome of presenting a code: the bound employee, or why not."""

    employee: Employee | None
    refusal: str | None = None


def hash_code(code: str) -> str:
    return hashlib.sha256(code.encode("ascii")).hexdigest()


def looks_like_code(text: str) -> bool:
    return bool(CODE_PATTERN.match(text.strip()))


def new_code() -> str:
    """A fresh code that never starts with ``-``: a spreadsheet would take ``-abc…`` in
    invites.csv for a formula (and the file would have to show it quoted)."""
    code = secrets.token_urlsafe(CODE_BYTES)
    while code.startswith("-"):
        code = secrets.token_urlsafe(CODE_BYTES)
    return code


async def issue_invites(
    uow: UnitOfWork, targets: list[tuple[int, str]], now: datetime, ttl: timedelta
) -> list[IssuedInvite]:
    """Issue a fresh code for each (employee id, NIP); any older code of theirs is revoked."""
    issued = []
    for employee_id, nip in targets:
        code = new_code()
        await uow.invites.replace(employee_id, hash_code(code), now, now + ttl)
        issued.append(IssuedInvite(nip=nip, code=code, expires_at=now + ttl))
    return issued


async def redeem(uow: UnitOfWork, incoming: Incoming, code: str, now: datetime) -> BindResult:
    """Bind the incoming account to the employee the code was issued for, once."""
    channel, external_id = incoming.channel, incoming.external_id
    failures = await uow.bind_attempts.failures_since(channel, external_id, now - FAILURE_WINDOW)
    if failures >= MAX_FAILURES:
        return BindResult(None, "throttled")
    invite = await uow.invites.find(hash_code(code.strip())) if code.isascii() else None
    refusal = None
    if invite is None or invite.revoked_at is not None:
        refusal = "unknown"
    elif invite.used_at is not None:
        refusal = "used"
    elif invite.expires_at <= now:
        refusal = "expired"
    if refusal is not None or invite is None:
        await uow.bind_attempts.record_failure(channel, external_id, now)
        return BindResult(None, refusal)
    current = await uow.accounts.get(channel, external_id)
    if current is not None and current.employee_id != invite.employee_id:
        return BindResult(None, "account_taken")
    await tell_account_left_behind(uow, invite.employee_id, incoming, now)
    await uow.accounts.bind(channel, external_id, invite.employee_id, incoming.chat_address, now)
    await uow.invites.mark_used(invite.id, now, f"{channel}:{external_id}")
    return BindResult(await uow.employees.by_id(invite.employee_id))


async def bind_by_email(uow: UnitOfWork, incoming: Incoming, now: datetime) -> Employee | None:
    """Bind the incoming account to the employee whose work e-mail the platform vouched for
    (:attr:`Incoming.verified_email`; the channel passes one only when the admin allows it).
    Nobody, when no single current employee has that e-mail or they have an account on this
    channel already (a code moves an account; an e-mail never takes one away)."""
    if not incoming.verified_email:
        return None
    employee = await uow.employees.by_email(incoming.verified_email)
    if employee is None or await uow.accounts.of_employee(employee.id, incoming.channel):
        return None
    await uow.accounts.bind(
        incoming.channel, incoming.external_id, employee.id, incoming.chat_address, now
    )
    return employee


async def tell_account_left_behind(
    uow: UnitOfWork, employee_id: int, incoming: Incoming, now: datetime
) -> None:
    """The employee's invite is being used on another account of this channel: the account
    bound until now is let go, and told so there (in the employee's language) — a person
    whose invite someone else used learns of it, and whom to ask."""
    old = await uow.accounts.of_employee(employee_id, incoming.channel)
    if old is None or old.external_id == incoming.external_id or old.address is None:
        return
    to = PinnedAddress(incoming.channel, old.address)
    await notify(uow, Notify(employee_id, Msg("identity/unlinked_elsewhere"), to=to), now)


def refusal_reply(reason: str, locale: str) -> Reply:
    return Reply(
        Msg(
            f"identity/refused_{reason}",
            {"max_failures": MAX_FAILURES, "minutes": int(FAILURE_WINDOW.total_seconds() // 60)},
        ),
        locale,
    )


def not_linked_reply(locale: str) -> Reply:
    """What an unbound account sees: how to get an invite, and nothing else."""
    return Reply(Msg("identity/not_linked"), locale)
