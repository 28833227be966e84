"""The quarterly check-in in the chat: ``/triwulan`` (``/checkin``) opens or resumes one's own
check-in, ``/triwulan tim`` lists the team's, ``/triwulan tambah`` proposes a new item; the
``ci:…`` buttons start, snooze ("ingatkan besok"), read, review and decide; a file sent while
the check-in asks for evidence is taken as the evidence."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from handlers.calendar import local
from handlers.checkin import amendments, change, evidence, opening, rejection, review, view
from handlers.checkin.flow import CheckinFlow, items_of_checkin
from handlers.checkin.form import NAME
from handlers.checkin.model import CheckinState, Verdict
from handlers.checkin.rights import CheckinRefused, found
from handlers.dialog.agreement_forms import ItemFlow, open_on
from handlers.dialog.agreement_item import ITEM
from handlers.effects import Msg, Reply
from handlers.features import Button, Command, Feature, Form, Turn
from handlers.forms.engine import Engine
from handlers.forms.model import FormContext, Value
from handlers.forms.numbers import small_number

ADD = "checkin_add"
TEAM_WORDS = ("tim", "team")
ADD_WORDS = ("tambah", "add")
CHANGE_WORDS = ("ubah", "change")


def add_review(answers: Mapping[str, Value], context: FormContext) -> Msg:
    return Msg("checkin/add_review", {"employee": context.data.get("employee", "")})


def add_flow() -> ItemFlow:
    flow = ItemFlow(ADD, amendments.propose_item)
    flow.form = replace(
        flow.form,
        review=add_review,
        title=Msg("checkin/add_title"),
        submit=Msg("checkin/label", {"key": "propose"}),
    )
    return flow


async def command(turn: Turn, argument: str) -> list[Reply]:
    word = argument.strip().lower()
    years = await opening.checkin_years(turn.uow, turn.now)
    if word in TEAM_WORDS:
        return await view.team(turn.uow, turn.person, years, turn.now)
    checkin = None
    for year in years:  # the newest cycle's check-in first
        checkin = checkin or await turn.uow.checkins.latest_of(turn.person.id, year)
    if checkin is None:
        return [Reply(Msg("checkin/none"), turn.person.bahasa)]
    if word in ADD_WORDS:
        return await add_item(turn, checkin.id)
    if word in CHANGE_WORDS:
        return await change.open_change(turn.uow, turn.engine(change.NAME), turn.person,
                                        checkin.id, turn.now)  # fmt: skip
    return await start(turn, checkin.id)


async def start(turn: Turn, checkin_id: int) -> list[Reply]:
    """Open (or resume) the check-in's questions, naming the items not due yet; a sent one is
    shown instead."""
    checkin = (await found(turn.uow, turn.person, checkin_id, turn.now, supervisor=False)).checkin
    if not opening.open_for_answers(checkin):
        return await view.show(turn.uow, turn.person, checkin.id, turn.now)
    asked, later = await items_of_checkin(turn.uow, checkin)
    intro = Msg(
        "checkin/intro",
        {"quarter": checkin.quarter, "year": checkin.year, "asked": len(asked), "later": later},
    )
    return await open_on(turn.uow, turn.engine(NAME), turn.person, checkin.id, {}, intro, turn.now)


async def add_item(turn: Turn, checkin_id: int) -> list[Reply]:
    checked = await found(turn.uow, turn.person, checkin_id, turn.now, supervisor=False)
    if checked.checkin.state == CheckinState.REVIEWED:
        raise CheckinRefused("closed")
    start_with = {ITEM: {"plan": checked.checkin.plan_id, "item": 0, "position": None}}
    intro = Msg("checkin/add_intro", {"quarter": checked.checkin.quarter})
    return await open_on(
        turn.uow, turn.engine(ADD), turn.person, checkin_id, start_with, intro, turn.now
    )


async def snooze(turn: Turn, checkin_id: int) -> list[Reply]:
    checked = await found(turn.uow, turn.person, checkin_id, turn.now, supervisor=False)
    if not opening.open_for_answers(checked.checkin):
        raise CheckinRefused("sent")
    at = await opening.snooze(turn.uow, turn.person, checked.checkin, turn.now, turn.quiet)
    return [
        Reply(
            Msg(
                "checkin/snoozed",
                {
                    "at": local(at, turn.person.zona_waktu).date(),
                    "zone": turn.person.zona_waktu.value,
                },
            ),
            turn.person.bahasa,
        )
    ]


async def pressed(turn: Turn, value: str) -> list[Reply]:
    """``ci:<action>:<id>``: each action checks again who may take it."""
    action, _, number_text = value.partition(":")
    number = small_number(number_text)
    try:
        if number is None:
            raise CheckinRefused("none")
        if action == "start":
            return await start(turn, number)
        if action == "snooze":
            return await snooze(turn, number)
        if action == "add":
            return await add_item(turn, number)
        if action == "change":
            return await change.open_change(turn.uow, turn.engine(change.NAME), turn.person,
                                            number, turn.now)  # fmt: skip
        if action == "team":
            years = await opening.checkin_years(turn.uow, turn.now)
            return await view.team(turn.uow, turn.person, years, turn.now)
        if action == "view":
            return await view.show(turn.uow, turn.person, number, turn.now)
        if action == "review":
            return await review.open_review(
                turn.uow, turn.engine(review.NAME), turn.person, number, turn.now
            )
        if action == "ok":
            return await amendments.decide(turn.uow, turn.person, number, Verdict.AGREED,
                                           turn.now)  # fmt: skip
        if action == "no":  # the reason first
            return await rejection.ask_reason(turn.uow, turn.engine(rejection.NAME), turn.person,
                                              number, turn.now)  # fmt: skip
        raise CheckinRefused("none")
    except CheckinRefused as refusal:
        return [Reply(refusal.msg(), turn.person.bahasa)]


async def document(turn: Turn, caption: str) -> list[Reply] | None:
    """A file sent while the check-in asks for evidence is the evidence; while it asks
    something else, the person is told when to send it; otherwise None (not ours)."""
    session = turn.session
    if session is None or session.form != NAME:
        return None
    if turn.incoming.document is None or turn.files is None:
        return None
    if not evidence.asks_for_evidence(session):
        engine = turn.engine(NAME)
        return await engine.show(
            turn.uow, turn.person, session, turn.now, [Msg("checkin/file_not_now")], fresh=False
        )
    return await evidence.received(
        turn.uow,
        turn.engine(NAME),
        turn.person,
        session,
        turn.incoming.document,
        turn.files,
        turn.now,
    )


async def command_safe(turn: Turn, argument: str) -> list[Reply]:
    try:
        return await command(turn, argument)
    except CheckinRefused as refusal:
        return [Reply(refusal.msg(), turn.person.bahasa)]


FEATURE = Feature(
    "checkin",
    commands=(Command(("triwulan", "checkin"), command_safe, shows_form=True),),
    buttons=(Button("ci", pressed),),
    forms=(
        Form(NAME, lambda clock, quiet: Engine(CheckinFlow(clock))),
        Form(review.NAME, lambda clock, quiet: Engine(review.ReviewFlow())),
        Form(ADD, lambda clock, quiet: Engine(add_flow())),
        Form(rejection.NAME, lambda clock, quiet: rejection.engine()),
        Form(change.NAME, lambda clock, quiet: Engine(change.ChangeFlow(clock))),
    ),
)
