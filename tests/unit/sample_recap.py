"""Sample contexts of Formulir 2 and the documents (messages/*/recap/, messages/*/documents/)."""

from __future__ import annotations

from typing import Any

PROGRAMME = {"id": 3, "name": "Kerja Sama", "level": "Operasional", "organiser": "Pusbang ASN",
             "units": ["Biro Umum", "Pusat Data"], "items": 9, "changed": 4}  # fmt: skip
BOARD = {"year": 2026, "shown": 10, "cli": False,
         "proposals": [{"name": "Analisis Kebijakan", "units": ["Biro Umum", "Inspektorat"],
                        "count": 8}],
         "programmes": [{**PROGRAMME, "count": 9}]}  # fmt: skip
REFUSALS = ("role", "stale", "unknown", "merge", "split", "level", "organiser", "usage")

RECAP_SAMPLES: dict[str, dict[str, Any]] = {
    "recap/board": BOARD,
    "recap/btn_accept": {"number": 1},
    "recap/btn_dissolve": {"id": 3},
    "recap/btn_group": {"name": "Pengembangan SDM"},
    "recap/btn_level": {"id": 3, "level": "Strategis"},
    "recap/btn_levels": {},
    "recap/btn_programmes": {},
    "recap/choose_group": {"groups": 75, "shown": 60},
    "recap/columns_group": {},
    "recap/columns_level": {},
    "recap/file_written": {"path": "rekap.xlsx", "items": 16},
    "recap/goal_word": {},
    "recap/output_word": {},
    "recap/group_empty": {"group": "Pengembangan SDM", "year": 2026, "items": 0},
    "recap/group_sent": {"group": "Pengembangan SDM", "year": 2026, "items": 16},
    "recap/level": {"key": "operasional"},
    "recap/levels_sent": {"year": 2026, "levels": [{"name": "Strategis", "lines": 2,
                                                    "employees": 40}]},
    "recap/priority": {"key": "tinggi"},
    "recap/title_group": {"group": "Pengembangan SDM", "year": 2026},
    "recap/title_level": {"level": "Teknis", "year": 2026},
    **{f"recap/programme_{done}": PROGRAMME
       for done in ("made", "merged", "split", "decided", "dissolved")},
    **{f"recap/refused_{reason}": {} for reason in REFUSALS if reason != "role"},
    "recap/refused_role": {"what": "levels"},
    "documents/sent": {"name": "Budi Santoso", "year": 2026, "sections": ["C", "D"]},
    "documents/text": {"key": "D"},
    "documents/written": {"path": "semua.zip", "written": 12, "skipped": 1},
    **{f"documents/refused_{reason}": {"nip": "199004172015031003", "year": 2026}
       for reason in ("role", "unknown", "no_plan")},
}  # fmt: skip
