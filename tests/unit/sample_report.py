"""Sample contexts of the check-in report's templates (handlers/report/), and a small agency
year to compute them from: Pusat with a PNS and a PPPK, Balai with one PNS."""

from __future__ import annotations

from datetime import date
from typing import Any

from handlers.checkin.model import Fit, ItemStatus
from handlers.model import JenisPegawai
from handlers.report.entry import entry_context
from handlers.report.figures import Year, by_unit, figures
from handlers.report.model import CheckinAnswer, CheckinEntry, Holder, PlannedItem
from handlers.report.progress import as_context

PNS, PPPK = JenisPegawai.PNS, JenisPegawai.PPPK
DONE, RUNNING = ItemStatus.TERLAKSANA, ItemStatus.BERJALAN
CANCELLED, NOT_YET = ItemStatus.BATAL, ItemStatus.BELUM

HOLDERS = [Holder(2, "Budi Santoso", "Pusat", PNS), Holder(3, "Dewi Lestari", "Pusat", PPPK),
           Holder(4, "Eko Prasetyo", "Balai", PNS)]  # fmt: skip
ITEMS = [
    PlannedItem(21, 2, 1, "Analisis Kebijakan", due_quarter=1, jp=16),
    PlannedItem(22, 2, 2, "Manajemen Data", due_quarter=2, jp=8),
    PlannedItem(23, 2, 3, "Kepemimpinan", due_quarter=3, jp=12),
    PlannedItem(31, 3, 1, "Pelayanan Publik", due_quarter=1, jp=20),
    PlannedItem(32, 3, 2, "Komunikasi", due_quarter=2, jp=10),
    PlannedItem(41, 4, 1, "Statistik", due_quarter=1, jp=24),
]
ANSWERS = [
    CheckinAnswer(21, 1, RUNNING, 6),  # Budi's first item: running in Q1, done in Q2
    CheckinAnswer(21, 2, DONE, 16),
    CheckinAnswer(22, 2, CANCELLED, None),  # his second is cancelled in Q2
    CheckinAnswer(31, 1, DONE, 20),  # Dewi's first done in Q1
    CheckinAnswer(32, 2, DONE, 12),  # and her second in Q2: 32 JP, over the PPPK's 24
    CheckinAnswer(41, 1, NOT_YET, None),  # Eko's only item not started: late after Q1
]
ENTRY = CheckinEntry(21, 2, DONE, held_on=date(2026, 5, 12), method_class="formal",
                     method_form="pelatihan", jp=16, fit=Fit.SESUAI, fit_reason="sesuai rencana",
                     benefit=4,
                     benefit_example="laporan lebih cepat", evidence="sertifikat.pdf",
                     feedback="Bagus")  # fmt: skip
YEAR = Year(HOLDERS, ITEMS, ANSWERS, quarters_past=2)  # the clock is in Q3

_UNITS = by_unit(YEAR)
_TOTAL = figures("Semua", YEAR)
_GROUPS = {"year": 2026, "kind": "units", "total": as_context(_TOTAL),
           "groups": [as_context(g) for g in _UNITS], "more_groups": 3, "drawn": 2}  # fmt: skip

_BUDI = as_context(figures("Budi Santoso", YEAR))
_ENTRY = entry_context(ENTRY)

REPORT_SAMPLES: dict[str, dict[str, Any]] = {
    "report/own": {"year": 2026, "pns": True, "minimum": 20, "maximum": 24, **_BUDI},
    "report/own_none": {"year": 2026},
    "report/groups": _GROUPS,
    "report/group_none": {"year": 2026, "kind": "team"},
    "report/not_allowed": {"kind": "units"},
    "report/everyone": {},
    "report/xlsx_button": {},
    "report/xlsx_sent": {"year": 2026, "kind": "units", "groups": 2},
    "report/chart/title": {"year": 2026, "kind": "units"},
    "report/chart/quarter": {"quarter": 2},
    "report/chart/planned": {},
    "report/chart/done": {},
    "report/chart/jp_planned": {},
    "report/chart/jp_realized": {},
    "report/chart/jp_target": {},
    "report/chart/jp_cap": {},
    "report/chart/jp_axis": {},
    "report/xlsx/columns_summary": {},
    "report/xlsx/columns_quarters": {},
    "report/xlsx/sheet_summary": {},
    "report/xlsx/sheet_quarters": {},
    "report/xlsx/columns_checkins": {},
    "report/xlsx/sheet_checkins": {},
    "report/checkins_sent": {"year": 2026, "rows": 1250},
    "cli/checkins_exported": {"year": 2026, "rows": 1250, "path": "checkin-2026.xlsx"},
    "cli/checkins_no_cycle": {},
    "report/status": {"status": "batal"},
    "report/fit": {"fit": "tidak"},
    "report/entry_lines": _ENTRY,
}
