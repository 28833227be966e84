"""Pelaksanaan and the employee's confirmation on the fakes: Sri agrees Budi's item 1 (at
another execution level), changes item 2's JP through Formulir 1 C's questions, rejects
item 3 with a reason and adds a fourth; Budi sees what changed and confirms. Everything is
kept: the proposed versions, the agreed ones, each decision in the audit log."""

from __future__ import annotations

from dataclasses import replace

from handlers.conversation import Conversation
from handlers.dialog.agreement_item import item_steps
from handlers.effects import Incoming, Reply
from handlers.model import Account
from handlers.plan.lifecycle import State
from handlers.plan.model import Decision, Stage
from tests.unit.fakes import employee
from tests.unit.journey_steps import BUDI, SRI, Budi
from tests.unit.test_plan_return import as_sri, return_as_sri, sent_plan, sri_payload

REASON = "Sudah diikuti tahun lalu; belum mendesak."


def item_ids(budi: Budi, plan_id: int) -> list[int]:
    return [i.id for i in budi.state.forms.contents[plan_id][-1].items if i.id is not None]


def buttons(replies: list[Reply]) -> set[str]:
    return {b.payload for r in replies for row in r.buttons for b in row}


async def sri_edits_jp(budi: Budi, plan_id: int, item: int, jp: str) -> list[Reply]:
    """Ubah: the item's questions come pre-filled (straight to their review); Sri goes to
    the JP question, answers, and saves."""
    review = await as_sri(budi, payload=f"agr:edit:{plan_id}:{item}")
    assert review[-1].text.template == "form/review"
    await as_sri(budi, payload=sri_payload(budi, "edit"))
    await as_sri(budi, payload=sri_payload(budi, "sec.C"))
    steps = [step.key for step in item_steps()]
    asked = await as_sri(budi, payload=sri_payload(budi, f"go.{steps.index('jp')}"))
    assert asked[-1].text.template == "form/question"
    await as_sri(budi, text=jp)
    return await as_sri(budi, payload=sri_payload(budi, "submit"))


ADDED = [("t0", None), ("done", None), (None, "Menyusun SOP layanan digital"),
         (None, "SOP terbit dan dipakai unit"), ("c2", None), (None, "Penulisan SOP"),
         ("c1", None), ("c2", None), ("c0", None), (None, "Mentor unit"), (None, "TW III"),
         ("c0", None), (None, "Bagian Organisasi"), (None, "6")]  # fmt: skip


async def sri_adds(budi: Budi, plan_id: int) -> list[Reply]:
    first = await as_sri(budi, payload=f"agr:add:{plan_id}")
    assert first[-1].text.template == "form/question"
    for token, text in ADDED:
        await (as_sri(budi, payload=sri_payload(budi, token)) if token else as_sri(budi, text=text))
    return await as_sri(budi, payload=sri_payload(budi, "submit"))


async def agreed_by_sri() -> tuple[Budi, int]:
    budi, plan_id = await sent_plan()
    opened = await as_sri(budi, payload=f"agr:agree:{plan_id}")
    assert [r.text.template for r in opened] == ["dialog/agree/board", "dialog/agree/card"]
    assert budi.state.forms.plans[plan_id].status == State.IN_DIALOGUE
    one, two, three = item_ids(budi, plan_id)
    assert f"agr:ok:{plan_id}:{one}" in buttons(opened)
    redrawn = await as_sri(budi, payload=f"agr:lvl:{plan_id}:{one}:operasional")
    assert redrawn[0].replace and redrawn[0].text.context["outcome"] == "changed"
    [card_two] = await as_sri(budi, payload=f"agr:ok:{plan_id}:{one}")
    assert card_two.text.context["position"] == 2
    saved = await sri_edits_jp(budi, plan_id, two, "12")
    assert saved[0].text.template == "dialog/agree/saved"
    assert saved[-1].text.context["position"] == 3
    asked = await as_sri(budi, payload=f"agr:no:{plan_id}:{three}")
    assert asked[0].text.template == "dialog/agree/note_intro"
    await as_sri(budi, text=REASON)
    [board] = await as_sri(budi, payload=sri_payload(budi, "submit"))
    assert board.text.template == "dialog/agree/board" and board.text.context["left"] == 0
    added = await sri_adds(budi, plan_id)
    assert added[-1].text.template == "dialog/agree/board"
    await as_sri(budi, payload=f"agr:note:{plan_id}")
    await as_sri(budi, text="Kesenjangan komunikasi dibahas; Budi termotivasi memimpin rapat.")
    await as_sri(budi, payload=sri_payload(budi, "submit"))
    [sent] = await as_sri(budi, payload=f"agr:send:{plan_id}")
    assert sent.text.template == "dialog/agree/sent"
    return budi, plan_id


async def test_supervisor_agrees_changes_rejects_adds_and_the_employee_confirms() -> None:
    budi, plan_id = await agreed_by_sri()
    assert budi.state.forms.plans[plan_id].status == State.AWAITING_CONFIRMATION
    content = budi.state.forms.contents[plan_id][-1]
    one, two, three, four = content.items
    assert one.versions[Stage.AGREED].execution_level == "operasional"
    assert one.versions[Stage.PROPOSED].execution_level == "teknis", "the proposal is kept"
    assert (two.versions[Stage.PROPOSED].jp, two.versions[Stage.AGREED].jp) == (8, 12)
    assert Stage.AGREED not in three.versions
    assert set(four.versions) == {Stage.AGREED} and four.versions[Stage.AGREED].jp == 6
    decisions = budi.state.forms.decisions[(plan_id, 1)]
    assert decisions[three.id or 0].decision is Decision.REJECTED
    assert decisions[three.id or 0].reason == REASON

    [notice] = [m for m in budi.state.forms.outbox if m.template == "dialog/agree/proposed"]
    assert notice.employee_id == BUDI.id
    entries = {e["position"]: e for e in notice.context["items"]}
    assert [entries[n]["outcome"] for n in (1, 2, 3, 4)] == ["changed", "changed", "rejected",
                                                              "added"]  # fmt: skip
    [jp] = entries[2]["changes"]
    assert (jp["old"], jp["new"]) == (["8"], ["12"])
    assert entries[3]["reason"] == REASON
    assert buttons_of(notice) == {f"agr:confirm:{plan_id}", f"agr:again:{plan_id}"}

    done = await budi.send(payload=f"agr:confirm:{plan_id}")
    assert [r.text.template for r in done] == ["dialog/agree/agreed", "plan/document"]
    assert budi.state.forms.plans[plan_id].status == State.AGREED
    final = done[1].text.context["sections"]
    assert [s["item"] for s in final if s["key"] == "C"] == [1, 2, 4], "the rejected one is out"
    told = [m.template for m in budi.state.forms.outbox if m.employee_id == SRI.id]
    assert told[-2:] == ["dialog/agree/confirmed", "plan/document"]

    log = [(e.event, e.from_state, e.to_state) for e in budi.state.forms.events]
    assert log[1] == ("open_dialogue", "submitted", "in_dialogue")
    assert [e for e, _, _ in log].count("decide_item") == 5  # level, agree, change, reject, add
    assert log[-2:] == [("propose_agreement", "in_dialogue", "awaiting_confirm"),
                        ("confirm", "awaiting_confirm", "agreed")]  # fmt: skip
    [propose] = [e for e in budi.state.forms.events if e.event == "propose_agreement"]
    assert propose.changes["C.2.jp"] == [8, 12]
    assert propose.changes["C.3.decision"] == [None, "rejected"]
    assert propose.changes["C.4.jp"] == [None, 6]
    assert propose.note and "komunikasi" in propose.note


def buttons_of(message: object) -> set[str]:
    return {b.payload for row in getattr(message, "buttons", ()) for b in row}


async def test_the_employee_asks_to_discuss_again_and_the_supervisor_is_told() -> None:
    budi, plan_id = await agreed_by_sri()
    asked = await budi.send(payload=f"agr:again:{plan_id}")
    assert asked[0].text.template == "dialog/agree/note_intro"
    await budi.send("Saya ingin item 3 tetap ada, mohon dibahas lagi.")
    [sent] = await budi.send(payload=budi.payload("submit"))
    assert sent.text.template == "dialog/agree/again_sent"
    assert budi.state.forms.plans[plan_id].status == State.IN_DIALOGUE
    [told] = [m for m in budi.state.forms.outbox if m.template == "dialog/agree/again"]
    assert told.employee_id == SRI.id and "item 3" in told.context["note"]
    assert buttons_of(told) == {f"agr:agree:{plan_id}"}
    reopened = await as_sri(budi, payload=f"agr:agree:{plan_id}")
    assert [r.text.template for r in reopened] == ["dialog/agree/board"], "all still decided"
    assert budi.state.forms.events[-1].note == "Saya ingin item 3 tetap ada, mohon dibahas lagi."


async def test_only_the_direct_supervisor_records_and_only_the_employee_confirms() -> None:
    budi, plan_id = await sent_plan()
    other = employee(3, "Dewi Lestari", "199511302020122004")
    budi.state.employees[other.id] = other
    budi.state.accounts[("telegram", "6003")] = Account("telegram", "6003", other.id)

    async def as_dewi(payload: str) -> list[Reply]:
        return await budi.conversation.handle(Incoming("telegram", "6003", payload=payload,
                                                       dedupe_key=payload))  # fmt: skip

    [refused] = await as_dewi(f"agr:agree:{plan_id}")
    assert refused.text.template == "dialog/agree/refused"
    assert refused.text.context["reason"] == "actor"
    [early] = await budi.send(payload=f"agr:confirm:{plan_id}")
    assert early.text.context["reason"] == "state"
    [own] = await budi.send(payload=f"agr:agree:{plan_id}")
    assert own.text.context["reason"] == "actor", "Budi is not his own supervisor"
    await as_sri(budi, payload=f"agr:agree:{plan_id}")
    [undecided] = await as_sri(budi, payload=f"agr:send:{plan_id}")
    assert undecided.text.context == {"reason": "undecided", "items": [1, 2, 3]}
    [stranger] = await as_dewi(f"agr:ok:{plan_id}:{item_ids(budi, plan_id)[0]}")
    assert stranger.text.context["reason"] == "actor"
    [late] = await as_sri(budi, payload=f"plan:return:{plan_id}")  # in dialogue: no return
    assert late.text.context == {"reason": "state"}
    assert budi.state.forms.plans[plan_id].status == State.IN_DIALOGUE


async def test_a_change_begun_is_resumed_after_a_restart_and_decisions_stay() -> None:
    budi, plan_id = await sent_plan()
    await as_sri(budi, payload=f"agr:agree:{plan_id}")
    one, two, _ = item_ids(budi, plan_id)
    await as_sri(budi, payload=f"agr:ok:{plan_id}:{one}")
    await as_sri(budi, payload=f"agr:edit:{plan_id}:{two}")
    await as_sri(budi, payload=sri_payload(budi, "edit"))
    await as_sri(budi, payload=sri_payload(budi, "sec.C"))
    await as_sri(budi, payload=sri_payload(budi, f"go.{[s.key for s in item_steps()].index('jp')}"))
    budi.conversation = Conversation(budi.database.uow, budi.clock)  # the bot restarts
    again = await as_sri(budi, payload=f"agr:edit:{plan_id}:{two}")
    assert again[-1].text.template == "form/question", "at the JP question, where she was"
    await as_sri(budi, text="10")
    await as_sri(budi, payload=sri_payload(budi, "submit"))
    [board] = await as_sri(budi, payload=f"agr:board:{plan_id}")
    outcomes = [e["outcome"] for e in board.text.context["items"]]
    assert outcomes == ["agreed", "changed", "open"]


async def test_a_scheduled_plan_is_still_returned_to_draft_before_the_dialogue() -> None:
    budi, plan_id = await sent_plan()
    plans = budi.state.forms.plans
    plans[plan_id] = replace(plans[plan_id], status=State.SCHEDULED.value)
    [done] = await return_as_sri(budi, plan_id)
    assert done.text.template == "plan/return_done"
    assert budi.state.forms.plans[plan_id].status == State.RETURNED
    [refused] = await as_sri(budi, payload=f"agr:agree:{plan_id}")  # nothing to agree now
    assert refused.text.context["reason"] == "state"
