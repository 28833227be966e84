"""A file sent to the bot: the coordinator's dialogue guide (captioned ``/dialog panduan``)
is published; the steering board's (Dewan Pengarah) priority competencies — a CSV or XLSX
with the command line's columns — are checked row by row and loaded, before the dialogues;
anything else gets a sentence saying what the bot takes."""

from __future__ import annotations

from datetime import datetime

from handlers.access import Action, may
from handlers.cycle import agency_day, current_cycle
from handlers.dialog import window_chat
from handlers.dialog.persiapan import GUIDE_LIMIT
from handlers.effects import Attachment, Document, Msg, Reply
from handlers.model import Employee
from handlers.ports import IncomingFiles, UnitOfWork, UnreadableFile
from handlers.reference import imports

TABLES = (".csv", ".xlsx", ".xlsm")
SHOWN_ERRORS = 20  # row problems listed in the chat; the count says how many in all


async def received(
    uow: UnitOfWork, person: Employee, document: Document, caption: str, files: IncomingFiles,
    now: datetime,
) -> list[Reply]:  # fmt: skip
    """Do what the file is for, if it is for something this person may do."""
    command, _, argument = caption.strip().partition(" ")
    try:
        if command.split("@")[0].lower() == "/dialog":
            data = await files.content(document, GUIDE_LIMIT)
            mime = document.mime or "application/octet-stream"
            sent = Attachment(document.name, mime, data)
            return await window_chat.command(uow, person, argument, now, sent)
        if may(person, Action.PUBLISH_PRIORITIES) and document.name.lower().endswith(TABLES):
            return await priorities(uow, person, document, files, now)
    except UnreadableFile as problem:
        return [Reply(Msg("cli/import_unreadable", problem.context), person.bahasa)]
    return [Reply(Msg("dialog/document_unknown", {"roles": sorted(person.roles)}), person.bahasa)]


async def priorities(
    uow: UnitOfWork, person: Employee, document: Document, files: IncomingFiles, now: datetime
) -> list[Reply]:
    """Load the year's priority competencies as ``idp-bot priorities import`` does; say what
    was loaded and which rows were refused, and whether the dialogues have begun."""
    rows = await files.table(document, imports.PRIORITY_COLUMNS[:3])
    report = await imports.import_priorities(uow, rows)
    cycle = await current_cycle(uow, now)
    begun = cycle is not None and agency_day(now) >= cycle.dialogue_from
    errors = [{"row": e.row, "reason": e.reason, "detail": e.detail}
              for e in report.errors[:SHOWN_ERRORS]]  # fmt: skip
    context = {"loaded": report.loaded, "refused": len(report.errors), "errors": errors,
               "begun": cycle.dialogue_from if begun and cycle else None}  # fmt: skip
    return [Reply(Msg("dialog/priorities_imported", context), person.bahasa)]
