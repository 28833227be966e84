"""Sample contexts of the quarterly check-in's templates (messages/*/checkin/)."""

from __future__ import annotations

from datetime import date
from typing import Any

from handlers.effects import Msg

PLANNED = {"metode_klasifikasi": "formal", "metode_bentuk": "pelatihan", "start": 4, "end": 6,
           "jp": 16, "goal": "Menyusun SOP"}  # fmt: skip
ITEM = {"id": 7, "position": 1, "competency": "Analisis kebijakan", "planned": PLANNED}
AMENDMENT = {"id": 3, "kind": "reschedule", "position": 2, "competency": "Komunikasi",
             "period": {"start": 10, "end": 12, "quarter": 4}, "reason": "Jadwal diklat mundur",
             "verdict": "rejected", "verdict_reason": "Belum perlu"}  # fmt: skip
ANSWERED = {**ITEM, "status": "terlaksana", "reason": None, "done_on": date(2027, 5, 15),
            "method": [Msg("ref/method_class", {"key": "formal", "part": "name"}),
                       Msg("ref/method", {"key": "pelatihan", "part": "name"})],
            "jp": 16, "evidence": True, "fit": "sebagian", "fit_reason": "Materi terlalu umum",
            "benefit": 4, "example": "SOP selesai lebih cepat", "feedback": "Bagus"}  # fmt: skip
WHO = {"by": "Sri Wahyuni", "employee": "Budi Santoso"}

CHECKIN_SAMPLES: dict[str, dict[str, Any]] = {
    "checkin/value": {"kind": "status", "key": "terlaksana"},
    "checkin/prompt": {"key": "jp", "position": 1, "competency": "Analisis", "planned": PLANNED},
    "checkin/title": {"key": "jp", "position": 1},
    "checkin/label": {"key": "view_of", "name": "Budi Santoso", "quarter": 2},
    "checkin/review": {"quarter": 2, "later": [ITEM]},
    "checkin/error_date": {},
    "checkin/error_date_outside": {},
    "checkin/error_date_future": {},
    "checkin/error_period_past": {},
    "checkin/error_send_file": {},
    "checkin/evidence_label": {"name": "sertifikat.pdf"},
    "checkin/error_file": {"reason": "size", "name": "foto.jpg", "limit_mb": 5},
    "checkin/file_not_now": {},
    "checkin/none": {},
    "checkin/already_sent": {},
    "checkin/asked": {"name": "Budi Santoso", "quarter": 2, "year": 2027},
    "checkin/snoozed_notice": {"name": "Budi Santoso", "quarter": 2, "year": 2027},
    "checkin/submitted_notice": {
        "employee": "Budi Santoso",
        "quarter": 2,
        "year": 2027,
        "items": 3,
        "amendments": 2,
        "by_coordinator": False,
    },
    "checkin/sent": {"quarter": 2, "year": 2027, "told": ["Sri Wahyuni"]},
    "checkin/reviewed_notice": {
        "by": "Sri Wahyuni",
        "quarter": 2,
        "year": 2027,
        "feedback": [{**ITEM, "feedback": "Lanjutkan"}],
        "note": "Baik",
    },
    "checkin/_amendment": AMENDMENT,
    "checkin/amendment_decided": {**AMENDMENT, **WHO},
    "checkin/amendment_to_group": {**AMENDMENT, **WHO},
    "checkin/amendment_saved": {**AMENDMENT, **WHO},
    "checkin/refused": {"reason": "supervisor"},
    "checkin/view": {
        "employee": "Budi Santoso",
        "quarter": 2,
        "year": 2027,
        "state": "submitted",
        "note": None,
        "items": [ANSWERED],
        "amendments": [AMENDMENT],
    },
    "checkin/evidence_caption": {"position": 1, "competency": "Analisis kebijakan"},
    "checkin/team": {
        "year": 2027,
        "members": 2,
        "rows": [{"employee": "Budi Santoso", "quarter": 2, "state": "submitted"}],
    },
    "checkin/review_prompt": {"key": "item", **ITEM},
    "checkin/review_title": {"key": "item", "position": 1},
    "checkin/review_summary": {"employee": "Budi Santoso"},
    "checkin/closed": {"employee": "Budi Santoso", "quarter": 2},
    "checkin/review_intro": {"employee": "Budi Santoso", "quarter": 2},
    "checkin/item_proposed": {"competency": "Penulisan SOP", "told": ["Sri Wahyuni"], "sent": True},
    "checkin/add_review": {"employee": "Budi Santoso"},
    "checkin/add_title": {},
    "checkin/add_intro": {"quarter": 2},
    "checkin/intro": {"quarter": 2, "year": 2027, "asked": 2, "later": [ITEM]},
    "checkin/snoozed": {"at": date(2027, 7, 1), "zone": "WITA"},
}
CHECKIN_SAMPLES.update(
    {
        "checkin/reject_prompt": {},
        "checkin/reject_title": {},
        "checkin/reject_review": {"employee": "Budi Santoso"},
        "checkin/reject_intro": {**AMENDMENT, "employee": "Budi Santoso"},
    }
)
CHECKIN_SAMPLES.update(
    {
        "checkin/change_item": ITEM,
        "checkin/change_prompt": {"key": "waktu"},
        "checkin/change_title": {"key": "alasan"},
        "checkin/change_review": {},
        "checkin/change_intro": {"quarter": 2},
        "checkin/change_proposed": {"told": ["Sri Wahyuni"], "sent": True},
    }
)
NUDGE = {"employee": "Budi Santoso", "quarter": 2, "year": 2027, "days": 6}
CHECKIN_SAMPLES.update(
    {
        f"checkin/nudge_{kind}": NUDGE
        for kind in ("checkin_late", "checkin_escalate", "review_late", "review_escalate")
    }
)
