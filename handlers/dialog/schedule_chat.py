"""The chat's side of scheduling: "Jadwalkan" (or "Usulkan waktu lain", "Ubah jadwal") asks
for a date and time on the person's own clock — a one-question wizard on the form engine,
checked against the window, the working days and office hours as it is typed, so a wrong
time gets a clear sentence and the question again — and sends the offer; "Terima" agrees
the offered time; "Batalkan" asks once more, then calls the date off."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from handlers.calendar import QuietHours, local, wall_clock_to_utc
from handlers.dialog import schedule
from handlers.dialog.parties import ScheduleRefused, parties, rules
from handlers.dialog.slot import Rules, SlotRefused, check, parse_local, shown, suggestion
from handlers.effects import Button, Msg, Reply
from handlers.forms.engine import Engine
from handlers.forms.model import Form, FormContext, FormSession, Kind, Scope, Step, Value
from handlers.forms.numbers import small_number
from handlers.forms.walk import Walk
from handlers.forms.wizard import WizardFlow, close_wizard, open_wizard, refused
from handlers.model import Employee
from handlers.ports import UnitOfWork

NAME = "jadwal"
TEXT_LIMIT = 40


def check_time(value: Value, scope: Scope, context: FormContext) -> str | None:
    found = context.data.get("rules")
    if not isinstance(found, Rules):
        return "dialog/schedule/slot_gone"
    try:
        check(str(value), found)
    except SlotRefused as refusal:
        return f"dialog/schedule/slot_{refusal.reason}"
    return None


def canonical(value: Value, context: FormContext) -> Value:
    """Stored as ``YYYY-MM-DD HH:MM`` on the proposer's clock, however it was typed."""
    day, at = parse_local(str(value))
    return f"{day.isoformat()} {at.strftime('%H:%M')}"


def prompt_details(scope: Scope, context: FormContext) -> dict[str, object]:
    return dict(context.data.get("shown", {}))


def summary(answers: Mapping[str, Value], context: FormContext) -> Msg:
    return Msg("dialog/schedule/summary", {"with": context.data.get("with", ""),
                                           "when": answers.get("when", "")})  # fmt: skip


JADWAL = Form(
    name=NAME,
    nodes=(
        Step(key="when", kind=Kind.SHORT_TEXT, prompt=Msg("dialog/schedule/prompt"),
             title=Msg("dialog/schedule/title", {"key": "when"}), section="J",
             max_length=TEXT_LIMIT, check=check_time, normalize=canonical,
             details=prompt_details),
    ),
    sections=(("J", Msg("dialog/schedule/title", {"key": "J"})),),
    review=summary,
    title=Msg("dialog/schedule/title", {"key": "review"}),
    submit=Msg("dialog/schedule/label", {"key": "send"}),
    command="",  # resumed by pressing "Jadwalkan" again
)  # fmt: skip


class JadwalFlow(WizardFlow):
    form = JADWAL

    async def context(
        self, uow: UnitOfWork, person: Employee, session: FormSession, answers: dict[str, Value]
    ) -> FormContext:
        now = self.clock.now()
        try:
            found = await parties(uow, session.subject_id, person, now)
            checked = await rules(uow, found, now)
        except ScheduleRefused:
            return FormContext(person=person, year=0, data={})
        offer = suggestion(checked)
        data = {
            "rules": checked,
            "with": found.other.nama,
            "shown": {"starts": checked.window.starts, "ends": checked.window.ends,
                      "zone": person.zona_waktu.value, "with": found.other.nama,
                      "example": local(offer, person.zona_waktu).strftime("%d-%m-%Y %H:%M")
                      if offer else None},
        }  # fmt: skip
        return FormContext(person=person, year=found.plan.year, data=data)

    async def submit(
        self, uow: UnitOfWork, person: Employee, session: FormSession, walk: Walk, at: datetime
    ) -> list[Reply]:
        """Send the offer; if it can no longer be made (the window moved, the time passed),
        say why and keep the wizard at its review to change the time."""
        day, clock = parse_local(str(walk.answers.get("when", "")))
        starts = wall_clock_to_utc(day, clock, person.zona_waktu)
        try:
            replies = await schedule.propose(uow, person, session.subject_id, starts, at)
        except ScheduleRefused as refusal:
            return await refused(uow, person, session, dict(walk.answers), refusal.msg(), at)
        await close_wizard(uow, session, dict(walk.answers), at)
        return replies


async def pressed(
    uow: UnitOfWork, engine: Engine, person: Employee, value: str, now: datetime,
    quiet: QuietHours,
) -> list[Reply]:  # fmt: skip
    """A scheduling button (``dlg:<action>:<plan>[:<revision>]``), for whoever pressed it."""
    action, _, rest = value.partition(":")
    plan_text, _, revision_text = rest.partition(":")
    plan_id, revision = small_number(plan_text), small_number(revision_text)
    try:
        if plan_id is None:
            raise ScheduleRefused("stale")
        if action == "sched":
            return await ask_time(uow, engine, person, plan_id, now)
        if action == "ok" and revision is not None:
            return await schedule.accept(uow, person, plan_id, revision, now, quiet)
        if action == "cancel":
            return await ask_cancel(uow, person, plan_id, now)
        if action == "drop":
            return await schedule.cancel(uow, person, plan_id, now)
        raise ScheduleRefused("stale")
    except ScheduleRefused as refusal:
        return [Reply(refusal.msg(), person.bahasa)]


async def ask_time(
    uow: UnitOfWork, engine: Engine, person: Employee, plan_id: int, now: datetime
) -> list[Reply]:
    found = await schedule.may_propose(uow, person, plan_id, now)
    current = await uow.dialog.appointment(plan_id)
    agreed = current.starts_at if current else None
    intro = {"with": found.other.nama, "year": found.plan.year,
             "agreed": shown(agreed, person.zona_waktu) if agreed else None}  # fmt: skip
    return await open_wizard(uow, engine, person, Msg("dialog/schedule/intro", intro), now,
                             subject=plan_id)  # fmt: skip


async def ask_cancel(uow: UnitOfWork, person: Employee, plan_id: int, now: datetime) -> list[Reply]:
    found = await parties(uow, plan_id, person, now)
    current = await uow.dialog.appointment(plan_id)
    when = current.starts_at or current.proposed_at if current else None
    if when is None:
        raise ScheduleRefused("nothing")
    sure = Button(Msg("dialog/schedule/label", {"key": "cancel_yes"}),
                  f"{schedule.BUTTON}:drop:{plan_id}")  # fmt: skip
    context = {**shown(when, person.zona_waktu), "with": found.other.nama}
    return [Reply(Msg("dialog/schedule/cancel_ask", context), person.bahasa,
                  buttons=((sure,),))]  # fmt: skip
