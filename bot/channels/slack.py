"""Slack channel (Bolt's AsyncApp): events, button presses, modals and slash commands in,
the core's replies out as Block Kit — over Socket Mode (``IDP_SLACK_APP_TOKEN``) or HTTP
Events (signed with ``IDP_SLACK_SIGNING_SECRET``).

Bolt receives and verifies (signature, timestamp); each listener records what came
(:mod:`bot.channels.slack_intake`) and only then acknowledges — well within Slack's three
seconds — and the intake hands it to :meth:`SlackChannel.handle`, one person's deliveries in
order. Two buttons stay in the channel because they open a modal, which needs the
``trigger_id`` at once: "write the answer" and "enter the invite code"; what is typed in the
modal comes back as a submission, recorded and handled as a typed message.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request
from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler
from slack_bolt.async_app import AsyncApp
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.async_handler import AsyncRetryHandler
from slack_sdk.http_retry.builtin_async_handlers import AsyncRateLimitErrorRetryHandler
from slack_sdk.web.async_client import AsyncWebClient

import messages
from bot.app import App
from bot.channels import slack_blocks as blocks
from bot.channels.slack_files import SlackFiles
from bot.channels.slack_intake import ACTION, CHANNEL, COMMAND, EVENT, VIEW, Kept, received
from bot.channels.slack_intake import person_message as is_person_message
from bot.channels.slack_people import SlackPeople
from bot.channels.slack_replies import send_reply
from bot.intake import STOP_GRACE, Intake
from bot.patience import FAULTS, patiently
from handlers.conversation import hint_locale
from handlers.effects import Incoming, Msg, Reply
from handlers.forms.labels import shorten
from storage.intake import Recorded

log = logging.getLogger(__name__)

EVENTS_PATH = "/slack/events"
ACK_PATIENCE = 2.0  # seconds a delivery waits for a busy database before it is not acked
MAX_BODY = 512 * 1024  # bytes of one HTTP delivery
Ack = Callable[..., Awaitable[None]]


class NotRecorded(Exception):
    """A delivery the database did not take in time: it is not acknowledged."""


class SlackChannel:
    """The Slack side of one process: the Web API client, Bolt's app, the intake."""

    def __init__(self, app: App, *, siblings: bool = False) -> None:
        settings = app.settings
        assert settings.slack_bot_token is not None
        self.app = app
        token = settings.slack_bot_token.get_secret_value()
        retries: list[AsyncRetryHandler] = [AsyncRateLimitErrorRetryHandler(max_retry_count=3)]
        self.client = AsyncWebClient(
            token=token, base_url=settings.slack_api_url, retry_handlers=retries
        )
        secret = settings.slack_signing_secret
        self.bolt = AsyncApp(
            client=self.client,
            signing_secret=secret.get_secret_value() if secret else "",
            request_verification_enabled=secret is not None,
            # the listener runs before the answer goes back: a delivery is acknowledged only
            # once recorded (all a listener does; the handling comes after, from the record)
            process_before_response=True,
            logger=logging.getLogger("slack_bolt"),
        )
        self.intake = Intake(app, self.handle, siblings=siblings, channel=CHANNEL)
        self.people = SlackPeople(self.client, bind_by_email=settings.slack_bind_by_email)
        app.conversation.take_files(CHANNEL, SlackFiles(token))
        self._listen()

    # --- receiving: record, then ack ---

    def _listen(self) -> None:
        bolt = self.bolt
        bolt.error(self.on_error)
        bolt.event("message")(self.on_message)
        bolt.event("app_home_opened")(self.on_event)
        bolt.event("file_shared")(self.ignore)  # the message carrying the file is taken
        bolt.action(re.compile(rf"^{blocks.PRESS}:"))(self.on_action)
        bolt.action(blocks.WRITE)(self.on_write)
        bolt.action(blocks.CODE)(self.on_code)
        bolt.view(re.compile(rf"^({blocks.ANSWER_VIEW}|{blocks.CODE_VIEW})$"))(self.on_view)
        bolt.command(re.compile(r"^/\w+$"))(self.on_command)

    async def keep(self, kind: str, raw_key: str, user: str, body: dict[str, Any],
                   ack: Ack) -> None:  # fmt: skip
        """Record the delivery, then acknowledge it; a database that stays busy past
        :data:`ACK_PATIENCE` leaves it unacknowledged (a 500, no Socket Mode ack), and
        Slack delivers it again."""
        try:
            await self.intake.record([received(kind, raw_key, user, body)],
                                     give_up_after=ACK_PATIENCE)  # fmt: skip
        except FAULTS as error:
            raise NotRecorded(f"Slack {kind} not recorded ({type(error).__name__})") from error
        await ack()

    async def on_error(self, error: Exception) -> None:
        """Bolt answers 500 (and Socket Mode sends no ack): Slack delivers it again."""
        if isinstance(error, NotRecorded):
            log.warning("%s: not acknowledged, Slack sends it again", error)
        else:
            log.error("a Slack delivery failed before it was recorded", exc_info=error)

    async def on_message(self, body: dict[str, Any], event: dict[str, Any], ack: Ack) -> None:
        if not is_person_message(event):
            await ack()
            return
        await self.keep(EVENT, f"ev:{body['event_id']}", event["user"], body, ack)

    async def on_event(self, body: dict[str, Any], event: dict[str, Any], ack: Ack) -> None:
        await self.keep(EVENT, f"ev:{body['event_id']}", event["user"], body, ack)

    async def ignore(self, ack: Ack) -> None:
        await ack()

    async def on_action(self, body: dict[str, Any], action: dict[str, Any], ack: Ack) -> None:
        user = body["user"]["id"]
        await self.keep(ACTION, f"act:{user}:{action.get('action_ts', '')}", user, body, ack)

    async def on_view(self, body: dict[str, Any], view: dict[str, Any], ack: Ack) -> None:
        """A modal sent: an answer the core refuses is shown in the modal, which stays
        open (``response_action: errors``); else it is recorded, and the modal closes."""
        user = body["user"]["id"]
        if view.get("callback_id") == blocks.ANSWER_VIEW:
            problem = await self.problem_with(user, blocks.submitted_text(view))
            if problem is not None:
                await ack(response_action="errors", errors={blocks.ANSWER_INPUT: problem})
                return
        await self.keep(VIEW, f"view:{view['id']}", user, body, ack)

    async def problem_with(self, user: str, text: str) -> str | None:
        """The core's objection to ``text`` as the current answer, as plain text; None when
        it has none — or the database is too busy to ask now (the answer is then checked
        when it is handled, and asked again in the DM)."""
        probe = Incoming(CHANNEL, user, text=text)
        try:
            found = await asyncio.wait_for(
                self.app.conversation.problem_with_typed(probe), ACK_PATIENCE
            )
        except (*FAULTS, TimeoutError) as error:
            log.info("answer not checked in the modal (%s)", type(error).__name__)
            return None
        if found is None:
            return None
        text = messages.render(found.text.template, found.locale, found.text.context)
        return shorten(messages.to_plain_text(text), blocks.INPUT_LABEL)

    async def on_command(self, body: dict[str, Any], ack: Ack) -> None:
        await self.keep(COMMAND, f"cmd:{body['trigger_id']}", body["user_id"], body, ack)

    async def on_write(self, body: dict[str, Any], action: dict[str, Any], ack: Ack) -> None:
        """Open the modal for a typed answer (the trigger lasts three seconds: at once)."""
        await ack()
        await self.client.views_open(trigger_id=body["trigger_id"],
                                     view=blocks.answer_modal(str(action["value"])))  # fmt: skip

    async def on_code(self, body: dict[str, Any], action: dict[str, Any], ack: Ack) -> None:
        await ack()
        await self.client.views_open(
            trigger_id=body["trigger_id"], view=blocks.code_modal(str(action.get("value") or "id"))
        )

    # --- handling what was recorded ---

    async def handle(self, row: Recorded) -> None:
        """Handle one recorded delivery: the App Home opened, or a person's turn."""
        kept = Kept.of(row)
        if kept.event_type == "app_home_opened":
            await self.publish_home(kept.user)
            return
        chat = kept.channel or await self.people.dm_of(kept.user)
        incoming = kept.incoming(chat, await self.people.email_of(kept.user))
        try:
            replies = await patiently(lambda: self.app.conversation.handle(incoming),
                                      "handling a Slack delivery")  # fmt: skip
        except Exception:
            await self.say(chat, "menu/internal_error", incoming)
            raise
        try:
            for reply in replies:
                await send_reply(self.client, chat, reply, kept.pressed)
        except SlackApiError:
            await self.say(chat, "menu/reply_lost", incoming)
            raise
        if kept.kind == VIEW and kept.body["view"].get("callback_id") == blocks.CODE_VIEW:
            await self.publish_home(kept.user)  # bound from the App Home: show it as such

    async def say(self, chat: str, template: str, incoming: Incoming) -> None:
        """Tell the person their delivery failed (best effort: Slack may be what failed)."""
        reply = Reply(Msg(template), hint_locale(incoming))
        try:
            await send_reply(self.client, chat, reply)
        except SlackApiError as error:
            log.warning("could not tell a Slack user (%s)", error.response.get("error"))

    async def publish_home(self, user: str) -> None:
        probe = Incoming(CHANNEL, user)
        home = await patiently(lambda: self.app.conversation.home(probe), "reading a home")
        bound = bool(home.buttons)  # a bound person's home always carries their menu
        await self.client.views_publish(user_id=user, view=blocks.home_view(home, bound))

    # --- transports ---

    def web_app(self) -> web.Application:
        """The HTTP Events receiver: Bolt verifies the signature and the timestamp."""

        async def events(request: web.Request) -> web.Response:
            if request.content_length is not None and request.content_length > MAX_BODY:
                return web.Response(status=413)
            response = await self.bolt.async_dispatch(await to_bolt_request(request))
            return await to_aiohttp_response(response)

        async def healthy(_: web.Request) -> web.Response:
            return web.Response(text="ok")

        application = web.Application(client_max_size=MAX_BODY)
        application.router.add_post(EVENTS_PATH, events)
        application.router.add_get("/healthz", healthy)
        return application


async def serve(
    app: App, stop: asyncio.Event, ready: asyncio.Event | None = None, *,
    sole_receiver: bool = True, channel: SlackChannel | None = None,
) -> None:  # fmt: skip
    """Run the Slack channel until ``stop``: Socket Mode when an app token is set, else the
    HTTP Events receiver on ``IDP_SLACK_LISTEN``:``IDP_SLACK_PORT``. What was recorded and
    not handled is taken up first (see :func:`bot.channels.telegram.serve`). ``channel``:
    one made by the caller (a test waits on its intake)."""
    settings = app.settings
    channel = channel or SlackChannel(app, siblings=not sole_receiver)
    await channel.intake.recover(every_claim=sole_receiver)
    sweeper = asyncio.create_task(channel.intake.sweep(stop))
    socket: AsyncSocketModeHandler | None = None
    runner: web.AppRunner | None = None
    if settings.slack_app_token is not None:
        socket = AsyncSocketModeHandler(channel.bolt, settings.slack_app_token.get_secret_value(),
                                        web_client=channel.client)  # fmt: skip
        await socket.connect_async()  # type: ignore[no-untyped-call]
        log.info("Slack: Socket Mode")
    else:
        runner = web.AppRunner(channel.web_app())
        await runner.setup()
        await web.TCPSite(runner, settings.slack_listen, settings.slack_port).start()
        log.info("Slack: HTTP Events on port %s%s", settings.slack_port, EVENTS_PATH)
    if ready is not None:
        ready.set()
    grace = STOP_GRACE
    try:
        await stop.wait()
    except asyncio.CancelledError:
        grace = 0.0
        raise
    finally:
        if socket is not None:
            await socket.close_async()  # type: ignore[no-untyped-call]
        if runner is not None:
            await runner.cleanup()
        sweeper.cancel()
        await channel.intake.close(grace)
        await asyncio.gather(sweeper, return_exceptions=True)
