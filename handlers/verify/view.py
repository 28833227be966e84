"""The verification as people read it: the queue (oldest first, or grouped by competency),
one item's card, and Formulir 1 D — each verified item beside its agreed version (C), the
columns the verification changed marked old → new."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from handlers.dialog.agreement_view import differences
from handlers.effects import Button, Msg, Reply
from handlers.formulir1.sections_ab import title
from handlers.plan.document import competency_label, item_rows
from handlers.plan.model import Item, PlanContent, Stage
from handlers.verify.form import VERIFIED_KEYS
from handlers.verify.ports import AwaitingItem, GroupCount, Verification
from handlers.verify.queue import Batch, batches

BUTTON = "vrf"  # "vrf:<verb>[:<plan>:<item>]"
SHOWN = 10  # items (or batches) a queue message offers buttons for


def label(key: str, **context: object) -> Msg:
    return Msg("verify/label", {"key": key, **context})


def payload(verb: str, *more: object) -> str:
    return ":".join([BUTTON, verb, *(str(m) for m in more)])


def method(form: str) -> Msg:
    return Msg("ref/method", {"key": form, "part": "name"})


def level(key: str) -> Msg:
    return Msg("form1/value", {"kind": "level", "key": key})


def entry(item: AwaitingItem) -> dict[str, object]:
    """One awaiting item for a template: whose, what, how agreed, what the supervisor said."""
    version = item.version
    return {"owner": item.owner, "unit": item.unit, "group": item.group,
            "position": item.position, "competency": competency_label(version),
            "relevance": list(version.relevance), "goal": version.goal,
            "method": method(version.method_form), "level": level(version.execution_level),
            "note": item.dialogue_note, "reason": item.reason,
            "agreed_at": item.agreed_at}  # fmt: skip


def queue(
    items: Sequence[AwaitingItem], locale: str, *, verifies: bool,
    groups: Sequence[GroupCount] = (),
) -> Reply:  # fmt: skip
    """The queue, oldest first; buttons to open each item (for those who verify); for a
    coordinator, what waits per group first."""
    text = Msg("verify/queue", {"items": [entry(i) for i in items[:SHOWN]],
                                "total": len(items), "plans": len({i.plan_id for i in items}),
                                "verifies": verifies,
                                "groups": [{"group": g.group, "count": g.items,
                                            "plans": g.plans} for g in groups]})  # fmt: skip
    if not verifies or not items:
        return Reply(text, locale)
    rows = [(Button(label("item", owner=i.owner, position=i.position),
                    payload("item", i.plan_id, i.item_id)),) for i in items[:SHOWN]]  # fmt: skip
    rows.append((Button(label("grouped"), payload("groups")),))
    return Reply(text, locale, tuple(rows))


def batch_entry(batch: Batch) -> dict[str, object]:
    first = batch.first.version
    return {"competency": competency_label(first), "method": method(batch.method_form),
            "people": batch.people, "items": len(batch.items),
            "owners": sorted({i.owner for i in batch.items})}  # fmt: skip


def grouped(items: Sequence[AwaitingItem], locale: str) -> Reply:
    """The queue by competency and method form: one button verifies a whole batch."""
    found = batches(items)
    text = Msg("verify/groups", {"batches": [batch_entry(b) for b in found[:SHOWN]],
                                 "total": len(found)})  # fmt: skip
    rows = [(Button(label("batch", competency=competency_label(b.first.version),
                          people=b.people), payload("batch", b.first.item_id)),)
            for b in found[:SHOWN]]  # fmt: skip
    rows.append((Button(label("oldest"), payload("queue")),))
    return Reply(text, locale, tuple(rows))


def card(item: AwaitingItem, year: int) -> Msg:
    """One item to verify: as agreed, with the supervisor's note."""
    return Msg("verify/card", {**entry(item), "rows": item_rows(item.version, year)})


def batch_card(batch: Batch, year: int) -> Msg:
    return Msg("verify/batch_card", {**batch_entry(batch),
                                     "rows": item_rows(batch.first.version, year)})  # fmt: skip


def d_title(key: str) -> Msg:
    """A column of D by its key (``C.<question>``): "Usulan" dropped where D drops it."""
    question = key.removeprefix("C.")
    return Msg("verify/title", {"key": question}) if question in VERIFIED_KEYS else title(key)


def d_entry(item: Item, verification: Verification | None, year: int) -> dict[str, object]:
    """One item of D: as verified, what the verification changed of C, its priority."""
    agreed, verified = item.versions.get(Stage.AGREED), item.versions[Stage.VERIFIED]
    return {"position": item.position, "competency": competency_label(verified),
            "priority": verification.priority.value if verification else None,
            "note": verification.note if verification else None,
            "verifier": verification.verifier if verification else None,
            "changes": differences(agreed, verified, year, d_title) if agreed else [],
            "rows": item_rows(verified, year)}  # fmt: skip


def formulir_d(
    content: PlanContent, verifications: Mapping[int, Verification], year: int, *,
    employee: str | None = None, own: bool = False, notice: bool = False, changed: bool = False,
) -> Msg | None:  # fmt: skip
    """Formulir 1 D of a plan (its verified items), or None when nothing is verified yet;
    ``notice``: as the message telling ``employee`` (``own``: to them) it is verified."""
    items = [d_entry(i, verifications.get(i.id or 0), year)
             for i in content.items if Stage.VERIFIED in i.versions]  # fmt: skip
    if not items:
        return None
    return Msg("verify/formulir_d", {"items": items, "year": year, "employee": employee,
                                     "own": own, "notice": notice,
                                     "changed": changed})  # fmt: skip


def is_verified(content: PlanContent | None) -> bool:
    return content is not None and any(Stage.VERIFIED in i.versions for i in content.items)
