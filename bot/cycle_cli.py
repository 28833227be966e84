"""``idp-bot cycle open|list``: the operator opens a cycle year (with its dates) or lists the
cycles, as an administrator would with /siklus in the chat."""

from __future__ import annotations

import argparse
from typing import Any

import messages
from bot.app import App
from bot.delivery_cli import BadInput, parse_day
from handlers.cycle import CycleRefused, Dates, agency_day, cycle_on, move_checkins, open_cycle
from handlers.cycle.chat import dates, next_to_open
from handlers.ports import UnitOfWork

COMMAND = "cycle"
OPERATOR = "cli"  # who opened a cycle from the command line


def register(commands: Any) -> None:
    """Add ``cycle open`` and ``cycle list`` to ``idp-bot``'s sub-commands."""
    area = commands.add_parser(
        COMMAND, help="IDP cycle years: open one with its dates, list them"
    ).add_subparsers(dest="cycle", required=True)
    area.add_parser("list", help="the cycles opened, and which one is being planned now")
    opening = area.add_parser("open", help="open a cycle year (default dates: docs/operations.md)")
    opening.add_argument("year", type=int)
    opening.add_argument("--formulir1-opens", metavar="DATE")
    opening.add_argument("--dialogue", nargs=2, metavar=("FROM", "TO"))
    opening.add_argument("--verification-by", metavar="DATE")
    opening.add_argument("--checkins", nargs=4, metavar=("D1", "D2", "D3", "D4"))
    moving = area.add_parser("checkins", help="set an open cycle's quarterly check-in dates")
    moving.add_argument("year", type=int)
    moving.add_argument("days", nargs=4, metavar=("D1", "D2", "D3", "D4"))


def say(app: App, template: str, **context: object) -> None:
    text = messages.render(template, app.settings.default_locale, {**context, "cli": True})
    print(messages.to_plain_text(text))


def given_dates(args: argparse.Namespace) -> Dates:
    """The dates typed on the command line (YYYY-MM-DD); the others keep their default."""
    dialogue = args.dialogue and (parse_day(args.dialogue[0]), parse_day(args.dialogue[1]))
    checkins = args.checkins and tuple(parse_day(day) for day in args.checkins)
    return Dates(
        formulir1_opens=parse_day(args.formulir1_opens) if args.formulir1_opens else None,
        dialogue=dialogue or None,
        verification_by=parse_day(args.verification_by) if args.verification_by else None,
        checkins=checkins or None,
    )


async def checkins(app: App, uow: UnitOfWork, args: argparse.Namespace) -> int:
    """Exit status: 0 set, 1 no such cycle, 2 refused (dates)."""
    try:
        days = tuple(parse_day(day) for day in args.days)
        moved = await move_checkins(uow, args.year, days)  # type: ignore[arg-type]
    except BadInput as error:
        say(app, "cli/bad_input", value=error.value, expected=error.expected)
        return 2
    except CycleRefused as error:
        say(app, "cycle/refused", reason=error.reason, **error.detail)
        return 2
    if moved is None:
        say(app, "cycle/list", cycles=[], current=None, suggest=args.year)
        return 1
    await uow.commit()
    say(app, "cycle/checkins_set", **dates(moved))
    return 0


async def dispatch(app: App, args: argparse.Namespace) -> int:
    """Exit status: 0 opened or listed, 1 open already, 2 refused (year, dates)."""
    now = app.clock.now()
    async with app.uow() as uow:
        if args.cycle == "list":
            cycles = await uow.cycles.all()
            current = cycle_on(cycles, agency_day(now))
            say(app, "cycle/list", cycles=[dates(c) for c in reversed(cycles)],
                current=current.year if current else None,
                suggest=next_to_open(cycles, now))  # fmt: skip
            return 0
        if args.cycle == "checkins":
            return await checkins(app, uow, args)
        try:
            opened = await open_cycle(uow, args.year, OPERATOR, now, given_dates(args))
        except BadInput as error:
            say(app, "cli/bad_input", value=error.value, expected=error.expected)
            return 2
        except CycleRefused as error:
            say(app, "cycle/refused", reason=error.reason, **error.detail)
            return 2
        if opened is None:
            say(app, "cycle/already_open", year=args.year)
            return 1
        await uow.commit()
    say(app, "cycle/opened", **dates(opened))
    return 0
