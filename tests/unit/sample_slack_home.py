"""Sample contexts of the home (handlers/home.py) and the Slack channel's own texts."""

from __future__ import annotations

from typing import Any

from handlers.effects import Msg

HOME_SAMPLES: dict[str, dict[str, Any]] = {
    "home/view": {"name": "Sri Wahyuni", "year": 2026, "stage": "submitted",
                  "awaiting": [Msg("home/await_schedule", {"count": 2}),
                               Msg("home/await_fill", {"stage": "returned", "year": 2026})]},
    "home/await_fill": {"stage": "filling", "year": 2026},
    "home/await_confirm": {"year": 2026},
    "home/await_schedule": {"count": 3},
    "home/await_dialogue": {"count": 1},
    "home/await_checkin": {"quarter": 2},
    "home/await_checkin_review": {"count": 3},
    "label/home_do": {"what": "bawahan"},
    "label/menu": {"command": "perubahan"},
    "slack/write": {},
    "slack/modal_title": {},
    "slack/modal_submit": {},
    "slack/modal_close": {},
    "slack/code_button": {},
    "slack/code_label": {},
    "cli/slack_starting": {"mode": "http", "api": "https://slack.com/api/", "port": 3000},
    "cli/slack_token_rejected": {"api": "https://slack.com/api/", "error": "invalid_auth"},
    "cli/slack_unreachable": {"api": "http://127.0.0.1:9/api/"},
}  # fmt: skip
