"""Sample contexts for the form engine's and Formulir 1's templates (see test_messages)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from handlers.effects import Msg

TITLE = Msg("form1/title", {"key": "C.jp"})
PERIOD = {"start": 3, "end": 5, "year": 2027}
QUESTION = {
    "prompt": Msg("form1/prompt/c_tujuan"), "section": Msg("form1/title", {"key": "C"}),
    "index": 30, "total": 41, "item": 1, "kind": "multi", "required": False, "returning": True,
    "current": [Msg("label/period", PERIOD), "teks <b>ketikan</b>"],
    "record": [Msg("form/record_row", {"title": TITLE, "value": "Budi"})],
    "typed": ["Digitalisasi & layanan"], "help": Msg("form1/help/rating"),
}  # fmt: skip
REVIEW = {
    "title": Msg("form1/review_title"),
    "sections": [
        {"key": "A", "title": Msg("form1/title", {"key": "A"}), "item": None,
         "rows": [{"title": TITLE, "value": ["Budi"], "missing": False}]},
        {"key": "C1", "title": Msg("form1/title", {"key": "C"}), "item": 1,
         "rows": [{"title": TITLE, "value": [], "missing": True}]},
    ],
    "summary": Msg("form1/jp_summary", {"total": 16, "jenis": "PNS", "limit": 20, "within": False}),
}  # fmt: skip
GAP = Msg("ref/competency_label", {"key": "komunikasi", "name": ""})

FORM_SAMPLES: dict[str, dict[str, Any]] = {
    "pengingat/title": {"key": "deadline"}, "pengingat/intro": {},
    **{f"pengingat/prompt_{key}": {} for key in ("who", "on", "at", "deadline")},
    "pengingat/summary": {"count": 1200}, "pengingat/submit_label": {},
    "pengingat/error_date": {}, "pengingat/error_past": {}, "pengingat/error_time": {},
    "pengingat/error_deadline": {},
    "pengingat/created": {"id": 3, "audience": "stage:not_submitted:2026",
                          "on": date(2027, 1, 15), "at": "09:00"},
    "siaran/value": {"kind": "stage", "key": "not_submitted"},
    "siaran/title": {"key": "review"},
    "siaran/intro": {}, "siaran/submit_label": {},
    **{f"siaran/prompt_{key}": {} for key in
       ("kind", "unit", "group", "role", "stage", "text", "when", "at")},
    "siaran/recipients": {"count": 10000},
    "siaran/error_unknown_units": {}, "siaran/error_unknown_groups": {},
    "siaran/error_when_format": {}, "siaran/error_when_past": {},
    "siaran/created": {"id": 7, "recipients": 10000, "later": True, "audience": "unit:Pusat Data"},
    "siaran/list": {"broadcasts": [
        {"id": 7, "audience": "all", "recipients": 120, "status": "scheduled",
         "first_due": datetime(2026, 12, 1, 2, tzinfo=UTC)},
        {"id": 8, "audience": "role:atasan", "recipients": 9, "status": "sending",
         "first_due": None},
    ]},
    "siaran/cancel_label": {"id": 7},
    "siaran/cancelled": {"id": 7, "count": 120},
    "form/question": QUESTION,
    "form/label": {"label": Msg("label/yes"), "picked": True, "recommended": True},
    "form/review": REVIEW,
    "form/choose_section": {},
    "form/choose_step": {},
    "form/section_label": {"title": TITLE, "item": 2},
    "form/step_label": {"title": TITLE, "number": 13},
    "form/record_row": {"title": TITLE, "value": "S2 Psikologi"},
    "form/record_edit": {"title": TITLE, "current": "S1"},
    "form/skipped": {},
    "form/stale_button": {},
    "form/resume_hint": {},
    "form/nothing_before": {},
    "form/cannot_skip": {},
    "form/still_missing": {},
    "form/review_use_buttons": {},
    "form/item_removed": {},
    "form/cannot_change_items": {},
    "form/paused": {},
    "form/help": {},
    "form/error_empty": {},
    "form/error_too_long": {"limit": 2000, "length": 10000},
    "form/error_one_line": {},
    "form/error_number": {"low": 1, "high": 500},
    "form/error_year": {"low": 2000, "high": 2027},
    "form/error_period": {"year": 2027},
    "form/error_choice": {"count": 3},
    "form/error_use_buttons": {},
    "form/error_pick_one": {},
    "form/error_stale_token": {},
    "label/yes": {}, "label/no": {}, "label/ada": {}, "label/tidak_ada": {},
    "label/level": {"level": 0}, "label/quarter": {"quarter": 2}, "label/whole_year": {},
    "label/period": {**PERIOD, "quarter": 1}, "label/done": {}, "label/confirm": {},
    "label/edit_field": {"field": TITLE}, "label/back": {}, "label/skip": {}, "label/keep": {},
    "label/to_review": {}, "label/submit": {}, "label/edit": {}, "label/add_item": {},
    "label/delete_item": {"item": 2}, "label/continue": {},
    "label/cmd_isi": {}, "label/cmd_rencana": {}, "label/cmd_kembali": {}, "label/cmd_lewati": {},
    "form1/code_label": {"code": "4.2"},
    "form1/review_title": {},
    "form1/title": {"key": "B.2.3"},
    "form1/value": {"kind": "level", "key": "operasional"},
    "form1/priority": {"text": "Transformasi digital"},
    "form1/gap": {"competency": GAP, "gap": 2, "current": 1, "required": 3},
    "form1/jp_summary": {"total": 30, "jenis": "PPPK", "limit": 24, "within": False},
    "form1/change_requested": {"field": TITLE, "old": "1990", "new": "1991"},
    "form1/submitted": {"year": 2027, "items": 2, "jp": 24, "supervisor": "Sri Wahyuni"},
    "form1/already_submitted": {"year": 2027},
    "form1/intro": {"year": 2027},
    "form1/resumed": {"year": 2027},
    "form1/no_plan": {"year": 2027},
    "form1/plan_status": {"year": 2027, "status": "submitted",
                          "submitted_at": datetime(2027, 1, 15, tzinfo=UTC)},
    "form1/error_golongan_pns": {}, "form1/error_golongan_pppk": {}, "form1/error_masa_kerja": {},
    **{f"form1/error_nip_{code}": {} for code in
       ("length", "birth_date", "sex_digit", "tmt_month", "tmt_future", "tmt_too_young")},
    "form1/prompt/record": {}, "form1/help/record": {},
    "form1/prompt/basis": {"basis": 2, "codes": ["2.1", "2.2", "2.3"]},
    "form1/help/basis": {"basis": 2},
    "form1/prompt/code": {"code": "2.1", "optional": True},
    "form1/help/code": {"code": "2.1"},
    "form1/prompt/priorities": {}, "form1/prompt/test_year": {}, "form1/prompt/test_results": {},
    "form1/prompt/rating": {
        "competency": GAP, "classification": Msg("ref/competency_class",
                                                {"key": "manajerial", "part": "name"}),
        "description": Msg("ref/competency", {"key": "komunikasi", "part": "description"}),
        "required": 3,
    },
    "form1/help/rating": {},
    "form1/prompt/needs": {"jenis": "sosio_kultural"},
    **{f"form1/prompt/c_{key}": {} for key in (
        "relevansi", "tujuan", "output", "kompetensi_klasifikasi", "kompetensi_deskripsi",
        "sasaran", "sumber", "waktu", "level", "pelaksana", "jp", "more")},
    "form1/prompt/c_metode_klasifikasi": {
        "target": "keterampilan", "classification": None, "forms": [],
        "recommended": [Msg("ref/method_class", {"key": "eksperiensial", "part": "name"})],
    },
    "form1/prompt/c_metode_bentuk": {
        "target": "pengetahuan", "recommended": [],
        "classification": Msg("ref/method_class", {"key": "sosial", "part": "name"}),
        "forms": [{"name": Msg("ref/method", {"key": "mentoring", "part": "name"}),
                   "description": Msg("ref/method", {"key": "mentoring", "part": "description"})}],
    },
}  # fmt: skip
