"""Sample contexts of the supervisor's overview templates (messages/*/dialog/team/)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from handlers.dialog.oversight_ports import ActingAssignment, NudgeSettings
from handlers.effects import Msg

PLANS = [{"employee": "Budi Santoso", "unit": "Pusat Pengembangan Kompetensi", "days": 4,
          "status": "submitted", "by_coordinator": False, "since": date(2027, 1, 4),
          "supervisor": "Sri Wahyuni"},
         {"employee": "Rahmat Hidayat", "unit": "Balai Diklat Makassar", "days": 1,
          "status": "submitted", "by_coordinator": True, "since": date(2027, 1, 4),
          "supervisor": None}]  # fmt: skip
NUDGE = {"plans": PLANS, "closes": date(2027, 3, 31), "settings": vars(NudgeSettings())}
ACTING = ActingAssignment(3, 1, "Dr. Hendra Wijaya", 4, "Budi Santoso", None, date(2027, 1, 4),
                          date(2027, 1, 29), "cli")  # fmt: skip
NAMED = {"acting": "Dr. Hendra Wijaya", "person": "Budi Santoso", "unit": None,
         "starts": date(2027, 1, 4), "ends": date(2027, 1, 29)}  # fmt: skip

TEAM_SAMPLES: dict[str, dict[str, Any]] = {
    "label/plan_history": {"name": "Budi Santoso"},
    "dialog/team/stage": {"stage": "awaiting_confirm"},
    "dialog/team/_plans": {"plans": PLANS},
    "dialog/team/list": {
        "year": 2027,
        "acting": 1,
        "members": [
            {
                "nama": "Budi Santoso",
                "jabatan": "Analis SDM",
                "stage": Msg("dialog/team/stage", {"stage": "submitted"}),
                "acting": False,
                "since": datetime(2027, 1, 4, 10, 0, tzinfo=UTC),
                "scheduled": {"day": date(2027, 1, 12), "time": "09:00", "zone": "WIB"},
            },
            {
                "nama": "Dewi Lestari",
                "jabatan": "Pranata Komputer",
                "stage": Msg("dialog/team/stage", {"stage": "not_started"}),
                "acting": True,
                "since": None,
                "scheduled": None,
            },
        ],
        "summary": [{"stage": Msg("dialog/team/stage", {"stage": "submitted"}), "count": 2}],
    },
    "dialog/team/empty": {"year": 2027},
    "dialog/team/history": {
        "year": 2027,
        "status": "submitted",
        "owner": "Budi Santoso",
        "zone": "WIB",
        "events": [
            {
                "at": datetime(2027, 1, 4, 9, 30, tzinfo=UTC),
                "event": "submit",
                "from_state": "draft",
                "to_state": "submitted",
                "who": "Budi Santoso",
                "operator": None,
                "note": None,
                "proposed": None,
                "changes": {
                    "per_item": [
                        {"position": 1, "kind": "changed", "decision": None, "fields": ["jp"]},
                        {"position": 2, "kind": "added", "decision": "added", "fields": []},
                    ],
                    "fields": ["B.3.1"],
                    "more": 2,
                },
            },
            {
                "at": datetime(2027, 1, 5, 9, 30, tzinfo=UTC),
                "event": "return",
                "from_state": "submitted",
                "to_state": "returned",
                "who": None,
                "operator": "cli",
                "note": "Perjelas output",
                "proposed": None,
                "changes": {"per_item": [], "fields": [], "more": 0},
            },
            {
                "at": datetime(2027, 1, 6, 9, 30, tzinfo=UTC),
                "event": "propose_date",
                "from_state": "submitted",
                "to_state": "submitted",
                "who": "Sri Wahyuni",
                "operator": None,
                "note": None,
                "proposed": datetime(2027, 2, 3, 9, 0),
                "changes": {"per_item": [], "fields": [], "more": 0},
            },
        ],
    },
    "dialog/team/refused": {"action": "schedule", "reason": "actor"},
    "dialog/team/acting_refused": {"reason": "unknown_person", "given": "1990", "max_days": 366},
    "dialog/team/acting_named": NAMED,
    "dialog/team/acting_for_you": NAMED,
    "dialog/team/acting_list": {"assignments": [ACTING]},
    "dialog/team/acting_done": {**NAMED, "id": 3, "ended": False},
    "dialog/team/unsupervised_notice": {
        "employee": "Rahmat Hidayat",
        "notice": Msg("dialog/team/empty", {"year": 2027}),
    },
    "dialog/team/nudge_schedule": NUDGE,
    "dialog/team/nudge_escalate": NUDGE,
    "dialog/team/nudge_confirm": NUDGE,
    "dialog/team/nudge_window": NUDGE,
    "dialog/team/progress": {
        "year": 2027,
        "more_units": 0,
        "more_late": 0,
        "days": 3,
        "units": [
            {
                "unit": "Pusat",
                "stages": [{"stage": Msg("dialog/team/stage", {"stage": "submitted"}), "count": 2}],
            }
        ],
        "late": [{"name": "Sri Wahyuni", "plans": 2}],
    },
    "dialog/team/preview": {
        "day": date(2027, 1, 8),
        "year": 2027,
        "checkins": [1],
        "queued": [
            {
                "template": "dialog/schedule/reminder",
                "to": "Budi Santoso",
                "zone": "WIB",
                "at": "08:00",
            }
        ],
        "nudges": [
            {
                "kind": "escalate",
                "to": "Dr. Hendra Wijaya",
                "zone": "WIB",
                "at": "09:00",
                "on": date(2027, 1, 8),
                "plans": [{"employee": "Budi Santoso", "days": 7}],
            }
        ],
        "reminders": [
            {
                "id": 2,
                "template": "reminder/formulir1_not_submitted",
                "zone": "WITA",
                "at": "09:00",
                "audience": "stage:not_submitted:2027",
                "people": 12,
            }
        ],
    },
    "dialog/team/preview_date": {"given": "kemarin"},
    "dialog/team/nudges_set": {"year": 2027, **vars(NudgeSettings())},
    "dialog/team/no_cycle": {"year": 2027},
}
