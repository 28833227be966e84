"""What Slack knows about a person that the organisation file may not: their time zone.

Slack's ``users.info`` gives each user's ``tz`` (an IANA name). Where the file left
``zona_waktu`` empty, the person's zone becomes Slack's (Asia/Jakarta → WIB, Asia/Makassar →
WITA, Asia/Jayapura → WIT; any other zone leaves it as it is: see
:mod:`handlers.person_channels`). Called when a Slack account is bound, and for every bound
Slack account by ``idp-bot slack zones`` (at ``users.info``'s tier, 100 calls a minute).
"""

from __future__ import annotations

import logging

from slack_sdk.web.async_client import AsyncWebClient

from bot.app import App
from bot.channels import slack_errors
from bot.channels.registry import Failure
from bot.channels.slack_sender import CHANNEL, TIERS
from bot.pacing import Pacer
from handlers.delivery import Outcome
from handlers.person_channels import adopt_platform_zone

log = logging.getLogger(__name__)
METHOD = "users.info"


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


async def learn_zones(app: App, client: AsyncWebClient, pacer: Pacer | None = None) -> int:
    """:func:`learn_zone` for everyone bound on Slack whose zone the file did not give, paced
    at ``users.info``'s tier; how many zones changed. A person Slack no longer knows is
    skipped; a 429 waits its Retry-After."""
    pacer = pacer or Pacer(TIERS[METHOD] / 60, TIERS[METHOD] / 60)
    async with app.uow() as uow:
        people = await uow.accounts.without_org_zone(CHANNEL)
    changed = 0
    for employee_id, user_id in people:
        while True:
            await pacer.turn(METHOD)
            try:
                changed += await learn_zone(app, client, employee_id, user_id)
            except slack_errors.ERRORS as error:
                failure: Failure = slack_errors.failure(error)
                if failure.outcome is Outcome.RATE_LIMITED:
                    pacer.pause(failure.retry_after)
                    continue
                log.info("no Slack time zone for employee %d (%s)", employee_id, failure.reason)
            break
    return changed
