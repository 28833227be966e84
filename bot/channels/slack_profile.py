"""What Slack knows about a person that the organisation file may not: their time zone.

Slack's ``users.info`` gives each user's ``tz`` (an IANA name). Where the file left
``zona_waktu`` empty, the person's zone becomes Slack's (Asia/Jakarta → WIB, Asia/Makassar →
WITA, Asia/Jayapura → WIT; any other zone leaves it as it is: see
:mod:`handlers.person_channels`). The Slack sender looks up each person bound on Slack since
its last look, every :data:`ZONE_EVERY` seconds while it runs (:func:`keep_zones`);
``idp-bot slack zones`` looks up everyone bound (after an upgrade, or a first Slack
deployment). Both at ``users.info``'s tier.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import datetime, timedelta

from slack_sdk.web.async_client import AsyncWebClient

from bot.app import App
from bot.channels import slack_errors
from bot.channels.slack_limits import MethodPacer
from bot.patience import keep_going
from handlers.delivery import Outcome
from handlers.person_channels import adopt_platform_zone

log = logging.getLogger(__name__)
METHOD = "users.info"
ZONE_EVERY = 60.0  # seconds between looks for people newly bound on Slack
LOOK_BACK = timedelta(days=1)  # at start: the bindings of the last day (the CLI does the rest)
# a binding's time is taken before its transaction commits: each look reaches this far back
# before the last one (a person already asked is not asked again)
OVERLAP = timedelta(minutes=5)


async def slack_zone(client: AsyncWebClient, user_id: str) -> str | None:
    """The user's time zone on Slack (an IANA name), None when Slack gives none."""
    answer = await client.users_info(user=user_id)
    user = answer.get("user") or {}
    tz = user.get("tz") if isinstance(user, dict) else None
    return str(tz) if tz else None


async def learn_zone(app: App, client: AsyncWebClient, employee_id: int, user_id: str) -> bool:
    """Take the person's Slack time zone when the organisation file gave none; whether
    their zone changed."""
    tz = await slack_zone(client, user_id)
    async with app.uow() as uow:
        changed = await adopt_platform_zone(uow, employee_id, tz)
        await uow.commit()
    return changed


async def learn_zones(
    app: App,
    client: AsyncWebClient,
    channel: str,
    methods: MethodPacer | None = None,
    bound_since: datetime | None = None,
    asked: set[int] | None = None,
) -> int:
    """:func:`learn_zone` for the people bound on ``channel`` (since ``bound_since``) whose
    zone the file did not give, at ``users.info``'s tier; how many zones changed. A person
    Slack no longer knows is skipped; a 429 waits its Retry-After. ``asked``: employee ids
    not to ask about (those asked are added)."""
    methods = methods or MethodPacer()
    async with app.uow() as uow:
        people = await uow.accounts.without_org_zone(channel, bound_since)
    changed = 0
    asked = set() if asked is None else asked
    for employee_id, user_id in people:
        if employee_id in asked:
            continue
        asked.add(employee_id)
        while True:
            await methods.turn(METHOD)
            try:
                changed += await learn_zone(app, client, employee_id, user_id)
            except slack_errors.ERRORS as error:
                failure = slack_errors.failure(error)
                if failure.outcome is Outcome.RATE_LIMITED:
                    methods.pause(METHOD, failure.retry_after)
                    continue
                log.info("no Slack time zone for employee %d (%s)", employee_id, failure.reason)
            break
    return changed


async def keep_zones(
    app: App,
    client: AsyncWebClient,
    channel: str,
    methods: MethodPacer,
    stop: asyncio.Event,
    every: float = ZONE_EVERY,
) -> None:
    """Until ``stop``: every ``every`` seconds, the zones of the people bound since the last
    look (a binding is seen once; Slack's answers never stop the sender)."""
    since = app.clock.now() - LOOK_BACK
    asked: dict[int, datetime] = {}  # employee id → when, for the looks that overlap

    async def look() -> None:
        nonlocal since
        now = app.clock.now()
        done = set(asked)
        await learn_zones(app, client, channel, methods, since, done)
        asked.update({employee_id: now for employee_id in done - set(asked)})
        for employee_id, at in list(asked.items()):
            if at < now - 2 * OVERLAP:
                del asked[employee_id]
        since = now - OVERLAP
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), every)

    await keep_going(look, "learning Slack time zones", stop)
