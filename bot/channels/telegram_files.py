"""Documents people send in Telegram, fetched only when a use case asks: the bytes through
``getFile`` and the file URL, a table through the command line's CSV/XLSX reader."""

from __future__ import annotations

from collections.abc import Sequence

from telegram import Bot
from telegram.error import TelegramError

from bot.channels.document_rows import rows_of
from handlers.dialog.persiapan import GUIDE_LIMIT
from handlers.effects import Document
from handlers.ports import UnreadableFile

TELEGRAM_DOWNLOAD_LIMIT = 20 * 1024 * 1024  # the Bot API serves files up to 20 MB


class TelegramFiles:
    def __init__(self, bot: Bot) -> None:
        self.bot = bot

    async def content(self, document: Document, limit: int) -> bytes:
        if document.size > min(limit, TELEGRAM_DOWNLOAD_LIMIT):
            raise UnreadableFile({"reason": "too_large", "name": document.name,
                                  "detail": str(min(limit, TELEGRAM_DOWNLOAD_LIMIT))})  # fmt: skip
        try:
            found = await self.bot.get_file(document.ref)
            return bytes(await found.download_as_bytearray())
        except TelegramError as error:
            raise UnreadableFile({"reason": "not_fetched", "name": document.name,
                                  "detail": type(error).__name__}) from error  # fmt: skip

    async def table(
        self, document: Document, required: Sequence[str]
    ) -> list[tuple[int, dict[str, str]]]:
        return rows_of(await self.content(document, GUIDE_LIMIT), document.name, required)
