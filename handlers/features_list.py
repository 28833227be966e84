"""Every feature of the chat, in one place: adding one is its package and one line here."""

from __future__ import annotations

from handlers.broadcast.feature import FEATURE as BROADCAST
from handlers.change_requests.feature import FEATURE as CHANGE_REQUESTS
from handlers.checkin.feature import FEATURE as CHECKIN
from handlers.checkin.feature import document as checkin_document
from handlers.cycle.feature import FEATURE as CYCLE
from handlers.cycle.feature import not_open
from handlers.dialog.agreement_feature import FEATURE as DIALOG_AGREEMENT
from handlers.dialog.feature import FEATURE as DIALOG
from handlers.dialog.feature import document as dialog_document
from handlers.dialog.team_feature import FEATURE as DIALOG_TEAM
from handlers.documents.feature import FEATURE as DOCUMENTS
from handlers.effects import Reply
from handlers.features import Registry, Turn
from handlers.formulir1.feature import FEATURE as FORMULIR1
from handlers.menu.feature import FEATURE as MENU
from handlers.menu.feature import show_help, unknown
from handlers.plan.feature import FEATURE as PLAN
from handlers.progress.feature import FEATURE as PROGRESS
from handlers.recap.feature import FEATURE as RECAP
from handlers.reminders.feature import FEATURE as REMINDERS

FEATURES = (MENU, FORMULIR1, PLAN, CYCLE, BROADCAST, REMINDERS, PROGRESS, CHANGE_REQUESTS,
            DIALOG, DIALOG_AGREEMENT, DIALOG_TEAM, RECAP, DOCUMENTS, CHECKIN)  # fmt: skip


async def document(turn: Turn, caption: str) -> list[Reply]:
    """A file sent: the check-in's evidence when it asks for one, else the dialog kinerja's."""
    return await checkin_document(turn, caption) or await dialog_document(turn, caption)


REGISTRY = Registry(FEATURES, text=show_help, unknown=unknown, no_cycle=not_open,
                    document=document)  # fmt: skip
