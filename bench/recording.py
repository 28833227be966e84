"""PTB's own HTTP request class that also notes the keyboards the bot sends, so that a
simulated person can press the buttons the bot really offered."""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

from telegram.request import HTTPXRequest

POOL = 16  # connections to the Bot API (bot/config.py's IDP_TELEGRAM_CONNECTIONS is 8)
_MARKS = re.compile(r"^(?:✓ |⭐ )+")


class RecordingRequest(HTTPXRequest):
    def __init__(self) -> None:
        super().__init__(connection_pool_size=POOL)
        self.keyboards: dict[int, list[tuple[str, str]]] = defaultdict(list)

    async def do_request(  # type: ignore[override]
        self, url: str, method: str, request_data: Any = None, **kwargs: Any
    ) -> tuple[int, bytes]:
        if request_data is not None and url.endswith(("/sendMessage", "/editMessageText")):
            params = request_data.parameters
            markup = params.get("reply_markup") or {}
            rows = markup.get("inline_keyboard", []) if isinstance(markup, dict) else []
            if rows:
                buttons = [(b["text"], b["callback_data"]) for row in rows for b in row]
                self.keyboards[int(params["chat_id"])] = buttons
        return await super().do_request(url, method, request_data, **kwargs)

    def payload(self, chat_id: int, label: str) -> str:
        """The payload of the button labelled ``label`` (ticks and stars aside); "@first"
        is the first button, whatever it says."""
        buttons = self.keyboards[chat_id]
        if label == "@first":
            return buttons[0][1]
        found = [payload for text, payload in buttons if _MARKS.sub("", text) == label]
        if not found:
            raise RuntimeError(f"no button {label!r} in {buttons}")
        return found[0]
