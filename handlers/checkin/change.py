"""``/triwulan ubah``: during a check-in, change any item's time frame or cancel it — due or
not — as an amendment for the supervisor (the check-in's own questions cover the due items
that were not begun or were cancelled). A short form about the check-in (its subject)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from handlers.calendar import local
from handlers.checkin import notices, rights
from handlers.checkin.due import planned
from handlers.checkin.flow import planned_view
from handlers.checkin.model import AmendmentKind, CheckinState
from handlers.dialog.agreement_forms import AnswersOnly, open_on
from handlers.effects import Msg, Reply
from handlers.forms.engine import Engine
from handlers.forms.model import Choice, Form, FormContext, FormSession, Kind, Scope, Step, Value
from handlers.forms.walk import Walk
from handlers.forms.wizard import close_wizard
from handlers.model import Employee
from handlers.ports import Clock, UnitOfWork

NAME = "checkin_change"
SECTION = "P"
REASON_LIMIT = 1000
ACTIONS = (AmendmentKind.RESCHEDULE.value, AmendmentKind.CANCEL.value)


def item_choices(scope: Scope, context: FormContext) -> list[Choice]:
    return [Choice(str(i["id"]), Msg("checkin/change_item", i)) for i in context.data["items"]]


def action_is(action: str) -> Any:
    return lambda scope, context: scope.get("aksi") == action


def step(key: str, kind: Kind, **extra: Any) -> Step:
    prompt, title = (
        Msg("checkin/change_prompt", {"key": key}),
        Msg("checkin/change_title", {"key": key}),
    )
    return Step(key=key, kind=kind, section=SECTION, prompt=prompt, title=title, **extra)


def refuse_past_period(value: Value, scope: Scope, context: FormContext) -> str | None:
    """A new time frame must not be over already: its last month is this month or later."""
    today = context.data.get("today")
    if not isinstance(value, dict) or not isinstance(today, date):
        return None
    if (context.year, int(value.get("end", 12))) < (today.year, today.month):
        return "checkin/error_period_past"
    return None


CHANGE = Form(
    name=NAME,
    nodes=(
        step("item", Kind.CHOICE, choices=item_choices, offered_only=True),
        step(
            "aksi",
            Kind.CHOICE,
            choices=lambda s, c: [
                Choice(a, Msg("checkin/value", {"kind": "kind", "key": a})) for a in ACTIONS
            ],
        ),
        step(
            "waktu",
            Kind.PERIOD,
            condition=action_is(AmendmentKind.RESCHEDULE),
            check=refuse_past_period,
        ),
        step(
            "alasan",
            Kind.LONG_TEXT,
            max_length=REASON_LIMIT,
            condition=action_is(AmendmentKind.CANCEL),
        ),
    ),
    sections=((SECTION, Msg("checkin/change_title", {"key": SECTION})),),
    review=lambda answers, context: Msg("checkin/change_review"),
    title=Msg("checkin/change_title", {"key": "review"}),
    submit=Msg("checkin/label", {"key": "propose"}),
    command="",
)


class ChangeFlow(AnswersOnly):
    form = CHANGE

    def __init__(self, clock: Clock) -> None:
        self.clock = clock

    async def context(
        self, uow: UnitOfWork, person: Employee, session: FormSession, answers: dict[str, Value]
    ) -> FormContext:
        checkin = await uow.checkins.get(session.subject_id)
        content = await uow.plan_records.load(checkin.plan_id) if checkin else None
        items = [planned_view(i) for i in planned(content)] if content else []
        year = checkin.year if checkin else 0
        today = local(self.clock.now(), person.zona_waktu).date()
        return FormContext(person=person, year=year, data={"items": items, "today": today})

    async def submit(
        self, uow: UnitOfWork, person: Employee, session: FormSession, walk: Walk, at: datetime
    ) -> list[Reply]:
        answers: Mapping[str, Value] = walk.answers
        await close_wizard(uow, session, dict(walk.answers), at)
        try:
            checked = await rights.found(uow, person, session.subject_id, at, supervisor=False)
        except rights.CheckinRefused as refusal:
            return [Reply(refusal.msg(), person.bahasa)]
        checkin = checked.checkin
        if checkin.state == CheckinState.REVIEWED:
            return [Reply(Msg("checkin/refused", {"reason": "closed"}), person.bahasa)]
        kind = str(answers.get("aksi"))
        period = answers.get("waktu") if kind == AmendmentKind.RESCHEDULE else None
        reason = answers.get("alasan") if kind == AmendmentKind.CANCEL else None
        proposed = await uow.checkins.propose(
            checkin.id, checkin.plan_id, kind, int(str(answers.get("item"))),
            dict(period) if isinstance(period, dict) else {}, str(reason) if reason else None, at,
        )  # fmt: skip
        told: list[str] = []
        sent = checkin.state == CheckinState.SUBMITTED
        if sent:  # the check-in was sent already: the supervisor hears now
            told = await notices.submitted(uow, person, checkin, 0, 1, at, f"change:{proposed}")
        context = {"told": told, "sent": sent}
        return [Reply(Msg("checkin/change_proposed", context), person.bahasa)]


async def open_change(
    uow: UnitOfWork, engine: Engine, person: Employee, checkin_id: int, at: datetime
) -> list[Reply]:
    checked = await rights.found(uow, person, checkin_id, at, supervisor=False)
    if checked.checkin.state == CheckinState.REVIEWED:
        raise rights.CheckinRefused("closed")
    intro = Msg("checkin/change_intro", {"quarter": checked.checkin.quarter})
    return await open_on(uow, engine, person, checkin_id, {}, intro, at)
