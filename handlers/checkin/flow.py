"""The check-in form's flow: what it reads (the quarter's due items, as the plan stands),
what an answer changes (the check-in is in progress), and what sending it does: the answers
kept per item, a cancelled or moved item proposed to the supervisor as an amendment, and the
supervisor told."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from handlers.calendar import local
from handlers.checkin import due, notices
from handlers.checkin.form import CHECKIN, DONE, ITEMS, evidence_file, felt, key
from handlers.checkin.model import AmendmentKind, CheckinState, Fit, ItemStatus
from handlers.checkin.ports import Checkin, ItemAnswer
from handlers.effects import Msg, Reply
from handlers.forms.model import FormContext, FormSession, Value
from handlers.forms.walk import Slot, Walk
from handlers.forms.wizard import close_wizard
from handlers.model import Employee
from handlers.plan.model import ItemVersion, PlanContent
from handlers.ports import Clock, UnitOfWork


def competency_name(version: ItemVersion) -> str:
    """The competency as typed, or (a gap of the self-assessment) its dictionary key, readable."""
    key = (version.competency_key or "").replace("_", " ")
    return version.competency_description or key.capitalize()


def planned_view(item: due.PlannedItem) -> dict[str, Any]:
    v = item.version
    return {
        "id": item.id,
        "position": item.position,
        "competency": competency_name(v),
        "planned": {
            "metode_klasifikasi": v.method_class,
            "metode_bentuk": v.method_form,
            "start": v.start_month,
            "end": v.end_month,
            "jp": v.jp,
            "goal": v.goal,
        },
    }


def items_of(
    content: PlanContent | None, quarter: int, finished: frozenset[int] = frozenset()
) -> tuple[list[dict[str, Any]], ...]:
    """(asked, shown): the due items not ``finished`` in an earlier quarter, and those not due
    yet, as the form's context holds them."""
    items = due.planned(content) if content is not None else []
    asked, later = due.split_due([i for i in items if i.id not in finished], quarter)
    return [planned_view(i) for i in asked], [planned_view(i) for i in later]


FINISHED = (ItemStatus.TERLAKSANA, ItemStatus.BATAL)  # nothing more to ask of such an item


async def items_of_checkin(uow: UnitOfWork, checkin: Checkin) -> tuple[list[dict[str, Any]], ...]:
    """The check-in's (asked, shown) items: an item an earlier quarter's sent check-in recorded
    done or cancelled is not asked again."""
    finished: set[int] = set()
    for earlier in await uow.checkins.of_team([checkin.employee_id], checkin.year):
        if (
            earlier.plan_id == checkin.plan_id
            and earlier.quarter < checkin.quarter
            and earlier.state in (CheckinState.SUBMITTED, CheckinState.REVIEWED)
        ):
            answers = await uow.checkins.answers(earlier.id)
            finished |= {a.item_id for a in answers if a.status in FINISHED}
    content = await uow.plan_records.load(checkin.plan_id)
    return items_of(content, checkin.quarter, frozenset(finished))


class CheckinFlow:
    form = CHECKIN

    def __init__(self, clock: Clock) -> None:
        self.clock = clock

    async def context(
        self, uow: UnitOfWork, person: Employee, session: FormSession, answers: dict[str, Value]
    ) -> FormContext:
        checkin = await uow.checkins.get(session.subject_id)
        if checkin is None:
            return FormContext(person=person, year=0, data={})
        asked, later = await items_of_checkin(uow, checkin)
        today = local(self.clock.now(), person.zona_waktu).date()
        data = {ITEMS: asked, "later": later, "quarter": checkin.quarter, "today": today}
        return FormContext(person=person, year=checkin.year, data=data)

    async def after_answer(
        self, uow: UnitOfWork, person: Employee, walk: Walk, slot: Slot, at: datetime
    ) -> list[Msg]:
        checkin = await uow.checkins.get(walk.session.subject_id)
        if checkin is not None and checkin.state == CheckinState.ASKED:
            await uow.checkins.set_state(checkin.id, CheckinState.IN_PROGRESS, at)
        return []

    async def submit(
        self, uow: UnitOfWork, person: Employee, session: FormSession, walk: Walk, at: datetime
    ) -> list[Reply]:
        checkin = await uow.checkins.get(session.subject_id)
        if checkin is None or checkin.employee_id != person.id:
            return [Reply(Msg("checkin/none"), person.bahasa)]
        items = walk.context.data.get(ITEMS, [])
        answers = [answer_of(int(i["id"]), walk.answers) for i in items]
        if not await uow.checkins.submit(checkin.id, answers, at):
            await close_wizard(uow, session, dict(walk.answers), at)
            return [Reply(Msg("checkin/already_sent"), person.bahasa)]
        await propose_changes(uow, checkin, walk.answers, items, at)
        waiting = [a for a in await uow.checkins.amendments(checkin.id) if a.verdict is None]
        proposed = len(waiting)  # new items proposed before sending count too
        await close_wizard(uow, session, dict(walk.answers), at)
        told = await notices.submitted(uow, person, checkin, len(answers), proposed, at)
        return [notices.sent_reply(person, checkin, told)]


def answer_of(item_id: int, answers: dict[str, Value]) -> ItemAnswer:
    """An item's answers as the row of checkin_items (only what its status asked)."""

    def get(question: str) -> Any:
        return answers.get(key(item_id, question))

    status = str(get("status"))
    happened = status in DONE
    day = get("tanggal") if happened else None
    evidence = evidence_file(get("bukti")) if happened else None
    return ItemAnswer(
        item_id=item_id,
        status=status,
        status_reason=get("alasan") if status == ItemStatus.BATAL else None,
        done_on=date.fromisoformat(day) if isinstance(day, str) else None,
        method_class=get("metode_klasifikasi") if happened else None,
        method_form=get("metode_bentuk") if happened else None,
        jp_realized=get("jp") if happened else None,
        evidence_file_id=evidence[0] if evidence else None,
        fit=get("fit") if happened else None,
        fit_reason=get("fit_alasan") if happened and get("fit") != Fit.SESUAI else None,
        benefit=get("manfaat") if happened else None,
        benefit_example=get("contoh") if happened and felt(get("manfaat")) else None,
    )


async def propose_changes(
    uow: UnitOfWork,
    checkin: Checkin,
    answers: dict[str, Value],
    items: list[dict[str, Any]],
    at: datetime,
) -> None:
    """A cancelled item, or a new time frame for one not begun, goes to the supervisor as an
    amendment of the plan."""
    for item in items:
        item_id = int(item["id"])
        status, period = (
            answers.get(key(item_id, "status")),
            answers.get(key(item_id, "waktu_baru")),
        )
        if status == ItemStatus.BATAL:
            reason = str(answers.get(key(item_id, "alasan")) or "")
            await uow.checkins.propose(
                checkin.id, checkin.plan_id, AmendmentKind.CANCEL, item_id, {}, reason, at
            )
        elif status == ItemStatus.BELUM and isinstance(period, dict):
            await uow.checkins.propose(
                checkin.id,
                checkin.plan_id,
                AmendmentKind.RESCHEDULE,
                item_id,
                dict(period),
                None,
                at,
            )
