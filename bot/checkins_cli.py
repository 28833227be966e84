"""``idp-bot checkins export --out FILE [--year YEAR]``: every check-in of a year as XLSX
(Formulir 1 E of everyone, as ``/progres rekap`` sends the coordinator), streamed to the file,
which only the operator can read (it holds the supervisors' feedback)."""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any

import messages
from bot.app import App
from bot.textfile import FileProblem, check_writable, os_problem
from handlers.report.checkins_workbook import write_checkins
from handlers.report.progress import checkins_running

COMMAND = "checkins"


def register(commands: Any) -> None:
    area = commands.add_parser(COMMAND, help="quarterly check-ins (Formulir 1 E)")
    actions = area.add_subparsers(dest="checkins", required=True)
    export = actions.add_parser("export", help="every check-in of a year as XLSX (0600)")
    export.add_argument("--out", type=Path, required=True, metavar="FILE")
    export.add_argument("--year", type=int, help="the cycle year (default: the running one)")


def say(app: App, template: str, **context: object) -> None:
    text = messages.render(f"cli/{template}", app.settings.default_locale, context)
    print(messages.to_plain_text(text))


async def dispatch(app: App, args: argparse.Namespace) -> int:
    """Exit status: 0 written, 1 no cycle to export, 2 the file cannot be written."""
    async with app.uow() as uow:
        year = args.year or await checkins_running(uow, app.clock.now())
        if year is None:
            say(app, "checkins_no_cycle")
            return 1
        try:
            check_writable(args.out)
            descriptor = os.open(args.out, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            os.fchmod(descriptor, 0o600)  # check_writable may have made it with the umask's
            with os.fdopen(descriptor, "wb") as handle:
                rows = await write_checkins(uow, year, app.settings.default_locale, handle)
        except FileProblem as problem:
            say(app, "file_unwritable", **problem.context())
            return 2
        except OSError as error:
            say(app, "file_unwritable", **os_problem(error, args.out).context())
            return 2
    say(app, "checkins_exported", year=year, rows=rows, path=str(args.out))
    return 0
