"""``idp-bot supervisor acting|list|end`` — the admin names acting supervisors (Plt/Plh) —
and ``idp-bot schedule preview --on DATE`` / ``schedule nudges`` — what the scheduler would
send on a day, and the working days before each nudge of a cycle."""

from __future__ import annotations

import argparse
from typing import Any

import messages
from bot.app import App
from bot.delivery_cli import BadInput, parse_day
from handlers import cycle
from handlers.calendar import parse_quiet_hours
from handlers.dialog.acting import ActingRefused, end_acting, name_acting
from handlers.dialog.oversight_ports import NudgeSettings
from handlers.dialog.preview import preview
from handlers.effects import Msg

COMMANDS = ("supervisor", "schedule")
OPERATOR = "cli"  # who named an acting supervisor from the command line
SETTINGS = ("remind_supervisor", "escalate", "remind_confirm", "window_closing")


def register(commands: Any) -> None:
    area = commands.add_parser(
        "supervisor", help="acting supervisors (Plt/Plh): name one, list them, end one"
    ).add_subparsers(dest="supervisor", required=True)
    acting = area.add_parser("acting", help="name an acting supervisor for a person or a unit")
    target = acting.add_mutually_exclusive_group(required=True)
    target.add_argument("--for", dest="for_nip", metavar="NIP")
    target.add_argument("--unit", metavar="UNIT")
    acting.add_argument("--by", required=True, metavar="NIP", help="the acting supervisor")
    acting.add_argument("--from", dest="starts", required=True, metavar="DATE")
    acting.add_argument("--to", dest="ends", required=True, metavar="DATE")
    listing = area.add_parser("list", help="the acting assignments (--on DATE: active that day)")
    listing.add_argument("--on", metavar="DATE")
    area.add_parser("end", help="end an acting assignment now").add_argument("id", type=int)
    schedule = commands.add_parser(
        "schedule", help="what the scheduler sends: preview a day, set the dialogue nudges"
    ).add_subparsers(dest="schedule", required=True)
    ahead = schedule.add_parser("preview", help="what would be sent on a day (nothing is sent)")
    ahead.add_argument("--on", required=True, metavar="DATE")
    nudges = schedule.add_parser("nudges", help="working days before each dialogue nudge")
    nudges.add_argument("--year", type=int, help="the cycle year (default: the current one)")
    for name in SETTINGS:
        nudges.add_argument(f"--{name.replace('_', '-')}", type=int, metavar="DAYS")


def say(app: App, message: Msg) -> None:
    text = messages.render(message.template, app.settings.default_locale, message.context)
    print(messages.to_plain_text(text))


async def dispatch(app: App, args: argparse.Namespace) -> int:
    """Exit status: 0 done, 1 refused (unknown person, unit, assignment; no cycle), 2 bad input."""
    try:
        if args.command == "supervisor":
            return await supervisor(app, args)
        return await schedule(app, args)
    except BadInput as error:
        say(app, Msg("cli/bad_input", {"value": error.value, "expected": error.expected}))
        return 2
    except ActingRefused as refusal:
        say(app, refusal.msg())
        return 1


async def supervisor(app: App, args: argparse.Namespace) -> int:
    now = app.clock.now()
    async with app.uow() as uow:
        if args.supervisor == "list":
            on = parse_day(args.on) if args.on else None
            say(app, Msg("dialog/team/acting_list",
                         {"assignments": await uow.oversight.acting(on=on)}))  # fmt: skip
            return 0
        if args.supervisor == "end":
            ended = await end_acting(uow, args.id, now)
            await uow.commit()
            say(app, Msg("dialog/team/acting_done", {**named(ended), "ended": True}))
            return 0
        made = await name_acting(uow, args.by, for_nip=args.for_nip, unit=args.unit,
                                 starts=parse_day(args.starts), ends=parse_day(args.ends),
                                 by=OPERATOR, at=now)  # fmt: skip
        await uow.commit()
    say(app, Msg("dialog/team/acting_done", {**named(made), "ended": False}))
    return 0


def named(assignment: Any) -> dict[str, object]:
    return {"id": assignment.id, "acting": assignment.acting_nama,
            "person": assignment.employee_nama, "unit": assignment.unit,
            "starts": assignment.starts, "ends": assignment.ends}  # fmt: skip


async def schedule(app: App, args: argparse.Namespace) -> int:
    now = app.clock.now()
    async with app.uow() as uow:
        if args.schedule == "preview":
            quiet = parse_quiet_hours(app.settings.quiet_hours)
            say(app, await preview(uow, parse_day(args.on), quiet))
            return 0
        year = args.year or await cycle.year_on(uow, cycle.agency_day(now))
        if year not in {c.year for c in await uow.cycles.all()}:
            say(app, Msg("dialog/team/no_cycle", {"year": year}))
            return 1
        settings = vars(await uow.oversight.settings(year))
        for name in SETTINGS:
            given = getattr(args, name)
            if given is not None:
                if given < 0:
                    raise BadInput(str(given), "0 or more working days")
                settings[name] = given
        chosen = NudgeSettings(**settings)
        await uow.oversight.save_settings(year, chosen, now)
        await uow.commit()
    say(app, Msg("dialog/team/nudges_set", {"year": year, **vars(chosen)}))
    return 0
