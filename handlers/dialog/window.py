"""The dialogue window: the dates inside which dialogues are held. The cycle's
``dialogue_from``/``dialogue_to`` hold for everyone; a coordinator may give a unit its own
window (an override per unit kerja). Dates are read on each person's own calendar."""

from __future__ import annotations

from datetime import date, datetime

from handlers.dialog.model import Window
from handlers.ports import Cycle, UnitOfWork


class WindowRefused(ValueError):
    """A window that cannot be set: not_allowed, no_cycle, order, year, unit."""

    def __init__(self, reason: str, **detail: object) -> None:
        super().__init__(reason)
        self.reason, self.detail = reason, detail


def cycle_window(cycle: Cycle) -> Window:
    return Window(cycle.dialogue_from, cycle.dialogue_to)


async def window_for(uow: UnitOfWork, cycle: Cycle, unit: str) -> Window:
    """The window of ``unit`` in ``cycle``: its own, else the cycle's."""
    own = await uow.dialog.window(cycle.year, unit)
    return own or cycle_window(cycle)


def checked(cycle: Cycle, starts: date, ends: date, unit: str | None) -> Window:
    """A window of ``cycle``'s year whose start comes before its end, before verification."""
    if starts > ends:
        raise WindowRefused("order", starts=starts, ends=ends)
    if starts.year != cycle.year or ends > cycle.verification_by:
        raise WindowRefused("year", year=cycle.year, verification_by=cycle.verification_by)
    return Window(starts, ends, unit)


async def set_window(uow: UnitOfWork, cycle: Cycle, window: Window, by: str, at: datetime) -> None:
    """Store the window (for everyone: the cycle's dates; else the unit's own); the caller
    tells people and commits."""
    if window.unit is None:
        await uow.cycles.set_dialogue(cycle.year, window.starts, window.ends)
        return
    if not await uow.dialog.unit_exists(window.unit):
        raise WindowRefused("unit", unit=window.unit)
    await uow.dialog.set_window(cycle.year, window, by, at)
