"""Files people share with the bot in Slack, fetched only when a use case asks: the bytes
from the file's private download URL with the bot token, a table through the command
line's CSV/XLSX reader."""

from __future__ import annotations

from collections.abc import Sequence

import aiohttp

from bot.channels.document_rows import rows_of
from handlers.dialog.persiapan import GUIDE_LIMIT
from handlers.effects import Document
from handlers.ports import UnreadableFile

FETCH_TIMEOUT = 60.0  # seconds


class SlackFiles:
    def __init__(self, token: str) -> None:
        self._token = token

    async def content(self, document: Document, limit: int) -> bytes:
        def unreadable(reason: str, detail: str) -> UnreadableFile:
            return UnreadableFile({"reason": reason, "name": document.name, "detail": detail})

        if document.size > limit:
            raise unreadable("too_large", str(limit))
        if not document.ref.startswith(("https://", "http://")):
            raise unreadable("not_fetched", "no download address")
        headers = {"Authorization": f"Bearer {self._token}"}
        timeout = aiohttp.ClientTimeout(total=FETCH_TIMEOUT)
        try:
            async with (
                aiohttp.ClientSession(timeout=timeout) as session,
                session.get(document.ref, headers=headers) as response,
            ):
                if response.status != 200:
                    raise unreadable("not_fetched", f"HTTP {response.status}")
                data = await response.content.read(limit + 1)
        except (aiohttp.ClientError, TimeoutError) as error:
            raise unreadable("not_fetched", type(error).__name__) from error
        if len(data) > limit:
            raise unreadable("too_large", str(limit))
        return data

    async def table(
        self, document: Document, required: Sequence[str]
    ) -> list[tuple[int, dict[str, str]]]:
        return rows_of(await self.content(document, GUIDE_LIMIT), document.name, required)
