"""Persiapan (preparation) of the dialog kinerja: the coordinator sets the dialogue window —
for everyone, or a unit's own — and publishes the guide ("formulir panduan dialog atasan
bawahan", or any document) to supervisors and employees. Everyone concerned is told the
window with the times on their own clock; the guide goes to each as a file."""

from __future__ import annotations

from datetime import date, datetime

import messages
from handlers.audience import Audience, AudienceKind
from handlers.cycle import current_cycle
from handlers.dialog.model import Window
from handlers.dialog.window import WindowRefused, checked, set_window
from handlers.effects import Attachment
from handlers.model import Zone
from handlers.outbox import AudienceMessage, Kind
from handlers.ports import Cycle, UnitOfWork

GUIDE_LIMIT = 20 * 1024 * 1024  # bytes: Telegram bots send documents up to 50 MB
GUIDE_NAMES = {"id": "panduan-dialog-kinerja.md", "en": "performance-dialogue-guide.md"}


def default_guide(locale: str) -> Attachment:
    """The guide the bot ships ("formulir panduan dialog atasan bawahan", LAN 605/2025
    BAB II B), a Markdown text in ``locale``, until a coordinator sends their own."""
    text = messages.render("dialog/guide/document", locale)
    name = GUIDE_NAMES.get(locale, GUIDE_NAMES["id"])
    return Attachment(name, "text/markdown", (text + "\n").encode())


def audience_of(unit: str | None) -> Audience:
    return Audience(AudienceKind.UNIT, unit) if unit else Audience(AudienceKind.ALL)


async def cycle_now(uow: UnitOfWork, now: datetime) -> Cycle:
    found = await current_cycle(uow, now)
    if found is None:
        raise WindowRefused("no_cycle")
    return found


async def publish_window(
    uow: UnitOfWork, starts: date, ends: date, unit: str | None, by: str, now: datetime
) -> tuple[Window, int]:
    """Set the window of the cycle being planned and queue the notice to everyone it
    concerns (the unit's people, or all), each with their own zone; the caller commits.
    The window and how many were told."""
    cycle = await cycle_now(uow, now)
    window = checked(cycle, starts, ends, unit)
    await set_window(uow, cycle, window, by, now)
    told = 0
    for zone in Zone:  # one statement per zone: each notice names the reader's own zone
        context = {"starts": starts, "ends": ends, "unit": unit, "zone": zone.value,
                   "year": cycle.year}  # fmt: skip
        message = AudienceMessage(Kind.NOTIFICATION, "dialog/window/notice", context)
        told += await uow.outbox.enqueue_audience(audience_of(unit), message, {zone: now}, now)
    return window, told


async def publish_guide(uow: UnitOfWork, guide: Attachment, unit: str | None, now: datetime) -> int:
    """Store the guide once and queue it to everyone concerned; the caller commits."""
    if guide.data is None or not guide.data or len(guide.data) > GUIDE_LIMIT:
        raise WindowRefused("guide_size", limit=GUIDE_LIMIT // (1024 * 1024))
    if unit is not None and not await uow.dialog.unit_exists(unit):
        raise WindowRefused("unit", unit=unit)
    cycle = await cycle_now(uow, now)
    stored = await uow.files.store(guide, now)
    context = {"name": guide.name, "year": cycle.year, "unit": unit}
    message = AudienceMessage(Kind.NOTIFICATION, "dialog/guide/notice", context,
                              dedupe_prefix=f"dialog-guide:{stored.file_id}",
                              attachment_id=stored.file_id)  # fmt: skip
    return await uow.outbox.enqueue_audience(audience_of(unit), message, {z: now for z in Zone},
                                             now)  # fmt: skip
