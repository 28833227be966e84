"""``/perubahan`` (``/changes``): administrators decide in chat the corrections of NIP or
unit kerja that employees asked for in Formulir 1 A — the same decisions as
``idp-bot change-requests``, one message per request with Approve / Reject buttons."""

from __future__ import annotations

from datetime import datetime

from handlers import change_requests
from handlers.access import Action, may
from handlers.calendar import zone_info
from handlers.change_requests import ChangeRefused, decision_buttons, describe
from handlers.effects import Msg, Reply
from handlers.forms.numbers import small_number
from handlers.model import Employee
from handlers.ports import UnitOfWork

SHOWN = 10  # requests listed at once, oldest first; deciding them makes room for the next


async def listing(uow: UnitOfWork, person: Employee) -> list[Reply]:
    """The pending requests, oldest first, each with its buttons."""
    if not may(person, Action.DECIDE_CHANGES):
        return [Reply(Msg("change/not_allowed"), person.bahasa)]
    waiting = await change_requests.pending(uow)
    shown = waiting[:SHOWN]
    zone, units = zone_info(person.zona_waktu), await uow.reference.unit_names()
    header = Reply(Msg("change/list", {"count": len(waiting), "shown": len(shown)}), person.bahasa)
    return [header] + [
        Reply(
            Msg("change/request", describe(r, zone, units)), person.bahasa, decision_buttons(r.id)
        )
        for r in shown
    ]


async def decide(uow: UnitOfWork, person: Employee, value: str, at: datetime) -> list[Reply]:
    """A press of ``cr:approve:<id>`` or ``cr:reject:<id>``: the decision replaces the
    buttons; a refusal (decided already, a NIP in use, …) leaves them for another try."""
    if not may(person, Action.DECIDE_CHANGES):
        return [Reply(Msg("change/not_allowed"), person.bahasa)]
    action, _, number = value.partition(":")
    request_id = small_number(number)
    if action not in change_requests.DECISIONS or request_id is None:
        return [Reply(Msg("menu/stale_button"), person.bahasa)]
    try:
        decided = await change_requests.DECISIONS[action](uow, request_id, at, person.nip)
    except ChangeRefused as refusal:
        # Nothing of a refused decision stays: an approval that lost the race to another
        # admin's decision has already written the new NIP or unit in this transaction.
        await uow.rollback()
        return [Reply(refusal.msg(), person.bahasa)]
    context = {**describe(decided, zone_info(person.zona_waktu)), "status": decided.status}
    return [Reply(Msg("change/decided", context), person.bahasa, replace=True)]
