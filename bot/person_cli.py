"""``idp-bot person export|erase --nip N``: the operator answers a person's access request
(everything held about them, as a JSON file only the operator can read) or erasure request
(UU PDP 27/2022; docs/privacy.md)."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

from bot import admin
from bot.app import App
from handlers import personal_data
from handlers.personal_data import UnknownPerson

COMMAND = "person"


def register(commands: Any) -> None:
    """Add ``person export`` and ``person erase`` to ``idp-bot``'s sub-commands."""
    area = commands.add_parser(
        COMMAND, help="a person's data (UU PDP 27/2022): export it, erase it"
    ).add_subparsers(dest="person", required=True)
    export = area.add_parser("export", help="write everything held about a person (JSON, 0600)")
    export.add_argument("--nip", required=True)
    export.add_argument("-o", "--output", type=Path, metavar="FILE",
                        help="default: data-pribadi-<NIP>.json")  # fmt: skip
    erase = area.add_parser("erase", help="erase or anonymise a person's data (asks first)")
    erase.add_argument("--nip", required=True)
    erase.add_argument("--yes", action="store_true", help="do not ask for confirmation")


def say(app: App, template: str, **context: object) -> None:
    admin.say(app, template, context)


def write_private(path: Path, text: str) -> None:
    """Write ``text`` to a file only its owner may read, even if the file existed."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.fchmod(descriptor, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(text)


async def dispatch(app: App, args: argparse.Namespace) -> int:
    """Exit status: 0 done, 1 unknown NIP or erasure not confirmed, 2 file not written."""
    try:
        if args.person == "export":
            return await export_command(app, args.nip, args.output)
        return await erase_command(app, args.nip, confirmed=args.yes)
    except UnknownPerson as error:
        say(app, "unknown_nip", nip=error.nip)
        return 1


async def export_command(app: App, nip: str, output: Path | None) -> int:
    path = output or Path(f"data-pribadi-{nip.strip()}.json")
    async with app.uow() as uow:
        data = await personal_data.export(uow, nip, app.clock.now())
    try:
        write_private(path, json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    except OSError as error:
        say(app, "person_not_written", path=str(path), reason=error.strerror or str(error))
        return 2
    counts = {key: len(value) for key, value in data.items() if isinstance(value, list)}
    say(app, "person_exported", path=str(path), counts=counts)
    return 0


async def erase_command(app: App, nip: str, *, confirmed: bool) -> int:
    if not confirmed:
        async with app.uow() as uow:
            person = await uow.employees.by_nip(nip.strip())
        if person is None:
            raise UnknownPerson(nip)
        say(app, "person_erase_confirm", nip=person.nip, name=person.nama)
        if sys.stdin.readline().strip() != person.nip:
            say(app, "person_erase_cancelled")
            return 1
    async with app.uow() as uow:
        report = await personal_data.erase(uow, nip, app.clock.now())
    say(app, "person_erased", nip=nip.strip(), report=report)
    return 0
