"""``idp-bot recap group|levels|programmes``: Formulir 2 at the command line, as the
coordinator has it with /rekap. The operator acts as the admin."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

import messages
from bot.app import App
from bot.textfile import FileProblem, check_writable
from handlers import cycle
from handlers.access import Operator
from handlers.names import canonical_name
from handlers.ports import UnitOfWork
from handlers.recap import programmes
from handlers.recap.chat import board_context
from handlers.recap.labels import Labels
from handlers.recap.levels import fold
from handlers.recap.programmes import ProgrammeRefused
from handlers.recap.workbook import write_group, write_levels

COMMAND = "recap"
OPERATOR = Operator()


def register(commands: Any) -> None:
    area = commands.add_parser(
        COMMAND, help="Formulir 2: a group's recap, the recap per level, the programmes"
    ).add_subparsers(dest="recap", required=True)
    group = area.add_parser("group", help="an expertise group's recap as XLSX")
    group.add_argument("--group", required=True, metavar="NAME")
    levels = area.add_parser("levels", help="the learning coordinator's recap per level as XLSX")
    for parser in (group, levels):
        parser.add_argument("--out", type=Path, required=True, metavar="FILE.xlsx")
    plans = area.add_parser("programmes", help="list, accept, merge, split, decide programmes")
    plans.add_argument("action", choices=("list", "accept", "merge", "split", "decide",
                                          "dissolve"))  # fmt: skip
    plans.add_argument("numbers", nargs="*", type=int, metavar="N",
                       help="accept: a proposal; merge: A B; else: a programme")  # fmt: skip
    plans.add_argument("--unit", help="split: the unit taken out")
    plans.add_argument("--level", choices=("strategis", "operasional", "teknis"))
    plans.add_argument("--organiser", help="decide: who organises it (pelaksana)")
    for parser in (group, levels, plans):
        parser.add_argument("--year", type=int, help="the cycle year (default: the current one)")


def say(app: App, template: str, **context: object) -> None:
    text = messages.render(template, app.settings.default_locale, context)
    print(messages.to_plain_text(text))


async def dispatch(app: App, args: argparse.Namespace) -> int:
    """Exit status: 0 done, 1 nothing to write or refused, 2 an unwritable file or an
    unknown group."""
    now = app.clock.now()
    locale = app.settings.default_locale
    async with app.uow() as uow:
        group = None
        if args.recap == "group":
            group = canonical_name(args.group, known := await uow.employees.group_names())
            if group is None:
                say(app, "cli/unknown_group", name=args.group, known=known)
                return 2
        if args.recap in ("group", "levels"):
            try:
                check_writable(args.out)
            except FileProblem as problem:
                say(app, "cli/file_unwritable", **problem.context())
                return 2
        year = args.year or await cycle.year_on(uow, cycle.agency_day(now))
        labels = Labels(locale, year)
        if group is not None:
            count = await write_group(uow, group, year, labels, str(args.out))
            say(app, "recap/file_written", path=str(args.out), items=count)
            return 0 if count else 1
        if args.recap == "levels":
            found = {p.id: p for p in await uow.programmes.all(year)}
            lines = fold(await uow.recaps.level_counts(year), found, labels)
            write_levels(lines, labels, str(args.out))
            say(app, "recap/file_written", path=str(args.out),
                items=sum(len(v) for v in lines.values()))  # fmt: skip
            return 0
        try:
            status = await programme_action(app, uow, args, year)
        except ProgrammeRefused as refused:
            say(app, f"recap/refused_{refused.reason}")
            return 1
        await uow.commit()
        return status


async def programme_action(app: App, uow: UnitOfWork, args: argparse.Namespace, year: int) -> int:
    now, numbers = app.clock.now(), list(args.numbers)
    labels = Labels(app.settings.default_locale, year)
    needed = {"list": 0, "accept": 1, "merge": 2, "split": 1, "decide": 1, "dissolve": 1}
    if len(numbers) != needed[args.action]:
        raise ProgrammeRefused("usage")
    if args.action == "accept":
        current = (await programmes.board(uow, OPERATOR, year)).proposals
        token = current[numbers[0] - 1].token if 1 <= numbers[0] <= len(current) else ""
        await programmes.accept(uow, OPERATOR, year, numbers[0], token, now)
    elif args.action == "merge":
        await programmes.merge(uow, OPERATOR, numbers[0], numbers[1], now)
    elif args.action == "split":
        await programmes.split(uow, OPERATOR, numbers[0], args.unit or "", now)
    elif args.action == "decide":
        await programmes.decide(uow, OPERATOR, numbers[0], now, level=args.level,
                                organiser=args.organiser)  # fmt: skip
    elif args.action == "dissolve":
        await programmes.dissolve(uow, OPERATOR, numbers[0])
    found = await programmes.board(uow, OPERATOR, year)
    say(app, "recap/board", **board_context(found, labels, year, cli=True))
    return 0
