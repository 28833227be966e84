"""The dialog kinerja's persiapan and scheduling in the chat: ``/dialog`` (the window and the
guide, coordinators), ``/jadwal`` (where each dialogue date stands), the scheduling buttons
(``dlg:…``), the one-question form asking for a date, and files people send (a guide, the
steering board's priorities)."""

from __future__ import annotations

from handlers.dialog import documents, schedule, schedule_chat, schedule_list, window_chat
from handlers.effects import Msg, Reply
from handlers.features import Button, Command, Feature, Form, Turn
from handlers.forms.engine import Engine


async def dialog(turn: Turn, argument: str) -> list[Reply]:
    return await window_chat.command(turn.uow, turn.person, argument, turn.now)


async def dates(turn: Turn, argument: str) -> list[Reply]:
    return await schedule_list.listing(turn.uow, turn.person, turn.now)


async def pressed(turn: Turn, value: str) -> list[Reply]:
    engine = turn.engine(schedule_chat.NAME)
    return await schedule_chat.pressed(turn.uow, engine, turn.person, value, turn.now,
                                       turn.quiet)  # fmt: skip


async def document(turn: Turn, caption: str) -> list[Reply]:
    """A file the person sent (``caption``: its caption); a channel that fetches no files
    gets a sentence saying what the bot takes."""
    sent, person = turn.incoming.document, turn.person
    if sent is None or turn.files is None:
        unknown = Msg("dialog/document_unknown", {"roles": sorted(person.roles)})
        return [Reply(unknown, person.bahasa)]
    return await documents.received(turn.uow, person, sent, caption, turn.files, turn.now)


FEATURE = Feature(
    "dialog",
    commands=(Command(("dialog",), dialog), Command(("jadwal", "schedule"), dates)),
    buttons=(Button(schedule.BUTTON, pressed),),
    forms=(Form(schedule_chat.NAME, lambda clock, quiet: Engine(schedule_chat.JadwalFlow(clock))),),
)
