"""Sample contexts of the dialog kinerja's agreement templates (messages/*/dialog/agree/)."""

from __future__ import annotations

from typing import Any

from handlers.effects import Msg

CODE = Msg("form1/code_label", {"code": "3.1"})
ROW = {"title": Msg("form1/title", {"key": "C.jp"}), "value": ["12"]}
CHANGE = {"title": Msg("form1/title", {"key": "C.jp"}), "old": ["8"], "new": ["12"]}
LEVEL = Msg("form1/value", {"kind": "level", "key": "operasional"})


def entry(position: int, outcome: str, **more: Any) -> dict[str, Any]:
    return {"position": position, "competency": "Analisis <beban> kerja", "outcome": outcome,
            "status": Msg("dialog/agree/outcome", {"outcome": outcome}), "level": LEVEL,
            "reason": None, "changes": [], "rows": [], **more}  # fmt: skip


ITEMS = [entry(1, "agreed"), entry(2, "changed", changes=[CHANGE]),
         entry(3, "rejected", reason="Sudah diikuti tahun lalu."),
         entry(4, "added", rows=[ROW]), entry(5, "open", rows=[ROW])]  # fmt: skip
ABOUT = {"employee": "Budi Santoso", "year": 2027, "plan": 1, "item": 3, "position": 3}
DIALOG_AGREE_SAMPLES: dict[str, dict[str, Any]] = {
    "dialog/agree/refused": {"reason": "undecided", "items": [2, 3]},
    "dialog/agree/label": {"key": "level", "level": "teknis", "current": True},
    "dialog/agree/outcome": {"outcome": "changed"},
    "dialog/agree/board": {"employee": "Budi Santoso", "year": 2027, "items": ITEMS,
                           "note": "Komunikasi <dibahas>", "left": 1},
    "dialog/agree/card": {**entry(2, "changed", changes=[CHANGE]), "employee": "Budi Santoso",
                          "year": 2027, "rows": [ROW]},
    "dialog/agree/item_title": {},
    "dialog/agree/item_review": {"employee": "Budi Santoso", "position": 2},
    "dialog/agree/item_intro": {"employee": "Budi Santoso", "new": False, "position": 2},
    "dialog/agree/note_title": {"form": "dlg_reject"},
    "dialog/agree/note_prompt": {"form": "dlg_note"},
    "dialog/agree/note_intro": {"form": "dlg_again"},
    "dialog/agree/note_review": {"form": "dlg_reject", **ABOUT},
    "dialog/agree/saved": {"added": True},
    "dialog/agree/sent": {"employee": "Budi Santoso"},
    "dialog/agree/proposed": {"employee": "Budi Santoso", "year": 2027, "items": ITEMS,
                              "note": "Motivasi tinggi", "by": "Sri Wahyuni"},
    "dialog/agree/confirmed": {"employee": "Budi Santoso", "year": 2027},
    "dialog/agree/agreed": {"year": 2027},
    "dialog/agree/again": {"employee": "Budi Santoso", "year": 2027, "note": "Item <3>?"},
    "dialog/agree/again_sent": {"supervisor": "Sri Wahyuni"},
}  # fmt: skip
