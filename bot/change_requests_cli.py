"""``idp-bot change-requests``: the administrator at the command line decides the corrections
of NIP or unit kerja employees asked for in Formulir 1 A (list, approve ID, reject ID)."""

from __future__ import annotations

import argparse
from typing import Any
from zoneinfo import ZoneInfo

import messages
from bot.app import App
from handlers import change_requests
from handlers.change_requests import ChangeRefused
from handlers.effects import Msg
from handlers.ports import ChangeRequest

COMMAND = "change-requests"
OPERATOR = "cli"  # decided_by of a decision taken at the command line


def register(commands: Any) -> None:
    """Add ``change-requests list|approve ID|reject ID`` to ``idp-bot``'s sub-commands."""
    area = commands.add_parser(
        COMMAND, help="corrections of NIP or unit kerja asked for in Formulir 1 A"
    ).add_subparsers(dest="change_requests", required=True)
    area.add_parser("list", help="the requests waiting for a decision")
    for action, what in (("approve", "apply the correction"), ("reject", "keep the record")):
        area.add_parser(action, help=what).add_argument("id", type=int)


def say(app: App, message: Msg) -> None:
    locale = app.settings.default_locale
    print(messages.to_plain_text(messages.render(message.template, locale, message.context)))


def row(app: App, request: ChangeRequest) -> dict[str, Any]:
    return change_requests.describe(request, ZoneInfo(app.settings.timezone))


async def dispatch(app: App, args: argparse.Namespace) -> int:
    """Exit status: 0 done, 1 refused (unknown id, decided already, a NIP in use, …)."""
    async with app.uow() as uow:
        if args.change_requests == "list":
            items = await change_requests.pending(uow)
            say(app, Msg("change/cli_list", {"items": [row(app, r) for r in items]}))
            return 0
        decide = change_requests.DECISIONS[args.change_requests]
        try:
            decided = await decide(uow, args.id, app.clock.now(), OPERATOR)
        except ChangeRefused as refusal:
            say(app, refusal.msg())
            return 1
    say(app, Msg("change/decided", {**row(app, decided), "status": decided.status}))
    return 0
