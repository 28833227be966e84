"""What the employee is shown of the agreement: the columns that changed, proposed →
agreed, and nothing else; and the agreed plan without the rejected items. Nested texts
(labels, values) survive the outbox's storage to be rendered when sent."""

from __future__ import annotations

from dataclasses import replace

import messages
from handlers.dialog.agreement_view import agreed_content, differences
from handlers.effects import Msg
from handlers.plan.model import Item, Stage
from storage.serialize import dump_context, load_context
from tests.integration.test_plan_records import CONTENT, VERSION


def shown(pieces: object) -> str:
    assert isinstance(pieces, list)
    return "; ".join(messages.show(p, "id") for p in pieces)


def test_only_the_changed_columns_are_listed_old_to_new() -> None:
    agreed = replace(VERSION, jp=12, execution_level="operasional", relevance=("3.2",))
    rows = differences(VERSION, agreed, 2026)
    assert len(rows) == 3
    assert [(shown(r["old"]), shown(r["new"])) for r in rows][2] == ("24", "12")
    assert "Operasional" in shown(rows[1]["new"]) and "Teknis" in shown(rows[1]["old"])
    assert all(messages.show(r["title"], "id") for r in rows), "each change names its column"
    assert differences(VERSION, VERSION, 2026) == []


def test_a_skipped_jp_reads_as_skipped_on_either_side() -> None:
    [row] = differences(replace(VERSION, jp=None), VERSION, 2026)
    assert row["old"] == [Msg("form/skipped")] and row["new"] == ["24"]


def test_the_agreed_plan_keeps_the_agreed_items_as_agreed() -> None:
    content = replace(CONTENT, items=(
        Item(1, {Stage.PROPOSED: VERSION, Stage.AGREED: replace(VERSION, jp=12)}, 1),
        Item(2, {Stage.PROPOSED: VERSION}, 2),  # rejected: no agreed version
        Item(3, {Stage.AGREED: replace(VERSION, goal="SOP")}, 3),  # added
    ))  # fmt: skip
    kept = agreed_content(content).items
    assert [(i.position, i.current.jp, i.current.goal) for i in kept] == [
        (1, 12, VERSION.goal), (3, 24, "SOP")]  # fmt: skip


def test_nested_texts_are_stored_and_read_back_for_the_outbox() -> None:
    context = {"items": [{"level": Msg("form1/value", {"kind": "level", "key": "teknis"})}]}
    assert load_context(dump_context(context)) == context
