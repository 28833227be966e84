"""The agreement as the supervisor works through it (the board, one item's card) and as the
employee receives it (what changed, field by field: proposed → agreed)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from handlers.dialog.agreement import Agreement
from handlers.effects import Button, Msg, Reply
from handlers.formulir1.section_c import LEVELS
from handlers.formulir1.sections_ab import title
from handlers.plan.document import competency_label, document, item_rows, item_values
from handlers.plan.model import Item, ItemVersion, PlanContent, Stage

BUTTON = "agr"  # the agreement's buttons: "agr:<verb>:<plan id>[:<item id>[:<level>]]"
PER_ROW = 4


def payload(verb: str, plan_id: int, *more: object) -> str:
    return ":".join([BUTTON, verb, str(plan_id), *(str(m) for m in more)])


def label(key: str, **context: object) -> Msg:
    return Msg("dialog/agree/label", {"key": key, **context})


def differences(
    proposed: ItemVersion, agreed: ItemVersion, year: int, titled: Callable[[str], Msg] = title
) -> list[dict[str, object]]:
    """The columns the agreement changed: each with its title, proposed and agreed value
    (``titled``: a column's title by its key, ``C.<question>``)."""
    before = dict(item_values(proposed, year))
    return [{"title": titled(key), "old": before.get(key) or [Msg("form/skipped")],
             "new": pieces or [Msg("form/skipped")]}
            for key, pieces in item_values(agreed, year) if before.get(key) != pieces]  # fmt: skip


def entry(found: Agreement, item: Item) -> dict[str, object]:
    """One item for a template: where it stands, what it is, and what changed."""
    shown = found.shown(item)
    outcome = found.outcome(item)
    decision = found.decisions.get(item.id or 0)
    proposed, agreed = item.versions.get(Stage.PROPOSED), item.versions.get(Stage.AGREED)
    year = found.plan.year
    return {
        "position": item.position,
        "competency": competency_label(shown),
        "outcome": outcome,
        "status": Msg("dialog/agree/outcome", {"outcome": outcome}),
        "level": Msg("form1/value", {"kind": "level", "key": shown.execution_level}),
        "reason": decision.reason if decision else None,
        "changes": differences(proposed, agreed, year) if proposed and agreed else [],
        "rows": item_rows(shown, year) if outcome in ("added", "open") or not proposed else [],
    }


def board(found: Agreement, locale: str) -> Reply:
    """Every item with where it stands, and what the supervisor can do next."""
    plan_id = found.plan.id
    entries = [entry(found, item) for item in found.content.items]
    text = Msg("dialog/agree/board", {"employee": found.owner.nama, "year": found.plan.year,
                                      "items": entries, "note": found.note,
                                      "left": len(found.undecided())})  # fmt: skip
    items = [Button(label("item", position=i.position), payload("item", plan_id, i.id))
             for i in found.content.items]  # fmt: skip
    rows = [tuple(items[n : n + PER_ROW]) for n in range(0, len(items), PER_ROW)]
    rows.append((Button(label("add"), payload("add", plan_id)),
                 Button(label("note"), payload("note", plan_id))))  # fmt: skip
    rows.append((Button(label("send"), payload("send", plan_id)),))
    return Reply(text, locale, tuple(rows))


def card(found: Agreement, item: Item, locale: str, replace_shown: bool = False) -> Reply:
    """One item: as proposed (or as agreed so far), with Setujui · Ubah · Tolak and the
    execution level (letak penyelenggaraan) to choose."""
    plan_id, item_id = found.plan.id, item.id
    shown = found.shown(item)
    text = Msg("dialog/agree/card", {**entry(found, item), "employee": found.owner.nama,
                                     "year": found.plan.year,
                                     "rows": item_rows(shown, found.plan.year)})  # fmt: skip
    added = Stage.PROPOSED not in item.versions
    decide = (
        Button(label("agree"), payload("ok", plan_id, item_id)),
        Button(label("edit"), payload("edit", plan_id, item_id)),
        Button(label("withdraw" if added else "reject"), payload("no", plan_id, item_id)),
    )
    levels = tuple(
        Button(label("level", level=level, current=level == shown.execution_level),
               payload("lvl", plan_id, item_id, level))
        for level in LEVELS
    )  # fmt: skip
    back = (Button(label("board"), payload("board", plan_id), nav=True),)
    return Reply(text, locale, (decide, levels, back), replace_shown)


def next_step(found: Agreement, locale: str) -> list[Reply]:
    """The next item to decide, or the board when every item is decided."""
    left = found.undecided()
    return [card(found, left[0], locale)] if left else [board(found, locale)]


def agreed_content(content: PlanContent) -> PlanContent:
    """The plan as agreed: the items with an agreed version, as agreed."""
    kept = tuple(
        replace(item, versions={Stage.AGREED: item.versions[Stage.AGREED]})
        for item in content.items
        if Stage.AGREED in item.versions
    )
    return replace(content, items=kept)


def outcome_message(found: Agreement, template: str, **context: object) -> Msg:
    """What the agreement changed, item by item (``dialog/agree/proposed`` and kin)."""
    entries = [entry(found, item) for item in found.content.items]
    return Msg(template, {"employee": found.owner.nama, "year": found.plan.year,
                          "items": entries, "note": found.note, **context})  # fmt: skip


def final_plan(found: Agreement) -> Msg:
    return document(agreed_content(found.content), found.plan.year)
