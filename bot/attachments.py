"""Files sent with messages, as each channel delivers them: Telegram as a document after
the text (``sendDocument``; a picture such as a chart as a photo, ``sendPhoto``), the terminal
as a file written to a folder, its path printed."""

from __future__ import annotations

import re
import tempfile
import uuid
from pathlib import Path

from telegram import Bot, InputFile, Message

from handlers.effects import Attachment

TERMINAL_FOLDER = Path(tempfile.gettempdir()) / "idp-bot-files"
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def content(attachment: Attachment) -> bytes:
    if attachment.data is None:
        raise ValueError(f"attachment {attachment.name!r} has no content loaded")
    return attachment.data


async def send_document(bot: Bot, chat_id: int, attachment: Attachment) -> Message:
    """Send the file to ``chat_id`` as a Telegram document, or a picture as a photo."""
    upload = InputFile(content(attachment), filename=attachment.name)
    if attachment.picture:
        return await bot.send_photo(chat_id, upload)
    return await bot.send_document(chat_id, upload)


def keep(attachment: Attachment, folder: Path = TERMINAL_FOLDER) -> Path:
    """Write the file under ``folder`` (a name of its own, so nothing is overwritten)."""
    folder.mkdir(parents=True, exist_ok=True)
    safe = _UNSAFE.sub("_", attachment.name).strip("._") or "file"
    path = folder / f"{uuid.uuid4().hex[:8]}-{safe}"
    path.write_bytes(content(attachment))
    return path
