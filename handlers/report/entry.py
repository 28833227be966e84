"""A check-in entry in words (Formulir 1 E), in the reader's language: the lines of the DOCX
cell, and the words of the workbook's cells."""

from __future__ import annotations

from handlers.checkin.model import Fit, ItemStatus
from handlers.effects import Msg
from handlers.forms.labels import plain
from handlers.reference.competencies import NATIONAL
from handlers.reference.methods import find_form
from handlers.report.model import CheckinEntry


def status_word(status: ItemStatus) -> Msg:
    return Msg("report/status", {"status": status.value})


def fit_word(fit: Fit | None) -> Msg | None:
    return Msg("report/fit", {"fit": fit.value}) if fit is not None else None


def method_word(entry: CheckinEntry) -> Msg | str | None:
    """The method actually used: its form's name (Anak Lampiran 3), else as stored."""
    if entry.method_form is None:
        return None
    if find_form(entry.method_form) is None:
        return entry.method_form
    return Msg("ref/method", {"key": entry.method_form, "part": "name"})


def competency_word(key: str | None, description: str) -> Msg | str:
    """An item's competency: a national one by its dictionary name, else as typed."""
    if description or key is None or key not in {c.key for c in NATIONAL}:
        return description
    return Msg("ref/competency_label", {"key": key, "name": description})


def entry_lines(entry: CheckinEntry, locale: str) -> list[str]:
    """What the quarter recorded, a line each (status, date, method, JP, fit, benefit,
    evidence, the supervisor's feedback)."""
    return plain(Msg("report/entry_lines", entry_context(entry)), locale).splitlines()


def entry_context(entry: CheckinEntry) -> dict[str, object]:
    """What ``report/entry_lines`` reads: the entry, its words as nested texts."""
    return {**vars(entry), "status": status_word(entry.status), "fit": fit_word(entry.fit),
            "method": method_word(entry)}  # fmt: skip
