"""What to do after one delivery attempt: the retry policy, channel-independent.

A channel tries to deliver a claimed :class:`OutboxItem` and reports an :class:`Attempt`;
:func:`settle` turns it into the row's next state. Rate limits (429) never count as a
failure — the sender waits and goes on. Server and network errors are retried with
exponential backoff and jitter, then the row fails with the reason. A person who blocked the
bot is unreachable. A timeout leaves delivery unknown: it is retried once (at most one
duplicate) and counted, so the report can say how many deliveries are uncertain.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import StrEnum

from handlers.outbox import OutboxItem, Settlement, Status
from handlers.ports import UnitOfWork


class Outcome(StrEnum):
    SENT = "sent"
    RATE_LIMITED = "rate_limited"  # 429: wait retry_after, then again (not a failure)
    TRANSIENT = "transient"  # 5xx, network: back off and retry up to a limit
    TIMED_OUT = "timed_out"  # no answer in time: the message may have arrived
    BLOCKED = "blocked"  # 403: the person blocked the bot or left
    REJECTED = "rejected"  # 400 and the like: retrying cannot help
    NO_ACCOUNT = "no_account"  # nobody to send to on this channel
    UNREACHABLE = "unreachable"  # known blocked before this attempt: no call made


@dataclass(frozen=True)
class Attempt:
    """What happened to one delivery. ``reason`` is a short code, never message text."""

    outcome: Outcome
    parts_sent: int
    reason: str | None = None
    retry_after: float = 0.0


@dataclass(frozen=True)
class RetryPolicy:
    max_attempts: int = 6  # failed tries (server/network) before the row fails
    base: timedelta = timedelta(seconds=2)
    cap: timedelta = timedelta(minutes=10)
    max_uncertain: int = 1  # retries after a timeout: at most one duplicate

    def backoff(self, failures: int, jitter: float) -> timedelta:
        """``base × 2^(failures-1)``, capped, times ``jitter`` in [0.5, 1.0] ("equal jitter")."""
        raw: timedelta = self.base * (2 ** max(0, failures - 1))
        capped: timedelta = min(raw, self.cap)
        return capped * min(1.0, max(0.5, jitter))


def settle(
    item: OutboxItem,
    attempt: Attempt,
    now: datetime,
    policy: RetryPolicy,
    jitter: Callable[[], float],
) -> Settlement:
    """The row's next state after ``attempt``; ``jitter()`` returns a number in [0.5, 1.0]."""
    parts = max(item.parts_sent, attempt.parts_sent)
    kept = Settlement(Status.PENDING, item.attempts, item.uncertain, parts)
    outcome = attempt.outcome
    if outcome is Outcome.SENT:
        return Settlement(Status.SENT, item.attempts, item.uncertain, parts, sent_at=now)
    if outcome is Outcome.RATE_LIMITED:
        wait = timedelta(seconds=max(attempt.retry_after, 1.0))
        return replace(kept, next_attempt_at=now + wait)
    if outcome is Outcome.NO_ACCOUNT:
        return replace(kept, status=Status.UNREACHABLE, last_error="no account")
    if outcome is Outcome.UNREACHABLE:
        return replace(kept, status=Status.UNREACHABLE, last_error="blocked")
    if outcome is Outcome.BLOCKED:
        reason = attempt.reason or "blocked"
        return replace(
            kept, status=Status.UNREACHABLE, last_error=reason, unreachable_reason=reason
        )
    if outcome is Outcome.REJECTED:
        return replace(kept, status=Status.FAILED, last_error=attempt.reason or "rejected")
    if outcome is Outcome.TIMED_OUT:
        uncertain = item.uncertain + 1
        if uncertain > policy.max_uncertain:
            return replace(kept, status=Status.FAILED, uncertain=uncertain, last_error="timeout")
        wait = policy.backoff(1, jitter())
        return replace(kept, uncertain=uncertain, next_attempt_at=now + wait, last_error="timeout")
    failures = item.attempts + 1
    reason = attempt.reason or "network error"
    if failures >= policy.max_attempts:
        return replace(kept, status=Status.FAILED, attempts=failures, last_error=reason)
    wait = policy.backoff(failures, jitter())
    return replace(kept, attempts=failures, next_attempt_at=now + wait, last_error=reason)


async def record_attempts(
    uow: UnitOfWork,
    outcomes: Sequence[tuple[OutboxItem, Attempt]],
    worker: str,
    channel: str,
    at: RecordingTime,
) -> list[Settlement | None]:
    """Settle each item after its attempt and remember people who blocked the bot, all in
    one transaction; None for a row this worker no longer held (its lease was taken over)."""
    decided = [(item, settle(item, attempt, at.now, at.policy, at.jitter))
               for item, attempt in outcomes]  # fmt: skip
    held = await uow.outbox.settle(worker, [(item.id, s) for item, s in decided])
    for item, settlement in decided:
        # a pinned chat is not the person's account: its block says nothing about them
        if item.id in held and settlement.unreachable_reason is not None and not item.pinned:
            await uow.outbox.mark_unreachable(
                item.employee_id, channel, settlement.unreachable_reason, at.now
            )
    settled = [settlement if item.id in held else None for item, settlement in decided]
    await uow.commit()
    return settled


@dataclass(frozen=True)
class RecordingTime:
    """When an attempt is recorded and the policy that decides what follows."""

    now: datetime
    policy: RetryPolicy
    jitter: Callable[[], float]
