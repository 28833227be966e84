"""Into the SKP (LAN 605/2025 BAB II D): a verified plan as the two texts the regulation
shows, to paste into e-Kinerja — a *Rencana Hasil Kerja* "Pelaksanaan Pengembangan
Kompetensi" (Kuantitas: N Program Pengembangan Kompetensi; Kualitas: Kesesuaian dengan
Kebutuhan Pengembangan, %; Waktu) and an *Ekspektasi Khusus Pimpinan* on the core value
Kompeten, naming the programmes."""

from __future__ import annotations

from handlers.effects import Msg, Reply
from handlers.model import Employee
from handlers.plan.document import competency_label
from handlers.plan.lifecycle import State
from handlers.plan.model import ItemVersion, PlanContent, Stage
from handlers.ports import UnitOfWork
from handlers.verify.view import method


def programmes(content: PlanContent) -> list[ItemVersion]:
    """The verified items, each one programme (Program Pengembangan Kompetensi)."""
    return [i.versions[Stage.VERIFIED] for i in content.items if Stage.VERIFIED in i.versions]


def skp_text(content: PlanContent, year: int) -> Msg:
    found = programmes(content)
    named = [{"method": method(v.method_form), "competency": competency_label(v)}
             for v in found]  # fmt: skip
    start = min((v.start_month for v in found), default=1)
    end = max((v.end_month for v in found), default=12)
    return Msg("verify/skp", {"count": len(found), "programmes": named, "year": year,
                              "period": Msg("label/period", {"start": start, "end": end,
                                                             "year": year})})  # fmt: skip


async def skp(uow: UnitOfWork, person: Employee, year: int) -> list[Reply]:
    """/skp: the person's own verified plan of the year as the SKP's two texts."""
    plan = await uow.plans.for_year(person.id, year)
    content = await uow.plan_records.load(plan.id) if plan else None
    if plan is None or content is None or plan.status != State.VERIFIED:
        status = plan.status if plan else None
        return [Reply(Msg("verify/skp_not_yet", {"year": year, "status": status}), person.bahasa)]
    return [Reply(skp_text(content, year), person.bahasa)]
