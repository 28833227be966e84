"""Who a Slack user is to the bot, remembered for the users seen lately: their DM with the
bot (``conversations.open``) and, when the admin allows binding by e-mail, the work e-mail
their Slack profile shows (``users.info``; Slack vouches for it)."""

from __future__ import annotations

import logging
from collections import OrderedDict

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

log = logging.getLogger(__name__)

REMEMBERED = 10_000  # users whose DM and e-mail are kept in memory


class Remembered(OrderedDict[str, str | None]):
    """A bounded map of the users seen lately; the oldest is forgotten first."""

    def keep(self, user: str, value: str | None) -> str | None:
        self[user] = value
        if len(self) > REMEMBERED:
            self.popitem(last=False)
        return value


class SlackPeople:
    def __init__(self, client: AsyncWebClient, *, bind_by_email: bool) -> None:
        self.client = client
        self.bind_by_email = bind_by_email
        self.dms = Remembered()
        self.emails = Remembered()

    async def dm_of(self, user: str) -> str:
        """The person's DM with the bot."""
        found = self.dms.get(user)
        if found is None:
            opened = await self.client.conversations_open(users=user)
            found = self.dms.keep(user, str(opened["channel"]["id"]))
        assert found is not None
        return found

    async def email_of(self, user: str) -> str | None:
        """The profile e-mail Slack vouches for, when binding by e-mail is allowed."""
        if not self.bind_by_email:
            return None
        if user in self.emails:
            return self.emails[user]
        try:
            info = await self.client.users_info(user=user)
        except SlackApiError as error:
            log.info("users.info failed (%s): no e-mail binding", error.response.get("error"))
            return None
        profile = (info.get("user") or {}).get("profile") or {}
        return self.emails.keep(user, profile.get("email"))
