"""The group's recap done (Formulir 2's Koordinator Kelompok Keahlian): once nothing of the
group awaits verification, its coordinator marks the recap of the year done, and the
Koordinator Pembelajaran is told (to recap per level, BAB II C)."""

from __future__ import annotations

from datetime import datetime

from handlers.access import Action, may
from handlers.effects import Msg, Reply
from handlers.model import Employee, Role
from handlers.notify import Notify, notify
from handlers.ports import UnitOfWork
from handlers.verify.verification import VerifyRefused


async def mark_done(uow: UnitOfWork, person: Employee, year: int, at: datetime) -> list[Reply]:
    """/verifikasi selesai: the coordinator of the person's group marks its recap done."""
    group = person.kelompok_keahlian
    if not may(person, Action.MARK_RECAP_DONE) or group is None:
        raise VerifyRefused("not_group_coordinator")
    left = await uow.verifications.awaiting(year, group)
    if left:
        raise VerifyRefused("left", items=len(left), plans=len({i.plan_id for i in left}))
    if not await uow.verifications.mark_recap(group, year, person.id, at):
        found = await uow.verifications.recap(group, year)
        raise VerifyRefused("already", at=found.done_at if found else None)
    told = Msg("verify/recap_done", {"group": group, "year": year, "by": person.nama})
    for coordinator in await uow.employees.ids_with_role(Role.KOORDINATOR_PEMBELAJARAN):
        key = f"verify:recap:{year}:{coordinator}:{group}"[:120]
        await notify(uow, Notify(coordinator, told, dedupe_key=key), at)
    return [Reply(Msg("verify/recap_marked", {"group": group, "year": year}), person.bahasa)]
