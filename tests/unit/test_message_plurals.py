"""English says "1 item" and "2 items": every count of this round's texts goes through the
``counted`` filter; Indonesian nouns stay as they are."""

from __future__ import annotations

from typing import Any

import pytest

import messages
from messages import format_count

ONE_AND_MANY: list[tuple[str, dict[str, Any], str, str]] = [
    ("checkin/intro", {"quarter": 2, "year": 2027, "asked": {}, "later": []},
     "1 item due", "2 items due"),
    ("recap/levels_sent", {"year": 2027, "levels": [{"name": "Technical", "lines": {},
                                                    "employees": {}}]},
     "1 line, 1 participant", "2 lines, 2 participants"),
    ("report/xlsx_sent", {"year": 2027, "kind": "units", "groups": {}}, "(1 unit)", "(2 units)"),
    ("verify/review", {"mode": "vrf_batch", "count": {}, "owners": ["Budi"], "owner": None},
     "Applies to 1 item:", "Applies to 2 items:"),
    ("recap/file_written", {"path": "f.xlsx", "items": {}}, "(1 row)", "(2 rows)"),
    ("checkin/nudge_review_late", {"employee": "Budi", "quarter": 1, "year": 2027, "days": {}},
     "for 1 working day.", "for 2 working days."),
]  # fmt: skip


def _with(context: dict[str, Any], count: int) -> dict[str, Any]:
    """``context`` with every ``{}`` placeholder (also inside lists of dicts) set to ``count``."""

    def fill(value: Any) -> Any:
        if value == {}:
            return count
        if isinstance(value, dict):
            return {key: fill(inner) for key, inner in value.items()}
        if isinstance(value, list):
            return [fill(inner) for inner in value]
        return value

    return fill(context)  # type: ignore[no-any-return]


@pytest.mark.parametrize(("name", "context", "one", "many"), ONE_AND_MANY)
def test_english_counts_agree_with_their_noun(
    name: str, context: dict[str, Any], one: str, many: str
) -> None:
    assert one in messages.to_plain_text(messages.render(name, "en", _with(context, 1)))
    assert many in messages.to_plain_text(messages.render(name, "en", _with(context, 2)))


def test_the_count_filter_knows_irregular_plurals_and_leaves_indonesian_alone() -> None:
    assert format_count(1, "en", "person", "people") == "1 person"
    assert format_count(1200, "en", "person", "people") == "1,200 people"
    assert format_count(2, "id", "butir") == "2 butir"


def test_a_day_off_is_not_a_working_day_in_english() -> None:
    assert "no working day" not in (messages.ROOT / "en/dialog/team/preview.j2").read_text()
