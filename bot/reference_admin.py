"""Administrator imports of reference data behind the CLI: ``idp-bot priorities import`` (the
steering board's priority competencies) and ``idp-bot competencies import`` (what each jabatan
requires). Output is plain text for the terminal, in the agency's default language."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

import messages
from bot.admin import load_table
from bot.app import App
from handlers.org_import import ImportReport
from handlers.ports import UnitOfWork
from handlers.reference import imports

Importer = Callable[[UnitOfWork, Iterable[tuple[int, Mapping[str, str]]]], Awaitable[ImportReport]]


def _say(app: App, template: str, context: dict[str, Any]) -> None:
    locale = app.settings.default_locale
    print(messages.to_plain_text(messages.render(f"cli/{template}", locale, context)))


async def _run(
    app: App, path: Path, required: Sequence[str], importer: Importer, replace: bool
) -> int:
    """Read the file, import it in one unit of work, print each refusal and a summary.

    Exit status: 0 all rows loaded, 1 some rows refused, 2 the file could not be read.
    """
    table = load_table(app, path, required)
    if table is None:
        return 2
    async with app.uow() as uow:
        report = await importer(uow, table.rows)
    for problem in report.errors:
        _say(app, "reference_row_error", asdict(problem))
    _say(app, "import_summary", {"loaded": report.loaded, "refused": len(report.errors)})
    if replace and report.errors:
        _say(app, "reference_replace_refused", {})
    return 1 if report.errors else 0


async def import_priorities(app: App, path: Path, *, replace: bool = False) -> int:
    """Load the year's priority competencies (tahun, unit_kerja, kompetensi, keterangan)."""

    async def importer(
        uow: UnitOfWork, rows: Iterable[tuple[int, Mapping[str, str]]]
    ) -> ImportReport:
        return await imports.import_priorities(uow, rows, replace=replace)

    required = imports.PRIORITY_COLUMNS[:3]
    return await _run(app, path, required, importer, replace)


async def import_competencies(app: App, path: Path, *, replace: bool = False) -> int:
    """Load jabatan competency levels and technical competencies (jabatan, kompetensi, jenis,
    level)."""

    async def importer(
        uow: UnitOfWork, rows: Iterable[tuple[int, Mapping[str, str]]]
    ) -> ImportReport:
        return await imports.import_requirements(uow, rows, replace=replace)

    return await _run(app, path, imports.REQUIREMENT_COLUMNS, importer, replace)
