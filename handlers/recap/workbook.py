"""Formulir 2 as XLSX, written in openpyxl's write-only (streaming) mode: the group's recap
page by page from the database, the coordinator's recap one sheet per level. Every text goes
in as text (:mod:`handlers.documents.cells`)."""

from __future__ import annotations

from typing import IO, Any

from openpyxl import Workbook

from handlers.documents.cells import row
from handlers.ports import UnitOfWork
from handlers.recap.labels import Labels
from handlers.recap.levels import LevelLine
from handlers.recap.model import LEVELS, GroupRow
from handlers.recap.ports import PAGE

MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def group_line(number: int, found: GroupRow, labels: Labels) -> list[str | int | None]:
    """One row of the group's recap, in the regulation's column order."""
    goal, output = labels.text("recap/goal_word"), labels.text("recap/output_word")
    method = f"{labels.method_class(found.method_class)} — {labels.method_form(found.method_form)}"
    return [
        number, found.nama, ", ".join(found.relevance),
        f"{goal}: {found.goal}\n{output}: {found.output}",
        labels.classification(found.competency_classification), method,
        f"{found.learning_source} / {found.organiser}",
        labels.period(found.start_month, found.end_month, found.quarter),
        labels.level(found.level), labels.priority(found.priority),
    ]  # fmt: skip


async def write_group(
    uow: UnitOfWork, group: str, year: int, labels: Labels, out: IO[bytes] | str
) -> int:
    """The group's recap of ``year`` into ``out``; how many items it lists."""
    book = Workbook(write_only=True)
    sheet: Any = book.create_sheet(title="Formulir 2")
    sheet.append(row(sheet, [labels.text("recap/title_group", ("group", group),
                                         ("year", year))]))  # fmt: skip
    sheet.append(row(sheet, list(labels.columns("group"))))
    after: tuple[str, int] | None = None
    written = 0
    while True:
        page, after = await uow.recaps.group_page(group, year, after, PAGE)
        for found in page:
            written += 1
            sheet.append(row(sheet, group_line(written, found, labels)))
        if after is None:
            break
    book.save(out)
    return written


def write_levels(lines: dict[str, list[LevelLine]], labels: Labels, out: IO[bytes] | str) -> None:
    """The coordinator's recap: one sheet per level, strategic first."""
    book = Workbook(write_only=True)
    for level in LEVELS:
        sheet: Any = book.create_sheet(title=labels.level(level))
        sheet.append(row(sheet, [labels.text("recap/title_level", ("level", labels.level(level)),
                                             ("year", labels.year))]))  # fmt: skip
        sheet.append(row(sheet, list(labels.columns("level"))))
        for line in lines.get(level, []):
            sheet.append(row(sheet, [line.competency, line.development, line.method,
                                     line.source, line.time, ", ".join(line.units),
                                     line.employees]))  # fmt: skip
    book.save(out)
