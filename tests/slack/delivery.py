"""What the Slack delivery tests and benchmark share: settings for the fake Slack, people with
bound Slack accounts (addressed by user id or DM), and a Slack outbox sender."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import insert, select, update

from bot.app import App
from bot.channels.registry import Limits
from bot.channels.slack_sender import SlackPlugin
from bot.config import Settings
from bot.sender import OutboxSender, pacer_for
from storage.models import AccountRow, EmployeeRow
from tests.delivery_support import Recipient, load_people
from tests.fake_slack import FakeSlack


def slack_user(index: int) -> str:
    return f"U{index:08d}"


def slack_settings(database_url: str, slack: FakeSlack | None, **overrides: Any) -> Settings:
    """Fast settings: scaled-up rates, short backoff and timeouts; no Telegram unless given."""
    values: dict[str, Any] = {
        "database_url": database_url,
        "telegram_token": None,
        "slack_bot_token": slack.bot_token if slack else None,
        # a deployment's Slack settings hold a transport's secret too (bot.config)
        "slack_signing_secret": slack.signing_secret if slack else "bench-signing-secret",
        "slack_api_url": slack.url if slack else "https://slack.com/api/",
        "slack_rate_global": 200.0,
        "slack_rate_per_channel": 20.0,
        "slack_send_timeout": 0.5,
        "outbox_retry_base_seconds": 0.05,
        "outbox_lease_seconds": 30.0,
        "log_level": "WARNING",
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


async def bind_slack(
    app: App,
    slack: FakeSlack,
    people: Sequence[Recipient],
    *,
    by_dm: bool = False,
    tz: str = "Asia/Jakarta",
    first: int = 1,
) -> list[str]:
    """Bind each person to a Slack user of the fake (addressed by user id, or by their DM
    channel with ``by_dm``); return the users' DM channels, in order."""
    now = datetime.now(UTC)
    dms = []
    rows = []
    for offset, person in enumerate(people):
        user = slack.add_user(slack_user(first + offset), f"Pegawai {offset}", tz=tz)
        dms.append(user.dm)
        rows.append({"channel": "slack", "external_id": user.id, "employee_id": person.employee_id,
                     "address": user.dm if by_dm else user.id, "bound_at": now})  # fmt: skip
    if rows:
        async with app.engine.begin() as connection:
            await connection.execute(insert(AccountRow), rows)
    return dms


async def slack_people(
    app: App, slack: FakeSlack, count: int, *, by_dm: bool = False
) -> tuple[list[Recipient], list[str]]:
    """``count`` people bound only on Slack; their DM channels."""
    people = await load_people(app, count, unbound=count)
    return people, await bind_slack(app, slack, people, by_dm=by_dm)


async def set_last_channel(app: App, employee_ids: Sequence[int], channel: str) -> None:
    async with app.engine.begin() as connection:
        await connection.execute(
            update(EmployeeRow).where(EmployeeRow.id.in_(employee_ids)).values(last_channel=channel)
        )


async def zones(app: App) -> dict[int, str]:
    async with app.engine.connect() as connection:
        return dict(
            (await connection.execute(select(EmployeeRow.id, EmployeeRow.zona_waktu))).all()
        )


async def start_slack_sender(
    app: App, worker: str | None = None, *, rate: float | None = None
) -> OutboxSender:
    """A Slack outbox sender; ``rate``: its overall pace instead of the settings' (a slow
    sender claims small batches)."""
    channel = await SlackPlugin().open(app)
    if rate is not None:
        channel.limits = Limits(rate, channel.limits.per_chat, channel.limits.text)
    return OutboxSender(app, channel, pacer_for(channel), worker)
