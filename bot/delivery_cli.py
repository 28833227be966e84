"""``idp-bot broadcast``, ``idp-bot reminder`` and ``idp-bot cuti-bersama``: the operator at
the command line, acting as an administrator."""

from __future__ import annotations

import argparse
from datetime import date, time
from pathlib import Path
from typing import Any

import messages
from bot.app import App
from bot.textfile import WINDOWS_1252, FileProblem, read_text
from handlers import broadcast, cycle, reminders
from handlers.broadcast import BroadcastRefused, LocalTime, Operator
from handlers.calendar import local, parse_quiet_hours
from handlers.ports import BroadcastRecord

COMMANDS = ("broadcast", "reminder", "cuti-bersama")
OPERATOR = Operator()


def register(commands: Any) -> None:
    """Add the three commands to ``idp-bot``'s sub-command parsers."""
    cast = commands.add_parser("broadcast", help="send a text to an audience, now or later")
    cast.add_argument("action", nargs="?", choices=("list", "cancel", "report"))
    cast.add_argument("id", nargs="?", type=int)
    cast.add_argument("--to", metavar="AUDIENCE", help="all | unit:U | group:G | role:R | stage:S")
    cast.add_argument("--at", metavar="'YYYY-MM-DD HH:MM'", help="each recipient's own clock")
    cast.add_argument("--text-file", type=Path, metavar="FILE")
    remind = commands.add_parser("reminder", help="reminders the coordinator sets for the cycle")
    remind.add_argument("action", choices=("add", "list", "remove"))
    remind.add_argument("id", nargs="?", type=int)
    remind.add_argument("--to", metavar="AUDIENCE", default="stage:not_submitted")
    remind.add_argument("--on", metavar="YYYY-MM-DD")
    remind.add_argument("--at", metavar="HH:MM", default="09:00")
    remind.add_argument("--template", default="formulir1_not_submitted",
                        choices=sorted(reminders.TEMPLATES))  # fmt: skip
    remind.add_argument("--deadline", metavar="YYYY-MM-DD")
    leave = commands.add_parser("cuti-bersama", help="collective leave days (not working days)")
    leave.add_argument("action", choices=("add", "list", "remove"))
    leave.add_argument("day", nargs="?", metavar="YYYY-MM-DD")


def say(app: App, template: str, **context: object) -> None:
    print(messages.to_plain_text(messages.render(template, app.settings.default_locale, context)))


class BadInput(ValueError):
    def __init__(self, value: str, expected: str) -> None:
        super().__init__(value)
        self.value, self.expected = value, expected


def parse_day(text: str | None) -> date:
    try:
        return date.fromisoformat((text or "").strip())
    except ValueError:
        raise BadInput(text or "", "YYYY-MM-DD") from None


def parse_clock(text: str) -> time:
    try:
        return time.fromisoformat(text.strip())
    except ValueError:
        raise BadInput(text, "HH:MM") from None


def parse_when(text: str) -> LocalTime:
    day, _, clock = text.strip().partition(" ")
    if not clock:
        raise BadInput(text, "YYYY-MM-DD HH:MM")
    return LocalTime(parse_day(day), parse_clock(clock))


async def dispatch(app: App, args: argparse.Namespace) -> int:
    try:
        if args.command == "broadcast":
            return await broadcast_command(app, args)
        if args.command == "reminder":
            return await reminder_command(app, args)
        return await cuti_bersama_command(app, args)
    except BadInput as error:
        if error.value:
            say(app, "cli/bad_input", value=error.value, expected=error.expected)
        else:
            say(app, "cli/missing_input", expected=error.expected)
    except BroadcastRefused as error:
        refusal = error.msg()
        say(app, refusal.template, **refusal.context)
    except FileProblem as error:
        say(app, "cli/file_unreadable", **error.context())
    return 2


async def broadcast_command(app: App, args: argparse.Namespace) -> int:
    now = app.clock.now()
    async with app.uow() as uow:
        if args.action == "list":
            items = await broadcast.open_broadcasts(uow, OPERATOR)
            say(app, "cli/broadcast_list", items=[listing_row(app, r) for r in items])
            return 0
        if args.action is not None and args.id is None:
            raise BadInput("", "ID")
        if args.action == "cancel":
            count = await broadcast.cancel(uow, OPERATOR, args.id, now)
            say(app, "cli/broadcast_cancelled", id=args.id, count=count)
            return 0
        if args.action == "report":
            report = broadcast.report_msg(await broadcast.report(uow, OPERATOR, args.id))
            say(app, report.template, **report.context)
            return 0
        if args.to is None or args.text_file is None:
            raise BadInput("", "--to AUDIENCE --text-file FILE [--at 'YYYY-MM-DD HH:MM']")
        text, encoding = read_text(args.text_file)
        if encoding == WINDOWS_1252:
            say(app, "cli/file_read_as", name=args.text_file.name)
        when = parse_when(args.at) if args.at else None
        # a stage audience: the plans of the cycle being planned when the broadcast goes
        year = await cycle.year_on(uow, when.day if when else cycle.agency_day(now))
        quiet = parse_quiet_hours(app.settings.quiet_hours)
        created = await broadcast.create(uow, OPERATOR, args.to, text, when, now, year,
                                         quiet=quiet)  # fmt: skip
    zones = [
        {"zone": zone.value, "local": local(at, zone).strftime("%Y-%m-%d %H:%M"),
         "utc": at.strftime("%Y-%m-%d %H:%M")}
        for zone, at in created.due.items()
    ]  # fmt: skip
    say(app, "cli/broadcast_created", id=created.id, audience=created.audience,
        recipients=created.recipients, now=when is None, zones=zones,
        moved=created.moved)  # fmt: skip
    return 0


def listing_row(app: App, record: BroadcastRecord) -> dict[str, object]:
    first = record.first_due_at
    return {
        "id": record.id,
        "audience": record.audience,
        "recipients": record.recipients,
        "first_due": first.strftime("%Y-%m-%d %H:%M UTC") if first else "-",
        "started": first is not None and first <= app.clock.now(),
    }


async def reminder_command(app: App, args: argparse.Namespace) -> int:
    async with app.uow() as uow:
        if args.action == "list":
            rows = [
                {"id": r.id, "audience": r.audience, "template": r.template,
                 "on": r.on_date, "at": r.at_time.strftime("%H:%M"), "done": done}
                for r, done in await uow.reminders.listing()
            ]  # fmt: skip
            say(app, "cli/reminder_list", items=rows)
            return 0
        if args.action == "remove":
            if args.id is None:
                raise BadInput("", "ID")
            removed = await reminders.remove(uow, OPERATOR, args.id)
            say(app, "cli/reminder_removed", id=args.id, removed=removed)
            return 0 if removed else 1
        on, at = parse_day(args.on), parse_clock(args.at)
        deadline = parse_day(args.deadline) if args.deadline else None
        reminder_id, audience = await reminders.add(
            uow, OPERATOR, args.to, args.template, on, at, deadline,
            app.clock.now(), await cycle.year_on(uow, on),
        )  # fmt: skip
    say(app, "cli/reminder_added", id=reminder_id, audience=audience, on=on,
        at=at.strftime("%H:%M"), deadline=deadline)  # fmt: skip
    return 0


async def cuti_bersama_command(app: App, args: argparse.Namespace) -> int:
    now = app.clock.now()
    async with app.uow() as uow:
        if args.action == "list":
            days = await uow.cuti_bersama.listing(date(now.year - 1, 1, 1))
            say(app, "cli/cuti_bersama_list", days=days)
            return 0
        day = parse_day(args.day)
        if args.action == "add":
            changed = await uow.cuti_bersama.add(day, now)
        else:
            changed = await uow.cuti_bersama.remove(day)
        await uow.commit()
    say(app, f"cli/cuti_bersama_{'added' if args.action == 'add' else 'removed'}",
        day=day, changed=changed)  # fmt: skip
    return 0
