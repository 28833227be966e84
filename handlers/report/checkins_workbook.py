"""Every check-in of a year as XLSX, for the learning coordinator (Formulir 1 E of everyone):
a row per employee, item and quarter, written page by page in openpyxl's write-only mode so
the workbook never holds the year in memory. Every value a person typed goes in as text
(:mod:`handlers.documents.cells`); quarters, item numbers, JP and the benefit scale as numbers."""

from __future__ import annotations

import io
from typing import IO, Any

from openpyxl import Workbook

from handlers.documents.cells import row
from handlers.effects import Attachment, Msg
from handlers.forms.labels import plain
from handlers.ports import UnitOfWork
from handlers.report.entry import competency_word, fit_word, method_word, status_word
from handlers.report.model import CheckinLine
from handlers.report.ports import PAGE
from handlers.report.workbook import MIME, columns


class Words:
    """The words of one locale (status, fit, method), each rendered once per export."""

    def __init__(self, locale: str) -> None:
        self.locale = locale
        self._said: dict[tuple[str, str], str] = {}

    def say(self, message: Msg | str | None) -> str | None:
        if message is None or isinstance(message, str):
            return message
        key = (message.template, repr(sorted(message.context.items())))
        if key not in self._said:
            self._said[key] = plain(message, self.locale)
        return self._said[key]


def line_cells(line: CheckinLine, words: Words) -> list[str | int | None]:
    entry = line.entry
    held_on = entry.held_on.isoformat() if entry.held_on else None
    competency = words.say(competency_word(line.competency_key, line.competency))
    return [line.nip, line.nama, line.unit, line.position, competency, entry.quarter,
            words.say(status_word(entry.status)), entry.reason, held_on,
            words.say(method_word(entry)), entry.jp, words.say(fit_word(entry.fit)),
            entry.fit_reason, entry.benefit, entry.benefit_example, entry.evidence,
            entry.feedback]  # fmt: skip


async def write_checkins(uow: UnitOfWork, year: int, locale: str, out: IO[bytes]) -> int:
    """All check-ins of ``year`` into ``out``; how many rows it holds."""
    book = Workbook(write_only=True)
    sheet: Any = book.create_sheet(title=plain(Msg("report/xlsx/sheet_checkins"), locale))
    sheet.append(row(sheet, columns("columns_checkins", locale)))
    words, written, after = Words(locale), 0, None
    while True:
        page = await uow.checkin_report.lines_page(year, after, PAGE)
        for line in page:
            sheet.append(row(sheet, line_cells(line, words)))
        written += len(page)
        if len(page) < PAGE:
            break
        last = page[-1]
        after = (last.nip, last.position, last.entry.quarter)
    book.save(out)
    return written


async def checkins_attachment(uow: UnitOfWork, year: int, locale: str) -> tuple[Attachment, int]:
    out = io.BytesIO()
    written = await write_checkins(uow, year, locale, out)
    return Attachment(f"checkin-{year}.xlsx", MIME, out.getvalue()), written
