"""Sample contexts of the dialog kinerja's scheduling, window and guide templates."""

from __future__ import annotations

from datetime import date
from typing import Any

WHEN = {"day": date(2027, 2, 10), "time": "09:00", "zone": "WITA"}

DIALOG_SCHEDULE_SAMPLES: dict[str, dict[str, Any]] = {
    "cli/file_saved": {"path": "/tmp/idp-bot-files/1a2b3c4d-dialog-kinerja.ics"},
    "dialog/schedule/refused": {"reason": "window"},
    "dialog/document_unknown": {"roles": ["dewan_pengarah", "koordinator_pembelajaran"]},
    "dialog/priorities_imported": {
        "loaded": 12,
        "refused": 21,
        "begun": date(2027, 2, 1),
        "errors": [{"row": 3, "reason": "tahun", "detail": "20x6"}],
    },
    "dialog/window/refused": {"reason": "unit", "unit": "Pusat Data"},
    "dialog/window/set": {
        "starts": date(2027, 2, 1),
        "ends": date(2027, 3, 31),
        "unit": "Pusat Data",
        "told": 1250,
    },
    "dialog/window/notice": {
        "starts": date(2027, 2, 1),
        "ends": date(2027, 3, 31),
        "unit": None,
        "zone": "WIT",
        "year": 2027,
    },
    "dialog/window/overview": {
        "year": 2027,
        "starts": date(2027, 2, 1),
        "ends": date(2027, 3, 31),
        "units": [{"unit": "Pusat Data", "starts": date(2027, 2, 8), "ends": date(2027, 3, 12)}],
    },
    "dialog/guide/document": {},
    "dialog/guide/notice": {"name": "panduan-dialog-kinerja.md", "year": 2027, "unit": None},
    "dialog/guide/published": {"name": "panduan.pdf", "told": 1250, "unit": "Pusat Data"},
    "dialog/schedule/slot_format": {},
    "dialog/schedule/slot_past": {},
    "dialog/schedule/slot_window": {},
    "dialog/schedule/slot_holiday": {},
    "dialog/schedule/slot_hours": {},
    "dialog/schedule/slot_gone": {},
    "dialog/schedule/intro": {"with": "Budi Santoso", "year": 2027, "agreed": WHEN},
    "dialog/schedule/prompt": {
        "zone": "WIB",
        "example": "01-02-2027 09:00",
        "starts": date(2027, 2, 1),
        "ends": date(2027, 3, 31),
    },
    "dialog/schedule/title": {"key": "review"},
    "dialog/schedule/summary": {"with": "Budi Santoso", "when": "2027-02-10 09:00"},
    "dialog/schedule/label": {"key": "accept", "name": "Budi Santoso"},
    "dialog/schedule/listing": {
        "year": 2027,
        "lines": [
            {
                "name": "Budi Santoso",
                "state": "scheduled",
                "agreed": WHEN,
                "offered": WHEN,
                "mine": True,
            },
            {"name": "", "state": "submitted", "agreed": None, "offered": None, "mine": False},
        ],
    },
    "dialog/schedule/proposed": {**WHEN, "with": "Budi Santoso"},
    "dialog/schedule/offered": {
        **WHEN,
        "by": "Sri Wahyuni",
        "year": 2027,
        "moved": True,
        "employee": "Budi Santoso",
    },
    "dialog/schedule/confirmed": {
        **WHEN,
        "with": "Sri Wahyuni",
        "by": "Budi Santoso",
        "year": 2027,
        "moved": False,
    },
    "dialog/schedule/cancel_ask": {**WHEN, "with": "Budi Santoso"},
    "dialog/schedule/cancelled": {**WHEN, "with": "Sri Wahyuni", "by": "Sri Wahyuni", "year": 2027},
    "dialog/schedule/withdrawn": {"by": "Sri Wahyuni", "year": 2027, "employee": "Budi Santoso"},
    "dialog/schedule/withdraw_done": {"with": "Budi Santoso"},
    "dialog/schedule/reminder": {**WHEN, "which": "day", "with": "Sri Wahyuni", "year": 2027},
}
