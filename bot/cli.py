"""The ``idp-bot`` command: run the bot, chat in the terminal, manage the organisation."""

from __future__ import annotations

import argparse
import asyncio
import csv
import signal
import sys
from collections.abc import Sequence
from datetime import timedelta
from pathlib import Path

import messages
from bot import (
    admin,
    change_requests_cli,
    checkins_cli,
    cycle_cli,
    delivery_cli,
    dialog_cli,
    documents_cli,
    oversee_cli,
    person_cli,
    plan_cli,
    recap_cli,
    reference_admin,
    slack_cli,
)
from bot.app import App, bootstrap
from bot.config import Settings, load_settings
from bot.spreadsheet import csv_row
from bot.textfile import FileProblem, check_writable
from bot.worker import start_background
from handlers.names import canonical_name

DEMO_NIP = "199004172015031003"  # Budi Santoso in bot/demo/organisasi.csv


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="idp-bot", description="IDP chat-bot (LAN 605/2025)")
    commands = root.add_subparsers(dest="command", required=True)
    commands.add_parser(
        "run", help="run the bot (Telegram and/or Slack when configured, else the terminal demo)"
    )
    commands.add_parser(
        "web", help="only receive Telegram updates / Slack events (several may run, PostgreSQL)"
    )
    commands.add_parser("worker", help="only the scheduler: periodic jobs and delivery")
    chat = commands.add_parser("chat", help="talk to the bot in the terminal as a person")
    chat.add_argument("--as", dest="nip", required=True, metavar="NIP")
    db = commands.add_parser("db", help="database").add_subparsers(dest="db", required=True)
    db.add_parser("upgrade", help="apply migrations")
    org = commands.add_parser("org", help="organisation").add_subparsers(dest="org", required=True)
    org_import = org.add_parser("import", help="load employees from a CSV or XLSX file")
    org_import.add_argument("file", type=Path)
    org_import.add_argument(
        "--deactivate-missing", action="store_true",
        help="the file is everyone: people not in it become leavers",
    )  # fmt: skip
    for noun, what in (
        ("priorities", "the steering board's priority competencies per year and unit"),
        ("competencies", "competency levels and technical competencies per jabatan"),
    ):
        area = commands.add_parser(noun, help=what).add_subparsers(dest=noun, required=True)
        loader = area.add_parser("import", help=f"load {what} from a CSV or XLSX file")
        loader.add_argument("file", type=Path)
        loader.add_argument(
            "--replace", action="store_true",
            help="drop what is stored for the years/jabatan in the file before loading it",
        )  # fmt: skip
    invite = commands.add_parser("invite", help="issue invite codes and deep links")
    who = invite.add_mutually_exclusive_group(required=True)
    who.add_argument("--all", action="store_true")
    who.add_argument("--unit", metavar="UNIT")
    who.add_argument("--nip", metavar="NIP")
    invite.add_argument("-o", "--output", type=Path, required=True, metavar="FILE")
    invite.add_argument(
        "--reissue", action="store_true",
        help="with --all/--unit: also people whose chat account is bound already",
    )  # fmt: skip
    account = commands.add_parser("account", help="chat accounts")
    account_cmds = account.add_subparsers(dest="account", required=True)
    unbind = account_cmds.add_parser("unbind", help="unlink a person's chat accounts")
    unbind.add_argument("--nip", required=True)
    delivery_cli.register(commands)
    change_requests_cli.register(commands)
    person_cli.register(commands)
    cycle_cli.register(commands)
    dialog_cli.register(commands)
    plan_cli.register(commands)
    oversee_cli.register(commands)
    recap_cli.register(commands)
    documents_cli.register(commands)
    slack_cli.register(commands)
    checkins_cli.register(commands)
    return root


def say(template: str, settings: Settings, **context: object) -> None:
    """Print a CLI text as plain text (no tags, no HTML entities) in the default language."""
    text = messages.render(f"cli/{template}", settings.default_locale, context)
    print(messages.to_plain_text(text))


def stop_on_signals() -> asyncio.Event:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    return stop


async def telegram_check(settings: Settings) -> str | None:
    """Ask the Bot API who we are before starting: a rejected token or an unreachable server
    stops start-up with one clear line (never the token) instead of a traceback."""
    from telegram import Bot
    from telegram.error import InvalidToken, NetworkError

    assert settings.telegram_token is not None
    bot = Bot(
        settings.telegram_token.get_secret_value(), base_url=f"{settings.telegram_api_url}/bot"
    )
    try:
        async with bot:
            return None
    except InvalidToken:
        return "telegram_token_rejected"
    except NetworkError:
        return "telegram_unreachable"


async def slack_check(settings: Settings) -> tuple[str, dict[str, str]] | None:
    """Ask Slack who we are (``auth.test``) before starting, as for Telegram."""
    from slack_sdk.errors import SlackApiError
    from slack_sdk.web.async_client import AsyncWebClient

    assert settings.slack_bot_token is not None
    client = AsyncWebClient(settings.slack_bot_token.get_secret_value(),
                            base_url=settings.slack_api_url)  # fmt: skip
    try:
        await client.auth_test()
    except SlackApiError as error:
        return "slack_token_rejected", {"error": str(error.response.get("error"))}
    except (OSError, TimeoutError):
        return "slack_unreachable", {}
    return None


async def run_channels(app: App, stop: asyncio.Event, *, sole_receiver: bool) -> None:
    """Every configured chat channel, side by side, until ``stop`` (or one fails)."""
    settings = app.settings
    runs = []
    if settings.telegram_token is not None:
        from bot.channels import telegram

        mode = "webhook" if settings.telegram_webhook_url else "polling"
        say("telegram_starting", settings, mode=mode, api=settings.telegram_api_url)
        runs.append(telegram.serve(app, stop, sole_receiver=sole_receiver))
    if settings.slack_bot_token is not None:
        from bot.channels import slack

        mode = "socket" if settings.slack_app_token else "http"
        say("slack_starting", settings, mode=mode, api=settings.slack_api_url,
            port=settings.slack_port)  # fmt: skip
        runs.append(slack.serve(app, stop, sole_receiver=sole_receiver))
    tasks = [asyncio.create_task(run) for run in runs]
    try:
        await asyncio.gather(*tasks)
    finally:
        stop.set()  # one failed: the others stop too
        await asyncio.gather(*tasks, return_exceptions=True)


async def serve(settings: Settings, *, channel: bool, scheduler: bool) -> int:
    """Run the chat channels (Telegram, Slack: whichever is configured), the scheduler, or
    both (one process), until a signal."""
    app = await bootstrap(settings)
    try:
        if channel and settings.telegram_token is None and settings.slack_bot_token is None:
            if not scheduler:
                say("web_needs_token", settings)
                return 2
            if await admin.seed_demo(app):
                say("demo_seeded", settings)
            await admin.open_demo_cycle(app)
            return await chat(app, DEMO_NIP, demo=True)
        problem = await telegram_check(settings) if settings.telegram_token else None
        if problem is not None:
            say(problem, settings, api=settings.telegram_api_url)
            return 2
        slack_problem = await slack_check(settings) if settings.slack_bot_token else None
        if slack_problem is not None:
            say(slack_problem[0], settings, api=settings.slack_api_url, **slack_problem[1])
            return 2
        stop = stop_on_signals()
        background = start_background(app, stop) if scheduler else None
        try:
            if channel:
                await run_channels(app, stop, sole_receiver=scheduler)
            else:
                say("worker_starting", settings)
                await stop.wait()
        finally:
            if background is not None:
                stop.set()
                await background
        return 0
    finally:
        await app.close()


async def chat(app: App, nip: str, demo: bool = False) -> int:
    from bot.channels.console import ConsoleChannel, stdin_line

    person = await admin.bind_console(app, nip)
    if person is None:
        say("unknown_nip", app.settings, nip=nip)
        return 1
    say("chat_banner", app.settings, name=person.nama, demo=demo)
    channel = ConsoleChannel(app.conversation, nip, stdin_line, sys.stdout,
                             locale=person.bahasa)  # fmt: skip
    from bot.channels import installed, registry  # noqa: F401 - installed: they register

    if not registry.configured(app.settings):  # nothing sends: this terminal is everyone's inbox
        from bot.channels.terminal_mail import TerminalMail

        channel.after = TerminalMail(app, person.id, sys.stdout, channel.show).deliver
    await channel.run()
    return 0


async def dispatch(args: argparse.Namespace, settings: Settings) -> int:
    if args.command in ("run", "web", "worker"):
        return await serve(
            settings, channel=args.command != "worker", scheduler=args.command != "web"
        )
    app = await bootstrap(settings)
    try:
        if args.command == "chat":
            return await chat(app, args.nip)
        if args.command in delivery_cli.COMMANDS:
            return await delivery_cli.dispatch(app, args)
        if args.command == change_requests_cli.COMMAND:
            return await change_requests_cli.dispatch(app, args)
        if args.command == person_cli.COMMAND:
            return await person_cli.dispatch(app, args)
        if args.command == cycle_cli.COMMAND:
            return await cycle_cli.dispatch(app, args)
        if args.command == dialog_cli.COMMAND:
            return await dialog_cli.dispatch(app, args)
        if args.command == plan_cli.COMMAND:
            return await plan_cli.dispatch(app, args)
        if args.command == recap_cli.COMMAND:
            return await recap_cli.dispatch(app, args)
        if args.command == documents_cli.COMMAND:
            return await documents_cli.dispatch(app, args)
        if args.command in oversee_cli.COMMANDS:
            return await oversee_cli.dispatch(app, args)
        if args.command == slack_cli.COMMAND:
            return await slack_cli.dispatch(app, args)
        if args.command == checkins_cli.COMMAND:
            return await checkins_cli.dispatch(app, args)
        if args.command == "db":
            say("db_upgraded", settings)
            return 0
        if args.command == "org":
            return await admin.import_file(app, args.file, args.deactivate_missing)
        if args.command == "priorities":
            return await reference_admin.import_priorities(app, args.file, replace=args.replace)
        if args.command == "competencies":
            return await reference_admin.import_competencies(app, args.file, replace=args.replace)
        if args.command == "invite":
            unit = args.unit
            if unit is not None:
                async with app.uow() as uow:
                    known = await uow.reference.unit_names()
                unit = canonical_name(args.unit, known)
                if unit is None:
                    say("unknown_unit", settings, name=args.unit, known=known)
                    return 2
            try:
                check_writable(args.output)  # before any code is issued or revoked
            except FileProblem as problem:
                say("file_unwritable", settings, **problem.context())
                return 2
            invited = await admin.invite(
                app, everyone=args.all, unit=unit, nip=args.nip,
                ttl=timedelta(days=settings.invite_ttl_days), reissue=args.reissue,
            )  # fmt: skip
            write_invites(args.output, invited.lines)
            say("invites_written", settings, count=len(invited.lines), path=str(args.output),
                skipped=invited.skipped)  # fmt: skip
            return 0 if invited.lines or invited.skipped else 1
        if args.command == "account":
            count = await admin.unbind(app, args.nip)
            say("unbound", settings, count=count, nip=args.nip)
            return 0
    finally:
        await app.close()
    return 2


def write_invites(path: Path, rows: Sequence[admin.InviteLine]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["nip", "nama", "kode", "tautan", "berlaku_sampai"])
        for row in rows:
            values = [row.nip, row.nama, row.code, row.link, row.expires_at.isoformat()]
            writer.writerow(csv_row(values))
    path.chmod(0o600)


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    settings = load_settings()
    try:
        return asyncio.run(dispatch(args, settings))
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
