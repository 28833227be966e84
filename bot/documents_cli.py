"""``idp-bot documents formulir1 (--nip N | --unit U | --all) --out FILE``: Formulir 1 as
DOCX — one file for a person, a ZIP of everyone's (or a unit's) written one document at a
time, never all of them in memory. The operator acts as the admin."""

from __future__ import annotations

import argparse
import zipfile
from pathlib import Path
from typing import Any

import messages
from bot.app import App
from bot.textfile import FileProblem, check_writable
from handlers import cycle
from handlers.access import Operator
from handlers.documents.download import DocumentRefused, formulir1_file, owner_of
from handlers.names import canonical_name

COMMAND = "documents"
BATCH = 200  # people per transaction while a ZIP is written


def register(commands: Any) -> None:
    area = commands.add_parser(
        COMMAND, help="official documents: Formulir 1 as DOCX (one person, or a ZIP)"
    ).add_subparsers(dest="documents", required=True)
    form = area.add_parser("formulir1", help="Formulir 1 (A–D, E once checked in) as DOCX")
    who = form.add_mutually_exclusive_group(required=True)
    who.add_argument("--nip", help="one person: a .docx")
    who.add_argument("--unit", help="everyone of a unit kerja: a .zip")
    who.add_argument("--all", action="store_true", help="everyone: a .zip")
    form.add_argument("--out", type=Path, required=True, metavar="FILE")
    form.add_argument("--year", type=int, help="the cycle year (default: the current one)")


def refusal_template(refused: DocumentRefused) -> str:
    """The chat's refusal, but an unknown NIP in the command line's words (the chat's
    names /unduh)."""
    return (
        "cli/unknown_nip" if refused.reason == "unknown" else f"documents/refused_{refused.reason}"
    )


def say(app: App, template: str, **context: object) -> None:
    text = messages.render(template, app.settings.default_locale, context)
    print(messages.to_plain_text(text))


async def dispatch(app: App, args: argparse.Namespace) -> int:
    """Exit status: 0 written, 1 nothing to write (unknown NIP, no plan), 2 unwritable or an
    unknown unit."""
    locale = app.settings.default_locale
    async with app.uow() as uow:
        unit = None
        if args.unit is not None:
            unit = canonical_name(args.unit, known := await uow.reference.unit_names())
            if unit is None:
                say(app, "cli/unknown_unit", name=args.unit, known=known)
                return 2
        try:
            check_writable(args.out)
        except FileProblem as problem:
            say(app, "cli/file_unwritable", **problem.context())
            return 2
        year = args.year or await cycle.year_on(uow, cycle.agency_day(app.clock.now()))
        if args.nip:
            try:
                owner = await owner_of(uow, Operator(), args.nip)
                made = await formulir1_file(uow, owner, year, locale)
            except DocumentRefused as refused:
                say(app, refusal_template(refused), nip=args.nip, year=year)
                return 1
            args.out.write_bytes(made.data)
            say(app, "documents/written", path=str(args.out), written=1, skipped=0)
            return 0
        people = await uow.employees.select_nips(unit=unit, nip=None)
    written = skipped = 0
    with zipfile.ZipFile(args.out, "w", zipfile.ZIP_DEFLATED) as archive:
        for start in range(0, len(people), BATCH):
            async with app.uow() as uow:
                for employee_id, _ in people[start : start + BATCH]:
                    person = await uow.employees.by_id(employee_id)
                    try:
                        assert person is not None
                        made = await formulir1_file(uow, person, year, locale)
                    except DocumentRefused:
                        skipped += 1
                        continue
                    archive.writestr(made.name, made.data)
                    written += 1
    say(app, "documents/written", path=str(args.out), written=written, skipped=skipped)
    return 0 if written else 1
