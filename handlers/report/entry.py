"""A check-in entry in words (Formulir 1 E), in the reader's language: the lines of the DOCX
cell, and the words of the workbook's cells."""

from __future__ import annotations

from handlers.effects import Msg
from handlers.forms.labels import plain
from handlers.report.model import CheckinEntry, Fit, Realisation


def status_word(status: Realisation) -> Msg:
    return Msg("report/status", {"status": status.value})


def fit_word(fit: Fit | None) -> Msg | None:
    return Msg("report/fit", {"fit": fit.value}) if fit is not None else None


def entry_lines(entry: CheckinEntry, locale: str) -> list[str]:
    """What the quarter recorded, a line each (status, date, method, JP, fit, benefit,
    evidence, the supervisor's feedback)."""
    context = {**vars(entry), "status": status_word(entry.status), "fit": fit_word(entry.fit)}
    return plain(Msg("report/entry_lines", context), locale).splitlines()
