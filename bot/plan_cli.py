"""``idp-bot plan return --nip N --note "…"`` and ``plan history --nip N``: an administrator
returns a sent plan to the employee with a note, and reads a plan's audit log."""

from __future__ import annotations

import argparse
from typing import Any

import messages
from bot.app import App
from handlers import cycle
from handlers.dialog.history import trail_context
from handlers.effects import Msg
from handlers.model import Zone
from handlers.person_channels import zone_of
from handlers.plan.history import owner_and_plan, plan_of
from handlers.plan.returning import ReturnRefused, return_plan

COMMAND = "plan"
OPERATOR = "cli"  # the audit log's "who" for a move made at the command line


def say(app: App, message: Msg) -> None:
    locale = app.settings.default_locale
    print(messages.to_plain_text(messages.render(message.template, locale, message.context)))


def register(commands: Any) -> None:
    """Add ``plan return`` and ``plan history`` to ``idp-bot``'s sub-commands."""
    area = commands.add_parser(
        COMMAND, help="a person's IDP plan: return it with a note, read its history"
    ).add_subparsers(dest="plan", required=True)
    back = area.add_parser("return", help="return a sent plan to the employee, with a note")
    back.add_argument("--nip", required=True)
    back.add_argument("--note", required=True, help="what the employee should change")
    log = area.add_parser("history", help="every move of the plan: who, when, from, to, note")
    log.add_argument("--nip", required=True)
    for parser in (back, log):
        parser.add_argument("--year", type=int, help="the cycle year (default: the current one)")


async def dispatch(app: App, args: argparse.Namespace) -> int:
    """Exit status: 0 done, 1 refused (unknown NIP, no plan, not returnable, empty note)."""
    now = app.clock.now()
    try:
        async with app.uow() as uow:
            year = args.year or await cycle.year_on(uow, cycle.agency_day(now))
            if args.plan == "history":
                owner, plan = await owner_and_plan(uow, args.nip, year)
                zone = zone_of(app.settings.timezone) or Zone.WIB
                trail = await trail_context(uow, plan, owner.nama, zone)
                say(app, Msg("dialog/team/history", trail))
                return 0
            plan = await plan_of(uow, args.nip, year)
            found = await return_plan(uow, plan.id, args.note, now, operator=OPERATOR)
            await uow.commit()
    except ReturnRefused as refusal:
        say(app, refusal.msg())
        return 1
    done = {"employee": found.owner.nama, "year": found.plan.year}
    say(app, Msg("plan/return_done", done))
    return 0
