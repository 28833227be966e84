"""A check-in as its readers see it: each item planned against what was done, the evidence
sent again as a document, the amendments with the supervisor's buttons, and (for the
supervisor) the button that opens the feedback and closes the quarter's dialogue."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from handlers.checkin import rights
from handlers.checkin.due import PlannedItem, planned
from handlers.checkin.flow import planned_view
from handlers.checkin.model import CheckinState
from handlers.checkin.notices import button
from handlers.checkin.ports import Amendment, ItemAnswer
from handlers.dialog.team import team_of
from handlers.effects import Button, Msg, Reply
from handlers.model import Employee
from handlers.ports import UnitOfWork
from handlers.reference import methods


def answer_view(answer: ItemAnswer, item: dict[str, Any] | None) -> dict[str, Any]:
    return {
        **(item or {"position": 0, "competency": "", "planned": {}}),
        "status": answer.status,
        "reason": answer.status_reason,
        "done_on": answer.done_on,
        "method": method_names(answer),
        "jp": answer.jp_realized,
        "evidence": answer.evidence_file_id is not None,
        "fit": answer.fit,
        "fit_reason": answer.fit_reason,
        "benefit": answer.benefit,
        "example": answer.benefit_example,
        "feedback": answer.feedback,
    }


def method_names(answer: ItemAnswer) -> list[Msg] | None:
    if not answer.method_class or not answer.method_form:
        return None
    form = Msg("ref/method", {"key": answer.method_form, "part": "name"})
    return [methods.class_name(answer.method_class), form]


def amendment_view(amendment: Amendment, items: dict[int, dict[str, Any]]) -> dict[str, Any]:
    item = items.get(amendment.item_id or 0, {})
    return {
        "id": amendment.id,
        "kind": amendment.kind,
        "position": item.get("position"),
        "competency": item.get("competency") or amendment.content.get("competency_description", ""),
        "period": amendment.content if amendment.kind == "reschedule" else None,
        "reason": amendment.reason,
        "verdict": amendment.verdict,
        "verdict_reason": amendment.verdict_reason,
    }


async def plan_items(uow: UnitOfWork, plan_id: int) -> dict[int, dict[str, Any]]:
    """Every item of the plan as it stands — a cancelled one too, as it was last agreed."""
    content = await uow.plan_records.load(plan_id)
    if content is None:
        return {}
    current = {i.id: i for i in planned(content)}
    for item in content.items:
        if item.id is not None and item.id not in current:
            current[item.id] = PlannedItem(item.id, item.position, item.current, False)
    return {item_id: planned_view(i) for item_id, i in current.items()}


async def show(uow: UnitOfWork, person: Employee, checkin_id: int, now: datetime) -> list[Reply]:
    """Read the check-in (its supervisor or its employee); evidence files follow the text."""
    found = await rights.reader(uow, person, checkin_id, now)
    checkin = found.checkin
    items = await plan_items(uow, checkin.plan_id)
    answers = await uow.checkins.answers(checkin.id)
    amendments = await uow.checkins.amendments(checkin.id)
    context = {
        "employee": found.owner.nama,
        "quarter": checkin.quarter,
        "year": checkin.year,
        "state": checkin.state,
        "note": checkin.note,
        "items": [answer_view(a, items.get(a.item_id)) for a in answers],
        "amendments": [amendment_view(a, items) for a in amendments],
    }
    deciding = found.by_supervisor and person.id != found.owner.id
    keyboard: list[tuple[Button, ...]] = []
    if deciding:
        keyboard = [
            (button("agree", "ok", a.id), button("reject", "no", a.id))
            for a in amendments
            if a.verdict is None
        ]
        if checkin.state == CheckinState.SUBMITTED:
            keyboard.append((button("review", "review", checkin.id),))
    replies = [Reply(Msg("checkin/view", context), person.bahasa, tuple(keyboard))]
    for answer in answers:
        if answer.evidence_file_id is None:
            continue
        sent = await uow.files.load(answer.evidence_file_id)
        if sent is not None:
            item = items.get(answer.item_id, {})
            caption = Msg(
                "checkin/evidence_caption",
                {"position": item.get("position"), "competency": item.get("competency")},
            )
            replies.append(Reply(caption, person.bahasa, attachment=sent))
    return replies


async def team(uow: UnitOfWork, person: Employee, year: int, now: datetime) -> list[Reply]:
    """``/triwulan tim``: the team's check-ins this year, where each stands, buttons to read."""
    members, _ = await team_of(uow, person, year, now)
    names = {m.employee_id: m.nama for m in members}
    found = await uow.checkins.of_team(list(names), year)
    rows = [
        {"employee": names[c.employee_id], "quarter": c.quarter, "state": c.state} for c in found
    ]
    buttons = tuple(
        (
            Button(
                Msg(
                    "checkin/label",
                    {"key": "view_of", "name": names[c.employee_id], "quarter": c.quarter},
                ),
                f"ci:view:{c.id}",
            ),
        )
        for c in found
        if c.state in (CheckinState.SUBMITTED, CheckinState.REVIEWED)
    )
    context = {"year": year, "rows": rows, "members": len(members)}
    return [Reply(Msg("checkin/team", context), person.bahasa, buttons[:20])]
