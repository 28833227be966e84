"""What becomes of an outbox row after one delivery attempt, and how audiences are written."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from handlers.audience import Audience, AudienceError, AudienceKind, parse_audience
from handlers.delivery import Attempt, Outcome, RetryPolicy, settle
from handlers.outbox import Kind, OutboxItem, Status

NOW = datetime(2027, 1, 4, 2, 0, tzinfo=UTC)
POLICY = RetryPolicy(max_attempts=4, base=timedelta(seconds=2), cap=timedelta(seconds=30))


def item(**fields: object) -> OutboxItem:
    values: dict[str, object] = {
        "id": 1, "employee_id": 9, "kind": Kind.BROADCAST, "template": "broadcast/message",
        "context": {"text": "Halo"}, "buttons": (), "locale": "id", "address": "5001",
        "unreachable": False,
    }  # fmt: skip
    values.update(fields)
    return OutboxItem(**values)  # type: ignore[arg-type]


def after(attempt: Attempt, jitter: float = 1.0, **fields: object):  # type: ignore[no-untyped-def]
    return settle(item(**fields), attempt, NOW, POLICY, lambda: jitter)


def test_accepted_is_sent_and_stamped() -> None:
    result = after(Attempt(Outcome.SENT, 2))
    assert (result.status, result.sent_at, result.parts_sent) == (Status.SENT, NOW, 2)


def test_a_429_waits_its_retry_after_and_is_not_counted_as_a_failure() -> None:
    result = after(Attempt(Outcome.RATE_LIMITED, 0, retry_after=42), attempts=2)
    assert result.status is Status.PENDING
    assert result.next_attempt_at == NOW + timedelta(seconds=42)
    assert result.attempts == 2


def test_server_errors_back_off_exponentially_then_fail_with_the_reason() -> None:
    waits = []
    for attempts in range(3):
        result = after(Attempt(Outcome.TRANSIENT, 0, "server: Bad Gateway"), attempts=attempts)
        assert result.status is Status.PENDING and result.attempts == attempts + 1
        assert result.next_attempt_at is not None
        waits.append(result.next_attempt_at - NOW)
    assert waits == [timedelta(seconds=2), timedelta(seconds=4), timedelta(seconds=8)]
    last = after(Attempt(Outcome.TRANSIENT, 0, "server: Bad Gateway"), attempts=3)
    assert (last.status, last.last_error) == (Status.FAILED, "server: Bad Gateway")


def test_backoff_is_capped_and_jittered_between_half_and_all() -> None:
    assert POLICY.backoff(10, 1.0) == timedelta(seconds=30)
    assert POLICY.backoff(3, 0.5) == timedelta(seconds=4)
    assert POLICY.backoff(3, 0.1) == timedelta(seconds=4)  # never below half


def test_a_blocked_person_is_unreachable_and_remembered() -> None:
    result = after(Attempt(Outcome.BLOCKED, 0, "blocked"))
    assert (result.status, result.unreachable_reason) == (Status.UNREACHABLE, "blocked")


@pytest.mark.parametrize(
    ("outcome", "reason"), [(Outcome.NO_ACCOUNT, "no account"), (Outcome.UNREACHABLE, "blocked")]
)
def test_nobody_to_send_to_is_unreachable_without_a_call(outcome: Outcome, reason: str) -> None:
    result = after(Attempt(outcome, 0))
    assert (result.status, result.last_error) == (Status.UNREACHABLE, reason)
    assert result.unreachable_reason is None


def test_a_timeout_is_retried_once_and_counted_then_fails() -> None:
    first = after(Attempt(Outcome.TIMED_OUT, 0, "timeout"))
    assert (first.status, first.uncertain) == (Status.PENDING, 1)
    second = after(Attempt(Outcome.TIMED_OUT, 0, "timeout"), uncertain=1)
    assert (second.status, second.uncertain, second.last_error) == (Status.FAILED, 2, "timeout")


def test_parts_already_sent_are_kept_for_the_retry() -> None:
    result = after(Attempt(Outcome.TRANSIENT, 1, "network: ConnectError"), parts_sent=0)
    assert result.parts_sent == 1


def test_a_refused_request_fails_at_once() -> None:
    result = after(Attempt(Outcome.REJECTED, 0, "rejected: Bad Request: chat not found"))
    assert result.status is Status.FAILED


# --- audiences -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "audience"),
    [
        ("all", Audience(AudienceKind.ALL)),
        ("semua", Audience(AudienceKind.ALL)),
        ("unit:Pusat Data dan Informasi", Audience(AudienceKind.UNIT, "Pusat Data dan Informasi")),
        ("group: Pengembangan SDM", Audience(AudienceKind.GROUP, "Pengembangan SDM")),
        ("role:atasan", Audience(AudienceKind.ROLE, "atasan")),
        ("stage:not_submitted", Audience(AudienceKind.STAGE, "not_submitted", 2027)),
        ("stage:not_started:2028", Audience(AudienceKind.STAGE, "not_started", 2028)),
    ],
)
def test_audiences_are_read_from_kind_and_value(text: str, audience: Audience) -> None:
    assert parse_audience(text, 2027) == audience
    assert parse_audience(str(audience), 2027) == audience


@pytest.mark.parametrize(
    ("text", "reason"),
    [("kantor:Pusat", "kind"), ("unit:", "value"), ("unit", "value"), ("role:boss", "role"),
     ("stage:agreed", "stage"), ("stage:not_started:27", "year")],
)  # fmt: skip
def test_an_audience_that_names_nobody_is_refused_with_a_reason(text: str, reason: str) -> None:
    with pytest.raises(AudienceError) as refused:
        parse_audience(text, 2027)
    assert refused.value.reason == reason
