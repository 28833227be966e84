"""The check-in figures as XLSX (openpyxl write-only): one row per group (a unit, or a team
member) with JP and items, and one row per group and quarter — the numbers of the chart.
Group names go in as text (:mod:`handlers.documents.cells`), counts as numbers."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from openpyxl import Workbook

from handlers.documents.cells import row
from handlers.effects import Attachment, Msg
from handlers.forms.labels import plain
from handlers.report.figures import Figures

MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def columns(name: str, locale: str) -> list[str | int | None]:
    """The column titles of a sheet, one per line of ``report/xlsx/<name>``."""
    return list(plain(Msg(f"report/xlsx/{name}"), locale).splitlines())


def summary_line(group: Figures) -> list[str | int | None]:
    return [group.label, group.employees, group.pns, group.pppk, group.jp_planned,
            group.jp_realized, group.jp_target, group.pns_below, group.pppk_over, group.items,
            group.done, group.running, group.late, group.cancelled, group.not_yet,
            group.jp_cap]  # fmt: skip


def write(groups: Sequence[Figures], total: Figures, locale: str) -> bytes:
    """Two sheets: the groups with a total row, then each group per quarter."""
    book = Workbook(write_only=True)
    summary: Any = book.create_sheet(title=plain(Msg("report/xlsx/sheet_summary"), locale))
    summary.append(row(summary, columns("columns_summary", locale)))
    for group in (*groups, total):
        summary.append(row(summary, summary_line(group)))
    quarters: Any = book.create_sheet(title=plain(Msg("report/xlsx/sheet_quarters"), locale))
    quarters.append(row(quarters, columns("columns_quarters", locale)))
    for group in groups:
        for q in group.quarters:
            quarters.append(row(quarters, [group.label, q.quarter, q.planned, q.done,
                                           q.jp_realized]))  # fmt: skip
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def attachment(groups: Sequence[Figures], total: Figures, locale: str, name: str) -> Attachment:
    return Attachment(name=f"{name}.xlsx", mime=MIME, data=write(groups, total, locale))
