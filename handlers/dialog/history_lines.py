"""What one audit-log entry changed, said the way a reader of /riwayat thinks of it: per
item of section C ("item 4 added", "item 2: jp, tujuan", "item 3 rejected") and the other
fields by name, instead of every field key of every item."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from handlers.calendar import local
from handlers.model import Zone

ITEM_FIELD = re.compile(r"^C\.(\d+)\.(.+)$")
DECISION = "decision"
NAMED = 6  # field names listed per line; the rest counted
WHOLE_ITEM = 3  # fields appearing (or going) together that make a whole item, not a change
DATE_NOTES = ("propose_date",)  # their note is the instant proposed (ISO, UTC)


@dataclass
class ItemChange:
    position: int
    kind: str  # "added", "removed" or "changed"
    decision: str | None = None  # the dialog kinerja's decision, when the entry is one
    fields: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Changes:
    per_item: list[ItemChange]
    fields: list[str]  # sections A, B and the self-assessment, by key
    more: int  # field names not listed


def summarize(changes: Mapping[str, Sequence[object]]) -> Changes:
    """Group ``field → [old, new]`` by item: an item whose every field appeared is added, one
    whose every field went is removed, else the fields that differ are named."""
    per_item: dict[int, dict[str, Sequence[object]]] = {}
    others = []
    for key in sorted(changes):
        found = ITEM_FIELD.match(key)
        if found is None:
            others.append(key)
        else:
            per_item.setdefault(int(found[1]), {})[found[2]] = changes[key]
    items = [_item(position, fields) for position, fields in sorted(per_item.items())]
    shown = others[:NAMED]
    more = len(others) - len(shown)
    for item in items:
        more += max(0, len(item.fields) - NAMED)
        item.fields = item.fields[:NAMED]
    return Changes(items, shown, more)


def _item(position: int, fields: Mapping[str, Sequence[object]]) -> ItemChange:
    """The dialog kinerja's decision says what happened to the item; without one (a
    resubmission), a whole item appearing or going is told apart from a field or two
    filled in or emptied."""
    decision = fields.get(DECISION)
    values = {name: pair for name, pair in fields.items() if name != DECISION}
    decided = str(decision[1]) if decision and decision[1] is not None else None
    whole = len(values) >= WHOLE_ITEM
    if decided == "added" or (whole and all(old is None for old, _ in values.values())):
        return ItemChange(position, "added", decided)
    if decided == "rejected" or (whole and all(new is None for _, new in values.values())):
        return ItemChange(position, "removed", decided)
    return ItemChange(position, "changed", decided, sorted(values))


def date_noted(event: str, note: str | None, zone: Zone) -> datetime | None:
    """The date a "propose_date" entry noted, on the reader's clock (None for other notes)."""
    if event not in DATE_NOTES or not note:
        return None
    try:
        return local(datetime.fromisoformat(note), zone)
    except ValueError:
        return None
