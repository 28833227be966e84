"""``idp-bot dialog window|guide``: the operator sets the dialogue window (for everyone or a
unit) or publishes the dialogue guide (the shipped one, or any file), as a coordinator does
with /dialog in the chat; everyone concerned is told through the outbox."""

from __future__ import annotations

import argparse
import mimetypes
from pathlib import Path
from typing import Any

import messages
from bot.app import App
from bot.delivery_cli import BadInput, parse_day
from bot.textfile import os_problem
from handlers.dialog.persiapan import default_guide, publish_guide, publish_window
from handlers.dialog.window import WindowRefused
from handlers.effects import Attachment

COMMAND = "dialog"
OPERATOR = "cli"


def register(commands: Any) -> None:
    area = commands.add_parser(
        COMMAND, help="the dialog kinerja: its window and its guide"
    ).add_subparsers(dest="dialog", required=True)
    window = area.add_parser("window", help="set the dialogue window and tell everyone concerned")
    window.add_argument("--from", dest="starts", required=True, metavar="DATE")
    window.add_argument("--to", dest="ends", required=True, metavar="DATE")
    window.add_argument("--unit", help="a unit kerja's own window (default: everyone's)")
    guide = area.add_parser("guide", help="send the dialogue guide (or FILE) to everyone concerned")
    guide.add_argument("file", nargs="?", type=Path, help="default: the guide shipped with the bot")
    guide.add_argument("--unit", help="only the people of this unit kerja")


def say(app: App, template: str, **context: object) -> None:
    text = messages.render(template, app.settings.default_locale, context)
    print(messages.to_plain_text(text))


def attachment_of(path: Path) -> Attachment:
    mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return Attachment(path.name, mime, path.read_bytes())


async def dispatch(app: App, args: argparse.Namespace) -> int:
    """Exit status: 0 done, 2 refused (dates, unit, no cycle, an unreadable file)."""
    now = app.clock.now()
    try:
        async with app.uow() as uow:
            if args.dialog == "window":
                window, told = await publish_window(
                    uow, parse_day(args.starts), parse_day(args.ends), args.unit, OPERATOR, now
                )
                await uow.commit()
                say(app, "dialog/window/set", starts=window.starts, ends=window.ends,
                    unit=args.unit, told=told)  # fmt: skip
                return 0
            guide = (
                attachment_of(args.file)
                if args.file
                else default_guide(app.settings.default_locale)
            )
            told = await publish_guide(uow, guide, args.unit, now)
            await uow.commit()
            say(app, "dialog/guide/published", name=guide.name, told=told, unit=args.unit)
            return 0
    except BadInput as error:
        say(app, "cli/bad_input", value=error.value, expected=error.expected)
    except WindowRefused as error:
        say(app, "dialog/window/refused", reason=error.reason, **error.detail)
    except OSError as error:
        say(app, "cli/import_unreadable", **os_problem(error, args.file).context())
    return 2
