"""Rejecting an amendment asks the reason first, as the dialog kinerja's rejection does: a
one-question form about the amendment (its subject), and the reason goes to the employee."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from handlers.checkin import amendments, rights
from handlers.checkin.model import Verdict
from handlers.checkin.view import amendment_view, plan_items
from handlers.dialog.agreement_forms import ABOUT, NoteFlow, open_on
from handlers.effects import Msg, Reply
from handlers.forms.engine import Engine
from handlers.forms.model import Form, FormContext, Kind, Step, Value
from handlers.model import Employee
from handlers.ports import UnitOfWork

NAME = "checkin_reject"
REASON_LIMIT = 1000


def summary(answers: Mapping[str, Value], context: FormContext) -> Msg:
    return Msg("checkin/reject_review", {"employee": context.data.get("employee", "")})


REJECTION = Form(
    name=NAME,
    nodes=(
        Step(key="note", kind=Kind.LONG_TEXT, section="N", max_length=REASON_LIMIT,
             prompt=Msg("checkin/reject_prompt"), title=Msg("checkin/reject_title")),
    ),
    sections=(("N", Msg("checkin/reject_title")),),
    review=summary,
    title=Msg("checkin/reject_title"),
    submit=Msg("checkin/label", {"key": "reject"}),
    command="",
)  # fmt: skip


async def rejected(
    uow: UnitOfWork, person: Employee, about: dict[str, Any], reason: str, at: datetime
) -> list[Reply]:
    try:
        return await amendments.decide(
            uow, person, int(about["amendment"]), Verdict.REJECTED, at, reason
        )
    except rights.CheckinRefused as refusal:
        return [Reply(refusal.msg(), person.bahasa)]


def engine() -> Engine:
    return Engine(NoteFlow(REJECTION, rejected))


async def ask_reason(
    uow: UnitOfWork, engine: Engine, person: Employee, amendment_id: int, at: datetime
) -> list[Reply]:
    """Before rejecting: who may, and is it still undecided; then the reason is asked."""
    amendment = await uow.checkins.amendment(amendment_id)
    if amendment is None:
        raise rights.CheckinRefused("none")
    found = await rights.found(uow, person, amendment.checkin_id, at, supervisor=True)
    if amendment.verdict is not None:
        raise rights.CheckinRefused("decided")
    shown = amendment_view(amendment, await plan_items(uow, amendment.plan_id))
    about = {"amendment": amendment_id, "employee": found.owner.nama}
    intro = Msg("checkin/reject_intro", {**shown, "employee": found.owner.nama})
    return await open_on(uow, engine, person, amendment_id, {ABOUT: about}, intro, at)
