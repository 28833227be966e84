"""Budi's plan is returned by Sri with a note, he changes it and sends it again: both
submissions are kept, and the audit log holds submit → return → submit with who and when."""

from __future__ import annotations

from handlers.effects import Incoming, Reply
from handlers.model import Account
from handlers.plan.lifecycle import State
from handlers.plan.model import Stage
from tests.unit.fakes import employee
from tests.unit.journey_steps import BUDI, SRI, SUBMIT_INDEX, Budi

NOTE = "Output item 1 belum terukur: sebutkan hasil yang bisa dicek."
SRI_CHAT = "6001"


async def as_sri(budi: Budi, text: str | None = None, payload: str | None = None) -> list[Reply]:
    budi.state.accounts[("telegram", SRI_CHAT)] = Account("telegram", SRI_CHAT, SRI.id)
    incoming = Incoming("telegram", SRI_CHAT, text=text, payload=payload,
                        dedupe_key=f"sri-{budi.clock.now().isoformat()}")  # fmt: skip
    replies = await budi.conversation.handle(incoming)
    budi.clock.advance(seconds=5)
    return replies


def sri_payload(budi: Budi, token: str) -> str:
    [session] = [s for s in budi.state.forms.sessions.values()
                 if s.employee_id == SRI.id and s.active]  # fmt: skip
    return f"f:{session.id}:{session.question}:{token}"


async def sent_plan() -> tuple[Budi, int]:
    budi = Budi()
    await budi.walk(0, SUBMIT_INDEX + 1)
    [plan] = budi.state.forms.plans.values()
    assert plan.status == State.SUBMITTED
    return budi, plan.id


async def return_as_sri(budi: Budi, plan_id: int) -> list[Reply]:
    [notice] = [m for m in budi.state.forms.outbox if m.template == "form1/supervisor_notice"]
    [back] = [b for row in notice.buttons for b in row if b.payload == f"plan:return:{plan_id}"]
    asked = await as_sri(budi, payload=back.payload)
    assert asked[0].text.template == "plan/return_intro"
    review = await as_sri(budi, text=NOTE)
    assert NOTE in str(review[-1].text.context)  # shown to confirm before it goes
    return await as_sri(budi, payload=sri_payload(budi, "submit"))


async def test_returned_resubmitted_and_both_submissions_kept_in_the_history() -> None:
    budi, plan_id = await sent_plan()
    [done] = await return_as_sri(budi, plan_id)
    assert done.text.template == "plan/return_done"
    assert budi.state.forms.plans[plan_id].status == State.RETURNED
    [told] = [m for m in budi.state.forms.outbox if m.template == "plan/returned"]
    assert told.employee_id == BUDI.id and told.context["note"] == NOTE

    screen = await budi.send("/isi")  # the form reopens at its review, every answer kept
    assert budi.cursor() == "@review" and screen[-1].text.template == "form/review"
    for token in ("edit", "sec.C1", f"go.{(await budi.laid_keys()).index('C.1.jp')}"):
        await budi.send(payload=budi.payload(token))
    await budi.send("30")
    [sent] = await budi.send(payload=budi.payload("submit"))
    assert sent.text.template == "form1/submitted"

    records = budi.state.forms.contents[plan_id]
    assert [c.submission for c in records] == [1, 2]
    first, second = records
    assert [i.versions[Stage.PROPOSED].jp for i in first.items] == [24, 8, 4]
    assert [i.versions[Stage.PROPOSED].jp for i in second.items] == [30, 8, 4]
    assert [i.id for i in first.items] == [i.id for i in second.items], "stable item ids"

    log = [(e.event, e.from_state, e.to_state, e.employee_id, e.note, e.changes)
           for e in budi.state.forms.events]  # fmt: skip
    assert log == [
        ("submit", "draft", "submitted", BUDI.id, None, {}),
        ("return", "submitted", "returned", SRI.id, NOTE, {}),
        ("submit", "returned", "submitted", BUDI.id, None, {"C.1.jp": [24, 30]}),
    ]
    times = [e.at for e in budi.state.forms.events]
    assert times == sorted(times) and len(set(times)) == 3
    assert budi.state.forms.plans[plan_id].status == State.SUBMITTED


async def test_only_the_supervisor_coordinator_or_admin_returns_and_only_a_sent_plan() -> None:
    budi, plan_id = await sent_plan()
    stranger = employee(3, "Dewi Lestari", "199511302020122004")
    budi.state.employees[stranger.id] = stranger
    budi.state.accounts[("telegram", "6003")] = Account("telegram", "6003", stranger.id)
    [refused] = await budi.conversation.handle(
        Incoming("telegram", "6003", payload=f"plan:return:{plan_id}", dedupe_key="dewi")
    )
    assert refused.text.template == "plan/return_refused"
    assert refused.text.context == {"reason": "actor"}
    await return_as_sri(budi, plan_id)
    [again] = await as_sri(budi, payload=f"plan:return:{plan_id}")  # returned already
    assert again.text.context == {"reason": "state"}
    assert [e.event for e in budi.state.forms.events] == ["submit", "return"]
