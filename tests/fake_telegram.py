"""A fake Telegram Bot API server for tests and benchmarks.

A real HTTP server (aiohttp) on 127.0.0.1 that speaks the Bot API's JSON the way
python-telegram-bot talks to it: form-encoded parameters, ``{"ok": true, "result": …}``
answers. Tests inject updates as a person would (type a text, press a button), the bot
fetches them by long polling ``getUpdates`` (or receives them on its webhook), and every
message the bot sends is recorded for the test to read.

Faults can be queued per method (``fail_next``) or per chat (``fail_chat``: 403, 429, 502,
a late answer that outlasts the client's timeout), and rates enforced (``limit``) as Telegram
does, to exercise retries, pacing and exactly-once delivery (``deliveries``).
"""

from __future__ import annotations

import asyncio
import html
import itertools
import json
import math
import re
import time
from collections import Counter, deque
from collections.abc import Awaitable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import ClientSession, web

JSON_FIELDS = {
    "chat_id", "reply_markup", "commands", "allowed_updates", "offset", "limit", "timeout",
    "message_id", "scope", "show_alert", "disable_web_page_preview", "link_preview_options",
    "drop_pending_updates", "max_connections", "entities", "disable_notification",
}  # fmt: skip
BOT_ID = 7000000001
MESSAGE_METHODS = {
    "sendMessage",
    "editMessageText",
    "sendDocument",
    "sendPhoto",
}  # what Telegram's rate limits count
TEXT_LIMIT = 4096  # UTF-16 code units of the text after entity parsing, as Telegram counts


def too_long(params: dict[str, Any]) -> bool:
    """Telegram refuses a text over 4,096 UTF-16 units (an emoji is two), tags not counted."""
    text = str(params.get("text", ""))
    if params.get("parse_mode") == "HTML":
        text = html.unescape(re.sub(r"<[^>]*>", "", text))
    return len(text.encode("utf-16-le")) // 2 > TEXT_LIMIT


RATE_WINDOW = 1.0  # seconds


@dataclass(frozen=True)
class Upload:
    """A file the bot uploaded (multipart/form-data), as the server received it."""

    name: str
    mime: str | None
    content: bytes


@dataclass
class Sent:
    """A message the bot sent (or edited), as the server stored it."""

    chat_id: int
    text: str
    parse_mode: str | None
    reply_markup: dict[str, Any] | None
    message_id: int
    method: str = "sendMessage"
    document: Upload | None = None  # sendDocument / sendPhoto: the file sent

    @property
    def buttons(self) -> list[tuple[str, str]]:
        rows = (self.reply_markup or {}).get("inline_keyboard", [])
        return [(b["text"], b.get("callback_data", "")) for row in rows for b in row]


@dataclass
class Fault:
    status: int
    description: str
    retry_after: int | None = None
    delay: float = 0.0
    deliver: bool = False  # carry the request out, answer only after ``delay`` (a timeout)


@dataclass
class FakeUser:
    id: int
    first_name: str
    language_code: str = "id"

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "is_bot": False,
            "first_name": self.first_name,
            "language_code": self.language_code,
        }


@dataclass
class FakeBotApi:
    token: str = "123456:TEST-token-for-the-fake-bot-api"
    username: str = "idp_test_bot"
    host: str = "127.0.0.1"
    port: int = 0
    sent: list[Sent] = field(default_factory=list)
    calls: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    commands: dict[str | None, list[dict[str, str]]] = field(default_factory=dict)
    webhook: dict[str, Any] = field(default_factory=dict)
    faults: dict[str, list[Fault]] = field(default_factory=dict)
    # delivery faults (issue 4): per-chat faults and the platform's rate limits
    chat_faults: dict[int, list[Fault]] = field(default_factory=dict)
    rate_global: float | None = None  # messages/s over all chats; None: unlimited
    rate_per_chat: float | None = None  # messages/s to one chat
    rate_limited: int = 0  # 429s answered because a rate was exceeded

    def __post_init__(self) -> None:
        self._updates: list[dict[str, Any]] = []
        self._confirmed = 0
        self._update_ids = itertools.count(1)
        self._message_ids = itertools.count(1)
        self._callback_ids = itertools.count(1)
        self._changed = asyncio.Condition()
        self._runner: web.AppRunner | None = None
        self._closing = False
        self._window: deque[float] = deque()
        self._chat_windows: dict[int, deque[float]] = {}
        self.accepted_at: list[float] = []
        self.files: dict[str, Upload] = {}  # documents people sent, by file id

    # -- server ---------------------------------------------------------------------------

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    async def start(self) -> FakeBotApi:
        app = web.Application()
        app.router.add_post("/bot{token}/{method}", self._dispatch)
        app.router.add_get("/bot{token}/{method}", self._dispatch)
        app.router.add_get("/_fake/stats", self._stats)
        app.router.add_get("/file/bot{token}/{path}", self._file)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, self.port)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        return self

    async def stop(self) -> None:
        async with self._changed:
            self._closing = True
            self._changed.notify_all()
        if self._runner is not None:
            await self._runner.cleanup()

    async def _dispatch(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return web.json_response(
                {"ok": False, "error_code": 401, "description": "Unauthorized"}, status=401
            )
        method = request.match_info["method"]
        params = await self._params(request)
        self.calls.append((method, params))
        queued = self.faults.get(method)
        if queued:
            fault = queued.pop(0)
            if fault.delay:
                await asyncio.sleep(fault.delay)
            body: dict[str, Any] = {
                "ok": False,
                "error_code": fault.status,
                "description": fault.description,
            }
            if fault.retry_after is not None:
                body["parameters"] = {"retry_after": fault.retry_after}
            return web.json_response(body, status=fault.status)
        refused = self._delivery_fault(method, params)
        if refused is not None:
            return await refused
        if method in MESSAGE_METHODS and too_long(params):
            return web.json_response(
                {"ok": False, "error_code": 400, "description": "Bad Request: message is too long"},
                status=400,
            )
        handler = getattr(self, f"_api_{method}", None)
        if handler is None:
            return web.json_response(
                {"ok": False, "error_code": 404, "description": "Not Found: method not found"},
                status=404,
            )
        return web.json_response({"ok": True, "result": await handler(params)})

    @staticmethod
    async def _params(request: web.Request) -> dict[str, Any]:
        if request.content_type == "application/json":
            return dict(await request.json())
        form = await request.post()
        params: dict[str, Any] = {}
        for key, value in form.items():
            if isinstance(value, web.FileField):
                params[key] = Upload(value.filename, value.content_type, value.file.read())
                continue
            text = value if isinstance(value, str) else str(value)
            params[key] = json.loads(text) if key in JSON_FIELDS else text
        return params

    def fail_next(self, method: str, fault: Fault, times: int = 1) -> None:
        self.faults.setdefault(method, []).extend([fault] * times)

    # -- Bot API methods ------------------------------------------------------------------

    async def _api_getMe(self, _: dict[str, Any]) -> dict[str, Any]:
        return {
            "id": BOT_ID,
            "is_bot": True,
            "first_name": "IDP Bot",
            "username": self.username,
            "can_join_groups": False,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
        }

    async def _api_deleteWebhook(self, _: dict[str, Any]) -> bool:
        self.webhook = {}
        return True

    async def _api_setWebhook(self, params: dict[str, Any]) -> bool:
        self.webhook = params
        return True

    async def _api_getWebhookInfo(self, _: dict[str, Any]) -> dict[str, Any]:
        return {"url": self.webhook.get("url", ""), "has_custom_certificate": False,
                "pending_update_count": 0}  # fmt: skip

    async def _api_setMyCommands(self, params: dict[str, Any]) -> bool:
        self.commands[params.get("language_code")] = params["commands"]
        return True

    async def _api_answerCallbackQuery(self, _: dict[str, Any]) -> bool:
        return True

    async def _api_close(self, _: dict[str, Any]) -> bool:
        return True

    async def _api_getUpdates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        offset = int(params.get("offset") or 0)
        limit = int(params.get("limit") or 100)
        timeout = float(params.get("timeout") or 0)
        if offset:
            self._confirmed = max(self._confirmed, offset - 1)
        deadline = time.monotonic() + timeout
        async with self._changed:
            self._changed.notify_all()
            while True:
                pending = [u for u in self._updates if u["update_id"] > self._confirmed]
                remaining = deadline - time.monotonic()
                if pending or remaining <= 0 or self._closing:
                    return pending[:limit]
                try:
                    await asyncio.wait_for(self._changed.wait(), remaining)
                except TimeoutError:
                    return []

    async def _api_sendMessage(self, params: dict[str, Any]) -> dict[str, Any]:
        message = Sent(
            chat_id=int(params["chat_id"]),
            text=params["text"],
            parse_mode=params.get("parse_mode"),
            reply_markup=params.get("reply_markup"),
            message_id=next(self._message_ids),
        )
        await self._record(message)
        return self._message_json(message)

    async def _api_editMessageText(self, params: dict[str, Any]) -> dict[str, Any]:
        message = Sent(
            chat_id=int(params["chat_id"]),
            text=params["text"],
            parse_mode=params.get("parse_mode"),
            reply_markup=params.get("reply_markup"),
            message_id=int(params["message_id"]),
            method="editMessageText",
        )
        await self._record(message)
        return self._message_json(message)

    async def _api_sendDocument(self, params: dict[str, Any]) -> dict[str, Any]:
        return await self._upload(params, "document", "sendDocument")

    async def _api_sendPhoto(self, params: dict[str, Any]) -> dict[str, Any]:
        return await self._upload(params, "photo", "sendPhoto")

    async def _upload(self, params: dict[str, Any], field: str, method: str) -> dict[str, Any]:
        upload = params.get(field)
        if not isinstance(upload, Upload):  # a file id or URL: not served by this fake
            raise ValueError("the fake Bot API takes uploaded files only")
        message = Sent(
            chat_id=int(params["chat_id"]),
            text=params.get("caption", ""),
            parse_mode=params.get("parse_mode"),
            reply_markup=params.get("reply_markup"),
            message_id=next(self._message_ids),
            method=method,
            document=upload,
        )
        await self._record(message)
        return self._message_json(message)

    async def _record(self, message: Sent) -> None:
        async with self._changed:
            self.sent.append(message)
            self._changed.notify_all()

    def _message_json(self, message: Sent) -> dict[str, Any]:
        result: dict[str, Any] = {
            "message_id": message.message_id,
            "date": int(time.time()),
            "chat": {"id": message.chat_id, "type": "private"},
            "from": {"id": BOT_ID, "is_bot": True, "first_name": "IDP Bot"},
            "text": message.text,
        }
        if message.reply_markup:
            result["reply_markup"] = message.reply_markup
        if message.document is not None:
            unique = f"doc{message.message_id}"
            result["document"] = {"file_id": unique, "file_unique_id": unique,
                                  "file_name": message.document.name,
                                  "mime_type": message.document.mime,
                                  "file_size": len(message.document.content)}  # fmt: skip
        return result

    # -- delivery faults: per-chat faults, rate limits, exactly-once counts (issue 4) ------

    def fail_chat(self, chat_id: int, fault: Fault, times: int = 1) -> None:
        """The next ``times`` messages to ``chat_id`` meet ``fault`` (403, 429, 502, timeout)."""
        self.chat_faults.setdefault(chat_id, []).extend([fault] * times)

    def limit(self, overall: float | None, per_chat: float | None) -> None:
        """Answer 429 (with retry_after) to messages beyond these rates in any 1-s window."""
        self.rate_global, self.rate_per_chat = overall, per_chat

    def _delivery_fault(
        self, method: str, params: dict[str, Any]
    ) -> Awaitable[web.Response] | None:
        if method not in MESSAGE_METHODS or "chat_id" not in params:
            return None
        chat_id = int(params["chat_id"])
        queued = self.chat_faults.get(chat_id)
        if queued:
            fault = queued.pop(0)
            if fault.deliver:
                return self._late_answer(method, params, fault.delay)
            return self._fault_answer(fault)
        retry_after = self._over_rate(chat_id)
        if retry_after is not None:
            self.rate_limited += 1
            return self._fault_answer(Fault(429, "Too Many Requests: retry later", retry_after))
        return None

    def _over_rate(self, chat_id: int) -> int | None:
        """Seconds to wait when one more message now would exceed a rate; else record it."""
        now = time.monotonic()
        chat = self._chat_windows.setdefault(chat_id, deque())
        for window in (self._window, chat):
            while window and window[0] <= now - RATE_WINDOW:
                window.popleft()
        for window, rate in ((self._window, self.rate_global), (chat, self.rate_per_chat)):
            if rate is not None and len(window) >= rate * RATE_WINDOW:
                return max(1, math.ceil(window[0] + RATE_WINDOW - now))
        self._window.append(now)
        chat.append(now)
        self.accepted_at.append(now)
        return None

    async def _fault_answer(self, fault: Fault) -> web.Response:
        if fault.delay:
            await asyncio.sleep(fault.delay)
        body: dict[str, Any] = {"ok": False, "error_code": fault.status,
                                "description": fault.description}  # fmt: skip
        if fault.retry_after is not None:
            body["parameters"] = {"retry_after": fault.retry_after}
        return web.json_response(body, status=fault.status)

    async def _late_answer(self, method: str, params: dict[str, Any], delay: float) -> web.Response:
        result = await getattr(self, f"_api_{method}")(params)
        await asyncio.sleep(delay)
        return web.json_response({"ok": True, "result": result})

    def deliveries(self) -> Counter[tuple[int, str]]:
        """How many times each (chat, text) was delivered by sendMessage: 1 is exactly once."""
        return Counter((m.chat_id, m.text) for m in self.sent if m.method == "sendMessage")

    def duplicates(self) -> int:
        return sum(count - 1 for count in self.deliveries().values())

    async def _stats(self, _: web.Request) -> web.Response:
        """For a benchmark running the fake in another process."""
        delivered = self.deliveries()
        return web.json_response({
            "rate_limited": self.rate_limited,
            "messages": sum(delivered.values()),
            "distinct": len(delivered),
            "duplicates": self.duplicates(),
            "first_at": self.accepted_at[0] if self.accepted_at else None,
            "last_at": self.accepted_at[-1] if self.accepted_at else None,
        })  # fmt: skip

    # -- what a person does ---------------------------------------------------------------

    def user(self, user_id: int, first_name: str = "Budi", language_code: str = "id") -> FakeUser:
        return FakeUser(user_id, first_name, language_code)

    def message_update(self, user: FakeUser, text: str) -> dict[str, Any]:
        message: dict[str, Any] = {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": {"id": user.id, "type": "private", "first_name": user.first_name},
            "from": user.as_json(),
            "text": text,
        }
        if text.startswith("/"):
            length = len(text.split(" ", 1)[0])
            message["entities"] = [{"type": "bot_command", "offset": 0, "length": length}]
        return {"update_id": next(self._update_ids), "message": message}

    def document_update(
        self, user: FakeUser, upload: Upload, caption: str | None = None
    ) -> dict[str, Any]:
        """``user`` sends a file (kept here until the bot fetches it with getFile)."""
        file_id = f"file{len(self.files) + 1}"
        self.files[file_id] = upload
        message: dict[str, Any] = {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": {"id": user.id, "type": "private", "first_name": user.first_name},
            "from": user.as_json(),
            "document": {"file_id": file_id, "file_unique_id": file_id, "file_name": upload.name,
                         "mime_type": upload.mime, "file_size": len(upload.content)},
        }  # fmt: skip
        if caption is not None:
            message["caption"] = caption
        return {"update_id": next(self._update_ids), "message": message}

    def photo_update(self, user: FakeUser, upload: Upload) -> dict[str, Any]:
        """``user`` sends a photo (Telegram's compressed JPEG, in two sizes, without a name)."""
        file_id = f"file{len(self.files) + 1}"
        self.files[file_id] = upload
        sizes = [{"file_id": f"{file_id}s", "file_unique_id": f"{file_id}s", "width": 90,
                  "height": 90, "file_size": 10},
                 {"file_id": file_id, "file_unique_id": file_id, "width": 1280, "height": 960,
                  "file_size": len(upload.content)}]  # fmt: skip
        message: dict[str, Any] = {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": {"id": user.id, "type": "private", "first_name": user.first_name},
            "from": user.as_json(),
            "photo": sizes,
        }
        return {"update_id": next(self._update_ids), "message": message}

    async def send_document(
        self, user: FakeUser, upload: Upload, caption: str | None = None
    ) -> dict[str, Any]:
        update = self.document_update(user, upload, caption)
        await self.inject(update)
        return update

    async def _api_getFile(self, params: dict[str, Any]) -> dict[str, Any]:
        file_id = str(params["file_id"])
        upload = self.files[file_id]
        return {"file_id": file_id, "file_unique_id": file_id, "file_size": len(upload.content),
                "file_path": file_id}  # fmt: skip

    async def _file(self, request: web.Request) -> web.Response:
        upload = self.files.get(request.match_info["path"])
        if request.match_info["token"] != self.token or upload is None:
            return web.Response(status=404)
        return web.Response(body=upload.content)

    def press_update(self, user: FakeUser, payload: str, on: Sent | None) -> dict[str, Any]:
        source = on or Sent(user.id, "", None, None, next(self._message_ids))
        return {
            "update_id": next(self._update_ids),
            "callback_query": {
                "id": str(next(self._callback_ids)),
                "from": user.as_json(),
                "chat_instance": f"ci-{user.id}",
                "data": payload,
                "message": self._message_json(source),
            },
        }

    def membership_update(self, user: FakeUser, status: str) -> dict[str, Any]:
        """The person blocked ("kicked") or unblocked ("member") the bot in their chat."""
        bot = {"id": BOT_ID, "is_bot": True, "first_name": "IDP Bot"}
        old = "member" if status == "kicked" else "kicked"
        return {
            "update_id": next(self._update_ids),
            "my_chat_member": {
                "chat": {"id": user.id, "type": "private", "first_name": user.first_name},
                "from": user.as_json(),
                "date": int(time.time()),
                "old_chat_member": {"status": old, "user": bot, "until_date": 0},
                "new_chat_member": {"status": status, "user": bot, "until_date": 0},
            },
        }

    async def inject(self, update: dict[str, Any]) -> int:
        """Queue a raw update for getUpdates; returns its update_id."""
        async with self._changed:
            self._updates.append(update)
            self._changed.notify_all()
        return int(update["update_id"])

    async def type_text(self, user: FakeUser, text: str) -> dict[str, Any]:
        update = self.message_update(user, text)
        await self.inject(update)
        return update

    async def press(self, user: FakeUser, payload: str, on: Sent | None = None) -> dict[str, Any]:
        update = self.press_update(user, payload, on)
        await self.inject(update)
        return update

    async def post_to_webhook(self, url: str, update: dict[str, Any], secret: str | None) -> int:
        """Deliver an update to a webhook as Telegram does; returns the HTTP status."""
        headers = {"X-Telegram-Bot-Api-Secret-Token": secret} if secret else {}
        async with ClientSession() as session, session.post(url, json=update, headers=headers) as r:
            return r.status

    # -- what the test reads --------------------------------------------------------------

    def sent_to(self, chat_id: int) -> list[Sent]:
        return [m for m in self.sent if m.chat_id == chat_id]

    async def wait_for(self, chat_id: int, count: int, timeout: float = 10.0) -> list[Sent]:
        """Wait until ``chat_id`` has received ``count`` messages in all; return them."""
        deadline = time.monotonic() + timeout
        async with self._changed:
            while len(self.sent_to(chat_id)) < count:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    got = [m.text[:80] for m in self.sent_to(chat_id)]
                    raise AssertionError(f"chat {chat_id}: wanted {count} messages, got {got}")
                try:
                    await asyncio.wait_for(self._changed.wait(), remaining)
                except TimeoutError:
                    continue
        return self.sent_to(chat_id)

    async def wait_confirmed(self, update_id: int, timeout: float = 10.0) -> None:
        """Wait until the bot has fetched past ``update_id`` (it asked for a later offset)."""
        deadline = time.monotonic() + timeout
        async with self._changed:
            while self._confirmed < update_id:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError(f"update {update_id} never confirmed")
                try:
                    await asyncio.wait_for(self._changed.wait(), remaining)
                except TimeoutError:
                    continue


async def _serve_forever(
    port: int, rate_global: float | None = None, rate_per_chat: float | None = None
) -> None:
    api = await FakeBotApi(port=port, rate_global=rate_global, rate_per_chat=rate_per_chat).start()
    print(f"{api.url} {api.token}", flush=True)
    await asyncio.Event().wait()


if __name__ == "__main__":  # python -m tests.fake_telegram [PORT]: for benchmarks and manual tries
    import sys

    # python -m tests.fake_telegram [PORT [RATE_GLOBAL RATE_PER_CHAT]]
    args = sys.argv[1:]
    rates = [float(a) for a in args[1:3]] if len(args) >= 3 else [None, None]
    asyncio.run(_serve_forever(int(args[0]) if args else 0, *rates))
