"""Evidence of an item done: a certificate or a photo sent as a file while the check-in asks
for it. Its type (PDF, JPEG, PNG — by name and by its first bytes) and size are checked, it is
stored once (``stored_files``) and the answer refers to it; anything else gets a sentence in
the person's language and the question again."""

from __future__ import annotations

from datetime import datetime
from pathlib import PurePath

from handlers.checkin.form import EVIDENCE, NAME
from handlers.effects import Attachment, Document, Msg, Reply
from handlers.forms.engine import Engine
from handlers.forms.kinds import Outcome
from handlers.forms.model import FormSession
from handlers.model import Employee
from handlers.ports import IncomingFiles, UnitOfWork, UnreadableFile

EVIDENCE_LIMIT = 5 * 1024 * 1024  # 5 MB: a scanned certificate or a phone photo
TYPES = {
    ".pdf": "application/pdf",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
}
MAGIC = {
    "application/pdf": (b"%PDF",),
    "image/jpeg": (b"\xff\xd8\xff",),
    "image/png": (b"\x89PNG\r\n\x1a\n",),
}
QUESTION = "bukti"


def asks_for_evidence(session: FormSession | None) -> bool:
    return session is not None and session.form == NAME and session.cursor.endswith(f".{QUESTION}")


def problem_with(document: Document) -> str | None:
    """Why the file cannot be evidence, before fetching it (its name and size)."""
    if PurePath(document.name.lower()).suffix not in TYPES:
        return "type"
    if document.size > EVIDENCE_LIMIT:
        return "size"
    return None


def mime_of(name: str, data: bytes) -> str | None:
    """The file's type if its content is what its name says; None otherwise."""
    mime = TYPES.get(PurePath(name.lower()).suffix)
    if mime is None or not data.startswith(MAGIC[mime]):
        return None
    return mime


async def received(
    uow: UnitOfWork,
    engine: Engine,
    person: Employee,
    session: FormSession,
    document: Document,
    files: IncomingFiles,
    at: datetime,
) -> list[Reply]:
    """Take the file as the answer to the evidence question, or say why not and ask again."""
    walk = await engine.load(uow, person, session)
    slot = walk.slot(session.cursor)
    reason = problem_with(document)
    data = b""
    if reason is None:
        try:
            data = await files.content(document, EVIDENCE_LIMIT)
        except UnreadableFile as unread:
            reason = "size" if unread.context.get("reason") == "too_large" else "unreadable"
    mime = mime_of(document.name, data) if reason is None else None
    if reason is None and (mime is None or len(data) > EVIDENCE_LIMIT):
        reason = "type" if mime is None else "size"
    if slot is None or reason is not None or mime is None:
        refusal = Msg(
            "checkin/error_file",
            {
                "reason": reason or "type",
                "name": document.name,
                "limit_mb": EVIDENCE_LIMIT // (1024 * 1024),
            },
        )
        return await engine.ask(uow, person, walk, at, [refusal], fresh=False)
    stored = await uow.files.store(Attachment(document.name, mime, data), at)
    value = f"{EVIDENCE}{stored.file_id}:{document.name}"
    return await engine.take(uow, person, walk, slot, Outcome(value, done=True), at)
