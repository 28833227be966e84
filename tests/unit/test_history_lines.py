"""/riwayat says what an entry changed per item, not field key by field key."""

from __future__ import annotations

from handlers.dialog.history_lines import NAMED, date_noted, summarize
from handlers.model import Zone


def test_items_added_removed_and_changed_are_named_as_such() -> None:
    changes = summarize({
        "C.1.decision": [None, "agreed"], "C.1.execution_level": [None, "operasional"],
        "C.2.jp": [8, 12], "C.2.tujuan": ["a", "b"],
        "C.3.decision": [None, "rejected"], "C.3.jp": [4, None], "C.3.tujuan": ["x", None],
        "C.4.decision": [None, "added"], "C.4.jp": [None, 6], "C.4.tujuan": [None, "SOP"],
        "B.3.1": ["lama", "baru"],
    })  # fmt: skip
    shown = [(i.position, i.kind, i.decision, i.fields) for i in changes.per_item]
    assert shown == [
        (1, "changed", "agreed", ["execution_level"]),
        (2, "changed", None, ["jp", "tujuan"]),
        (3, "removed", "rejected", []),
        (4, "added", "added", []),
    ]
    assert (changes.fields, changes.more) == (["B.3.1"], 0)


def test_long_lists_are_counted_not_listed() -> None:
    many = {f"C.1.f{n:02d}": [n, n + 1] for n in range(NAMED + 3)}
    many |= {f"A.f{n:02d}": ["a", "b"] for n in range(NAMED + 2)}
    changes = summarize(many)
    assert len(changes.per_item[0].fields) == NAMED and len(changes.fields) == NAMED
    assert changes.more == 3 + 2


def test_a_proposed_date_is_shown_on_the_readers_clock() -> None:
    noted = date_noted("propose_date", "2026-12-02T02:00:00+00:00", Zone.WITA)
    assert noted is not None and (noted.hour, noted.minute) == (10, 0)
    assert date_noted("return", "2026-12-02T02:00:00+00:00", Zone.WIB) is None
    assert date_noted("propose_date", "besok pagi", Zone.WIB) is None
