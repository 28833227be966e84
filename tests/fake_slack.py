"""A fake Slack: the Web API, Socket Mode, and signed Events API / interactivity deliveries.

A real HTTP server (aiohttp) on 127.0.0.1 that answers the Web API methods the bot uses the
way Slack does — ``{"ok": true, …}`` or ``{"ok": false, "error": "…"}`` with HTTP 200 — from
form, JSON or query parameters, checking the bearer token. Every call is recorded
(:attr:`FakeSlack.calls`); any method's answer can be replaced (:meth:`FakeSlack.override`,
for rate limits and error injection). What the bot posts lands in per-channel histories
(:meth:`FakeSlack.messages_in`), ``chat.update`` edits them in place, views are kept
(:attr:`FakeSlack.views`, :attr:`FakeSlack.home`), uploads are stored (:attr:`FakeSlack.uploads`).

``apps.connections.open`` hands out a websocket on this server that plays Socket Mode:
:meth:`FakeSlack.push` sends an envelope and waits for the bot's ack (:attr:`acks`).

For the HTTP transport, :meth:`FakeSlack.deliver` posts an event or an interaction to the
bot's endpoint with Slack's v0 HMAC signature (``X-Slack-Signature``,
``X-Slack-Request-Timestamp``), or a forged or stale one, and retries as Slack does
(``X-Slack-Retry-Num``, ``X-Slack-Retry-Reason``). The builders (:meth:`message`,
:meth:`block_actions`, :meth:`view_submission`, :meth:`app_home_opened`) make the payloads
a person's client would cause.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import inspect
import itertools
import json
import time
import urllib.parse
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import ClientSession, WSMsgType, web

from tests.fake_slack_limits import Fault, SlackLimits

Params = dict[str, Any]
Handler = Callable[[Params], "Params | web.Response | Awaitable[Params | web.Response]"]

TEAM_ID = "T0IDP"
BOT_USER_ID = "U0BOT"
BOT_ID = "B0BOT"
API_APP_ID = "A0IDP"


def signature(secret: str, timestamp: str, body: str) -> str:
    """Slack's request signature: ``v0=`` + HMAC-SHA256 of ``v0:{timestamp}:{body}``."""
    base = f"v0:{timestamp}:{body}".encode()
    return "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class Call:
    """One Web API call as the server received it."""

    method: str
    params: Params
    token: str | None
    at: float


@dataclass
class Posted:
    """A message the bot posted (``chat.postMessage``), as edited since (``chat.update``)."""

    channel: str
    ts: str
    text: str
    blocks: list[dict[str, Any]]
    edits: int = 0

    @property
    def buttons(self) -> list[dict[str, Any]]:
        """Every button of the message's ``actions`` blocks (text, action_id, value)."""
        return [
            {"text": e["text"]["text"], "action_id": e["action_id"], "value": e.get("value", "")}
            for block in self.blocks
            if block.get("type") == "actions"
            for e in block.get("elements", [])
            if e.get("type") == "button"
        ]

    @property
    def shown(self) -> str:
        """What a person reads: the text of the sections (or the fallback text)."""
        sections = [
            b["text"]["text"] for b in self.blocks if b.get("type") == "section" and "text" in b
        ]
        return "\n".join(sections) if sections else self.text


@dataclass(frozen=True)
class Upload:
    """A file the bot uploaded through the external-upload flow."""

    file_id: str
    filename: str
    content: bytes
    channel: str | None = None
    title: str | None = None


@dataclass
class SlackUser:
    id: str
    name: str
    email: str | None = None
    tz: str = "Asia/Jakarta"
    locale: str = "id-ID"
    deleted: bool = False

    @property
    def dm(self) -> str:
        """The bot's direct-message channel with this user."""
        return "D" + self.id[1:]

    def as_json(self) -> dict[str, Any]:
        profile: dict[str, Any] = {"real_name": self.name, "display_name": self.name}
        if self.email is not None:
            profile["email"] = self.email
        return {
            "id": self.id, "team_id": TEAM_ID, "name": self.name.lower(), "real_name": self.name,
            "deleted": self.deleted, "tz": self.tz, "tz_offset": 25200, "locale": self.locale,
            "is_bot": False, "profile": profile,
        }  # fmt: skip


@dataclass
class FakeSlack:
    bot_token: str = "xoxb-0000-fake-bot-token"
    app_token: str = "xapp-1-fake-app-token"
    signing_secret: str = "fake-signing-secret-0123456789abcdef"
    host: str = "127.0.0.1"
    port: int = 0
    calls: list[Call] = field(default_factory=list)
    users: dict[str, SlackUser] = field(default_factory=dict)
    history: dict[str, list[Posted]] = field(default_factory=dict)
    views: dict[str, dict[str, Any]] = field(default_factory=dict)
    opened: list[str] = field(default_factory=list)  # view ids views.open made, in order
    home: dict[str, dict[str, Any]] = field(default_factory=dict)  # user id → published view
    uploads: dict[str, Upload] = field(default_factory=dict)
    user_files: dict[str, tuple[dict[str, Any], bytes]] = field(default_factory=dict)
    acks: list[dict[str, Any]] = field(default_factory=list)  # Socket Mode acks, in order
    overrides: dict[str, Handler] = field(default_factory=dict)
    limits: SlackLimits = field(default_factory=SlackLimits)  # rates and faults (opt-in)

    def __post_init__(self) -> None:
        self._ids = itertools.count(1)
        self._ts = itertools.count(1)
        self._runner: web.AppRunner | None = None
        self._sockets: list[web.WebSocketResponse] = []
        self._ack_waiters: dict[str, asyncio.Future[dict[str, Any]]] = {}
        self._changed = asyncio.Condition()
        self._pending_uploads: dict[str, Upload] = {}

    # --- server ---

    async def start(self) -> FakeSlack:
        application = web.Application(client_max_size=64 * 1024 * 1024)
        application.router.add_route("*", "/api/{method}", self._api)
        application.router.add_post("/upload/{file_id}", self._upload)
        application.router.add_get("/files/{file_id}", self._download)
        application.router.add_get("/socket", self._socket)
        self._runner = web.AppRunner(application)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, self.port)
        await site.start()
        self.port = self._runner.addresses[0][1]
        return self

    async def stop(self) -> None:
        for socket in list(self._sockets):
            await socket.close()
        if self._runner is not None:
            await self._runner.cleanup()

    @property
    def base(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def url(self) -> str:
        """The Web API base URL (``IDP_SLACK_API_URL``), with its trailing slash."""
        return f"{self.base}/api/"

    # --- hooks ---

    def override(self, method: str, handler: Handler | None) -> None:
        """Answer ``method`` with ``handler(params)`` (a dict is sent as JSON, a
        ``web.Response`` as it is: a 429 with Retry-After, a 500…); None restores ours."""
        if handler is None:
            self.overrides.pop(method, None)
        else:
            self.overrides[method] = handler

    def calls_to(self, method: str) -> list[Call]:
        return [call for call in self.calls if call.method == method]

    def add_user(self, user_id: str, name: str, email: str | None = None,
                 tz: str = "Asia/Jakarta", locale: str = "id-ID") -> SlackUser:  # fmt: skip
        user = SlackUser(user_id, name, email, tz, locale)
        self.users[user_id] = user
        return user

    def messages_in(self, channel: str) -> list[Posted]:
        return list(self.history.get(channel, []))

    def add_user_file(self, user: SlackUser, name: str, content: bytes,
                      mimetype: str = "application/pdf") -> dict[str, Any]:  # fmt: skip
        """A file the user shared: its object as events carry it, its bytes behind
        ``url_private_download`` (served only with the bot token)."""
        file_id = f"F{next(self._ids):06d}"
        info = {
            "id": file_id, "name": name, "title": name, "mimetype": mimetype,
            "filetype": name.rsplit(".", 1)[-1], "size": len(content), "user": user.id,
            "url_private": f"{self.base}/files/{file_id}",
            "url_private_download": f"{self.base}/files/{file_id}",
        }  # fmt: skip
        self.user_files[file_id] = (info, content)
        return info

    async def wait_for(self, channel: str, count: int, timeout: float = 10.0) -> list[Posted]:
        """Wait until ``channel`` holds ``count`` messages; return them all."""

        async def enough() -> None:
            async with self._changed:
                await self._changed.wait_for(lambda: len(self.history.get(channel, [])) >= count)

        try:
            await asyncio.wait_for(enough(), timeout)
        except TimeoutError:
            got = [p.shown for p in self.history.get(channel, [])]
            raise AssertionError(f"{channel}: wanted {count} messages, got {got}") from None
        return self.messages_in(channel)

    async def wait_until(self, check: Callable[[], bool], timeout: float = 10.0) -> None:
        async def satisfied() -> None:
            async with self._changed:
                await self._changed.wait_for(check)

        await asyncio.wait_for(satisfied(), timeout)

    async def _touch(self) -> None:
        async with self._changed:
            self._changed.notify_all()

    # --- the Web API ---

    async def _api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        params: Params = dict(request.query)
        if request.body_exists:
            raw = await request.read()
            if request.content_type == "application/json":
                params.update(json.loads(raw or b"{}"))
            else:
                params.update(dict(urllib.parse.parse_qsl(raw.decode())))
        token = request.headers.get("Authorization", "").removeprefix("Bearer ") or params.get(
            "token"
        )
        self.calls.append(Call(method, params, token, time.monotonic()))
        limited = self.limits.check(method, params)
        if isinstance(limited, Fault):
            await asyncio.sleep(limited.delay)
            limited = limited.answer()
        override = self.overrides.get(method)
        if limited is not None:
            answer = limited
        elif override is not None:
            answer = override(params)
            if inspect.isawaitable(answer):
                answer = await answer
        else:
            expected = self.app_token if method == "apps.connections.open" else self.bot_token
            if token != expected:
                answer = {"ok": False, "error": "invalid_auth"}
            else:
                found = getattr(self, "_" + method.replace(".", "_"), None)
                answer = found(params) if found else {"ok": False, "error": "unknown_method"}
        await self._touch()
        if isinstance(answer, web.Response):
            return answer
        return web.json_response(answer)

    def _auth_test(self, _: Params) -> Params:
        return {"ok": True, "url": "https://idp.slack.com/", "team": "IDP", "user": "idp",
                "team_id": TEAM_ID, "user_id": BOT_USER_ID, "bot_id": BOT_ID}  # fmt: skip

    def _channel_of(self, value: str) -> str | None:
        if value.startswith("U"):
            user = self.users.get(value)
            return user.dm if user else None
        if value.startswith(("D", "C", "G")):
            return value
        return None

    def _chat_postMessage(self, params: Params) -> Params:
        channel = self._channel_of(str(params.get("channel", "")))
        if channel is None:
            return {"ok": False, "error": "channel_not_found"}
        text, blocks = str(params.get("text", "")), _blocks(params)
        if not text and not blocks:
            return {"ok": False, "error": "no_text"}
        if len(blocks) > 50:
            return {"ok": False, "error": "invalid_blocks"}
        ts = f"{int(time.time())}.{next(self._ts):06d}"
        self.history.setdefault(channel, []).append(Posted(channel, ts, text, blocks))
        message = {"text": text, "ts": ts, "blocks": blocks, "bot_id": BOT_ID}
        return {"ok": True, "channel": channel, "ts": ts, "message": message}

    def _chat_update(self, params: Params) -> Params:
        channel, ts = str(params.get("channel", "")), str(params.get("ts", ""))
        for posted in self.history.get(channel, []):
            if posted.ts == ts:
                posted.text = str(params.get("text", posted.text))
                posted.blocks = _blocks(params) if "blocks" in params else posted.blocks
                posted.edits += 1
                return {"ok": True, "channel": channel, "ts": ts, "text": posted.text}
        return {"ok": False, "error": "message_not_found"}

    def _conversations_open(self, params: Params) -> Params:
        user = self.users.get(str(params.get("users", "")).split(",")[0])
        if user is None:
            return {"ok": False, "error": "user_not_found"}
        return {"ok": True, "channel": {"id": user.dm, "is_im": True, "user": user.id}}

    def _users_info(self, params: Params) -> Params:
        user = self.users.get(str(params.get("user", "")))
        if user is None:
            return {"ok": False, "error": "user_not_found"}
        return {"ok": True, "user": user.as_json()}

    def _users_lookupByEmail(self, params: Params) -> Params:
        email = str(params.get("email", "")).lower()
        for user in self.users.values():
            if user.email is not None and user.email.lower() == email:
                return {"ok": True, "user": user.as_json()}
        return {"ok": False, "error": "users_not_found"}

    def _new_view(self, params: Params, **extra: Any) -> dict[str, Any]:
        view = params.get("view")
        view = json.loads(view) if isinstance(view, str) else dict(view or {})
        view_id = f"V{next(self._ids):06d}"
        view.update(id=view_id, hash=uuid.uuid4().hex[:10], team_id=TEAM_ID, **extra)
        self.views[view_id] = view
        return view

    def _views_open(self, params: Params) -> Params:
        if not params.get("trigger_id"):
            return {"ok": False, "error": "invalid_trigger_id"}
        view = self._new_view(params)
        self.opened.append(view["id"])
        return {"ok": True, "view": view}

    def _views_update(self, params: Params) -> Params:
        view_id = str(params.get("view_id", ""))
        if view_id not in self.views:
            return {"ok": False, "error": "not_found"}
        view = self._new_view(params)
        del self.views[view["id"]]
        view["id"] = view_id
        self.views[view_id] = view
        return {"ok": True, "view": view}

    def _views_publish(self, params: Params) -> Params:
        user_id = str(params.get("user_id", ""))
        if user_id not in self.users:
            return {"ok": False, "error": "user_not_found"}
        view = self._new_view(params)
        self.home[user_id] = view
        return {"ok": True, "view": view}

    def _files_getUploadURLExternal(self, params: Params) -> Params:
        file_id = f"F{next(self._ids):06d}"
        self._pending_uploads[file_id] = Upload(file_id, str(params.get("filename", "")), b"")
        return {"ok": True, "file_id": file_id, "upload_url": f"{self.base}/upload/{file_id}"}

    def _files_completeUploadExternal(self, params: Params) -> Params:
        files = params.get("files")
        files = json.loads(files) if isinstance(files, str) else files or []
        channel = params.get("channel_id") or params.get("channels")
        done = []
        for entry in files:
            pending = self._pending_uploads.pop(entry["id"], None)
            if pending is None:
                return {"ok": False, "error": "file_not_found"}
            upload = Upload(pending.file_id, pending.filename, pending.content,
                            str(channel) if channel else None, entry.get("title"))  # fmt: skip
            self.uploads[upload.file_id] = upload
            done.append({"id": upload.file_id, "name": upload.filename, "title": upload.title})
        return {"ok": True, "files": done}

    async def _upload(self, request: web.Request) -> web.Response:
        file_id = request.match_info["file_id"]
        pending = self._pending_uploads.get(file_id)
        if pending is None:
            return web.Response(status=404)
        content = await request.read()
        self._pending_uploads[file_id] = Upload(file_id, pending.filename, content)
        return web.Response(text=f"OK - {len(content)}")

    async def _download(self, request: web.Request) -> web.Response:
        if request.headers.get("Authorization") != f"Bearer {self.bot_token}":
            return web.Response(status=403)
        found = self.user_files.get(request.match_info["file_id"])
        if found is None:
            return web.Response(status=404)
        info, content = found
        return web.Response(body=content, content_type=info["mimetype"])

    def _apps_connections_open(self, _: Params) -> Params:
        return {"ok": True, "url": f"ws://{self.host}:{self.port}/socket"}

    # --- Socket Mode ---

    async def _socket(self, request: web.Request) -> web.WebSocketResponse:
        socket = web.WebSocketResponse(autoping=True)
        await socket.prepare(request)
        self._sockets.append(socket)
        await socket.send_json({"type": "hello", "num_connections": len(self._sockets),
                                "connection_info": {"app_id": API_APP_ID}})  # fmt: skip
        await self._touch()
        try:
            async for message in socket:
                if message.type != WSMsgType.TEXT:
                    continue
                ack = json.loads(message.data)
                self.acks.append(ack)
                waiter = self._ack_waiters.pop(ack.get("envelope_id", ""), None)
                if waiter is not None and not waiter.done():
                    waiter.set_result(ack)
                await self._touch()
        finally:
            self._sockets.remove(socket)
        return socket

    async def connected(self, timeout: float = 10.0) -> None:
        """Wait until a Socket Mode client is connected."""
        await self.wait_until(lambda: bool(self._sockets), timeout)

    async def push(self, kind: str, payload: dict[str, Any], *, envelope_id: str | None = None,
                   retry_attempt: int = 0, timeout: float = 10.0) -> dict[str, Any]:  # fmt: skip
        """Send an envelope (``events_api``, ``interactive``, ``slash_commands``) to the
        connected client; return its ack (raises TimeoutError when none comes)."""
        if not self._sockets:
            raise AssertionError("no Socket Mode client is connected")
        envelope_id = envelope_id or str(uuid.uuid4())
        waiter: asyncio.Future[dict[str, Any]] = asyncio.get_running_loop().create_future()
        self._ack_waiters[envelope_id] = waiter
        await self._sockets[-1].send_json({
            "envelope_id": envelope_id, "type": kind, "payload": payload,
            "accepts_response_payload": kind != "events_api",
            "retry_attempt": retry_attempt, "retry_reason": "timeout" if retry_attempt else "",
        })  # fmt: skip
        return await asyncio.wait_for(waiter, timeout)

    # --- what a person's client causes ---

    def event(self, event: dict[str, Any], event_id: str | None = None) -> dict[str, Any]:
        """An Events API ``event_callback`` body around ``event``."""
        return {
            "token": "legacy-verification-token", "team_id": TEAM_ID, "api_app_id": API_APP_ID,
            "event": event, "type": "event_callback",
            "event_id": event_id or f"Ev{uuid.uuid4().hex[:10].upper()}",
            "event_time": int(time.time()),
            "authorizations": [{"team_id": TEAM_ID, "user_id": BOT_USER_ID, "is_bot": True}],
        }  # fmt: skip

    def message(self, user: SlackUser, text: str,
                files: list[dict[str, Any]] | None = None) -> dict[str, Any]:  # fmt: skip
        """The ``message.im`` event of ``user`` typing ``text`` in the bot's DM."""
        ts = f"{int(time.time())}.{next(self._ts):06d}"
        event: dict[str, Any] = {
            "type": "message", "channel": user.dm, "user": user.id, "text": text, "ts": ts,
            "event_ts": ts, "channel_type": "im", "team": TEAM_ID,
        }  # fmt: skip
        if files:
            event.update(subtype="file_share", files=files)
        return self.event(event)

    def app_home_opened(self, user: SlackUser, tab: str = "home") -> dict[str, Any]:
        ts = f"{int(time.time())}.{next(self._ts):06d}"
        return self.event({"type": "app_home_opened", "user": user.id, "channel": user.dm,
                           "tab": tab, "event_ts": ts})  # fmt: skip

    def block_actions(self, user: SlackUser, button: dict[str, Any],
                      message: Posted | None = None, view_id: str | None = None,
                      ) -> dict[str, Any]:  # fmt: skip
        """``user`` pressing ``button`` (from :attr:`Posted.buttons` or a view's blocks)
        on ``message`` in their DM, or in a view (App Home, a modal)."""
        action = {"type": "button", "action_id": button["action_id"], "block_id": "b",
                  "value": button.get("value", ""), "text": {"type": "plain_text",
                  "text": button.get("text", "")}, "action_ts": str(time.time())}  # fmt: skip
        payload: dict[str, Any] = {
            "type": "block_actions", "team": {"id": TEAM_ID}, "api_app_id": API_APP_ID,
            "user": {"id": user.id, "username": user.name, "team_id": TEAM_ID},
            "trigger_id": f"{next(self._ids)}.{uuid.uuid4().hex[:12]}",
            "actions": [action], "token": "legacy-verification-token",
        }  # fmt: skip
        if message is not None:
            payload["container"] = {
                "type": "message",
                "message_ts": message.ts,
                "channel_id": message.channel,
                "is_ephemeral": False,
            }
            payload["channel"] = {"id": message.channel, "name": "directmessage"}
            payload["message"] = {"ts": message.ts, "text": message.text, "blocks": message.blocks}
        if view_id is not None:
            payload["container"] = {"type": "view", "view_id": view_id}
            payload["view"] = self.views[view_id]
        return payload

    def view_submission(self, user: SlackUser, view_id: str,
                        values: dict[str, str]) -> dict[str, Any]:  # fmt: skip
        """``user`` submitting the modal ``view_id`` with ``values`` ({action_id: text})
        typed in its plain-text inputs (found in the view's input blocks)."""
        view = dict(self.views[view_id])
        state: dict[str, dict[str, Any]] = {}
        for block in view.get("blocks", []):
            if block.get("type") != "input":
                continue
            element = block["element"]
            if element["action_id"] in values:
                state[block["block_id"]] = {
                    element["action_id"]: {
                        "type": "plain_text_input",
                        "value": values[element["action_id"]],
                    }
                }
        view["state"] = {"values": state}
        return {
            "type": "view_submission", "team": {"id": TEAM_ID}, "api_app_id": API_APP_ID,
            "user": {"id": user.id, "username": user.name, "team_id": TEAM_ID},
            "trigger_id": f"{next(self._ids)}.{uuid.uuid4().hex[:12]}", "view": view,
            "token": "legacy-verification-token",
        }  # fmt: skip

    # --- signed HTTP deliveries ---

    async def deliver(self, endpoint: str, body: dict[str, Any], *, retry_num: int = 0,
                      forged: bool = False, age: float = 0.0) -> tuple[int, str]:  # fmt: skip
        """POST ``body`` to the bot's ``endpoint`` as Slack does: an event as JSON, an
        interaction (``type`` other than ``event_callback``) as ``payload=<json>`` form data,
        signed with the signing secret — or with a wrong secret (``forged``), or a timestamp
        ``age`` seconds old. ``retry_num`` > 0 marks it as Slack's retry. Returns the status
        and the response text (an ack's body, e.g. a modal's ``response_action``)."""
        if body.get("type") in ("event_callback", "url_verification"):
            raw, content_type = json.dumps(body), "application/json"
        else:
            raw = urllib.parse.urlencode({"payload": json.dumps(body)})
            content_type = "application/x-www-form-urlencoded"
        timestamp = str(int(time.time() - age))
        secret = "not-the-signing-secret" if forged else self.signing_secret
        headers = {
            "Content-Type": content_type,
            "X-Slack-Request-Timestamp": timestamp,
            "X-Slack-Signature": signature(secret, timestamp, raw),
        }
        if retry_num:
            headers["X-Slack-Retry-Num"] = str(retry_num)
            headers["X-Slack-Retry-Reason"] = "http_timeout"
        async with (
            ClientSession() as session,
            session.post(endpoint, data=raw.encode(), headers=headers) as response,
        ):
            return response.status, await response.text()


def _blocks(params: Params) -> list[dict[str, Any]]:
    blocks = params.get("blocks") or []
    return json.loads(blocks) if isinstance(blocks, str) else list(blocks)
