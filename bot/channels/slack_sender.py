"""Slack's sender for the outbox (see :mod:`bot.channels.registry`): mrkdwn sections split at
Slack's limits, the buttons as Block Kit actions under the last message, files through
Slack's upload API (the messages as :mod:`bot.channels.slack_blocks` makes every reply),
edits in place with ``chat.update``, and Slack's errors mapped by
:mod:`bot.channels.slack_errors`.

A person's address is their DM channel (``D…``) or their user id (``U…``/``W…``): Slack
opens the app's DM with a user when a message is posted to the user id, and answers with the
DM's channel id, which is remembered (a file needs that channel; ``conversations.open`` finds
it when no message came first). ``chat.postMessage`` is paced by the outbox sender at
``IDP_SLACK_RATE_GLOBAL`` overall and ``IDP_SLACK_RATE_PER_CHANNEL`` per DM; the other methods
at their Web API tier (:data:`bot.channels.slack_limits.TIERS`, calls per minute). While
it sends, it takes the Slack time zone of each person newly bound on Slack whose
organisation data gave none (:mod:`bot.channels.slack_profile`).
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

import aiohttp
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.app import App
from bot.attachments import content
from bot.channels import slack_errors
from bot.channels.registry import Failure, Limits, Part, register
from bot.channels.slack_blocks import SlackMessage, controls, slack_messages
from bot.channels.slack_limits import MethodPacer
from bot.channels.slack_profile import keep_zones
from bot.config import Settings
from handlers.effects import Msg, Reply
from handlers.outbox import OutboxItem
from messages import markup

CHANNEL = "slack"
DM_PREFIXES = ("D", "C", "G")  # a conversation id; ``U``/``W``: a user's id
DM_MEMORY = 50_000  # user → DM channel ids remembered


def slack_client(settings: Settings) -> AsyncWebClient:
    """A client on one pooled HTTP session (the SDK opens a session per call otherwise), no
    retries of its own: the outbox retries, and knows what a retry may duplicate."""
    assert settings.slack_bot_token is not None
    session = aiohttp.ClientSession(
        timeout=aiohttp.ClientTimeout(total=settings.slack_send_timeout),
        connector=aiohttp.TCPConnector(limit=settings.slack_connections),
    )
    return AsyncWebClient(
        token=settings.slack_bot_token.get_secret_value(),
        base_url=settings.slack_api_url,
        session=session,
        retry_handlers=[],
    )


class SlackChannel:
    name = CHANNEL
    errors: tuple[type[Exception], ...] = slack_errors.ERRORS
    mailbox = False

    def __init__(self, client: AsyncWebClient, settings: Settings) -> None:
        self.client = client
        self.limits = Limits(settings.slack_rate_global, settings.slack_rate_per_channel, None)
        self.methods = MethodPacer()
        self._dms: dict[str, str] = {}
        self._calls = asyncio.Semaphore(settings.slack_connections)
        self._locale = settings.default_locale

    def parts(self, item: OutboxItem) -> Sequence[Part]:
        reply = Reply(Msg(item.template, item.context), item.locale, item.buttons)
        parts = [Part(message.text, message) for message in slack_messages(reply)]
        if item.attachment is not None:  # the file as a message of its own, after the text
            content(item.attachment)  # a file without its bytes is a broken row, not a retry
            parts.append(Part("", attachment=item.attachment))
        return parts

    def text(self, rendered: str) -> str:
        """A text in the neutral markup as mrkdwn (a progress line, an edit)."""
        return markup.to_slack(markup.parse(rendered), controls(self._locale))

    async def send(self, address: str | None, part: Part) -> str:
        assert address is not None
        if part.attachment is not None:
            channel = await self.dm(address)
            for method in ("files.getUploadURLExternal", "files.completeUploadExternal"):
                await self._paced(method)  # the two Web API calls of one upload
            async with self._calls:
                await self.client.files_upload_v2(
                    channel=channel, content=content(part.attachment),
                    filename=part.attachment.name, title=part.attachment.name,
                )  # fmt: skip
            return f"{channel}:file"
        message: SlackMessage | None = part.markup
        async with self._calls:
            answer = await self.client.chat_postMessage(
                channel=address, text=part.text,
                blocks=(message.blocks or None) if message is not None else None,
                unfurl_links=False, unfurl_media=False,
            )  # fmt: skip
        channel = str(answer.get("channel") or address)
        self._remember(address, channel)
        return f"{channel}:{answer.get('ts')}"

    async def edit(self, ref: str, text: str) -> bool:
        channel, _, ts = ref.partition(":")
        if not ts or ts == "file":
            return False
        await self._paced("chat.update")
        try:
            async with self._calls:
                await self.client.chat_update(channel=channel, ts=ts, text=text, blocks=[])
        except SlackApiError as error:
            if slack_errors.error_code(error) in ("message_not_found", "cant_update_message"):
                return False
            raise
        return True

    async def dm(self, address: str) -> str:
        """The DM channel of ``address`` (a user id is opened once, then remembered)."""
        if address.startswith(DM_PREFIXES):
            return address
        known = self._dms.get(address)
        if known is None:
            await self._paced("conversations.open")
            async with self._calls:
                answer = await self.client.conversations_open(users=address)
            known = str(answer["channel"]["id"])
            self._remember(address, known)
        return known

    async def _paced(self, method: str) -> None:
        await self.methods.turn(method)

    def _remember(self, address: str, channel: str) -> None:
        if address == channel:
            return
        if len(self._dms) >= DM_MEMORY:
            self._dms.clear()
        self._dms[address] = channel

    def failure(self, error: Exception) -> Failure:
        return slack_errors.failure(error)

    async def upkeep(self, app: App, stop: asyncio.Event) -> None:
        await keep_zones(app, self.client, CHANNEL, self.methods, stop)

    async def close(self) -> None:
        if self.client.session is not None:
            await self.client.session.close()


class SlackPlugin:
    name = CHANNEL

    def configured(self, settings: Settings) -> bool:
        return settings.slack_bot_token is not None

    async def open(self, app: App) -> SlackChannel:
        return SlackChannel(slack_client(app.settings), app.settings)


register(SlackPlugin())
