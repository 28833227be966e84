"""Administrator actions behind the CLI: import, invites, unbinding, the demo organisation."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import messages
from bot.app import App
from bot.orgfile import Table, load, read_rows
from bot.textfile import WINDOWS_1252, FileProblem
from handlers import cycle, identity, org_import
from handlers.model import Employee

DEMO_FILE = Path(__file__).with_name("demo") / "organisasi.csv"
CONSOLE = "console"
DEMO = "demo"  # who opened the demo's cycle


@dataclass(frozen=True)
class InviteLine:
    nip: str
    nama: str
    code: str
    link: str
    expires_at: datetime


@dataclass(frozen=True)
class Invitations:
    """The invites issued, and how many people were left out as already bound."""

    lines: list[InviteLine]
    skipped: int = 0


class ProgressBar:
    """A one-line progress bar on stderr, redrawn at most every percent."""

    def __init__(self, label: str, width: int = 30) -> None:
        self.label, self.width, self.last = label, width, -1

    def __call__(self, done: int, total: int) -> None:
        percent = 100 * done // total if total else 100
        if percent == self.last:
            return
        self.last = percent
        filled = self.width * percent // 100
        bar = "#" * filled + "-" * (self.width - filled)
        end = "\n" if percent >= 100 else ""
        sys.stderr.write(f"\r{self.label} [{bar}] {percent:3d}%{end}")
        sys.stderr.flush()


def say(app: App, template: str, context: dict[str, Any]) -> None:
    """Print a CLI text as plain text, in the agency's default language."""
    text = messages.render(f"cli/{template}", app.settings.default_locale, context)
    print(messages.to_plain_text(text))


async def import_file(app: App, path: Path, deactivate_missing: bool = False) -> int:
    """Load the organisation file; print each bad row; exit 1 if any row was refused, 2 if
    the file cannot be read at all (then nothing is loaded). ``deactivate_missing``: the
    file is the whole organisation, the people it does not name become leavers."""
    table = load_table(app, path, org_import.REQUIRED)
    if table is None:
        return 2
    at = app.clock.now() if deactivate_missing else None
    async with app.uow() as uow:
        try:
            report = await org_import.import_rows(
                uow, table.rows, ProgressBar(path.name), deactivate_missing_at=at
            )
        except org_import.NobodyInFile:
            say(app, "import_leavers_refused", {"name": path.name})
            return 2
    for problem in report.errors:
        say(app, "import_row_error", asdict(problem))
    say(app, "import_summary", {"loaded": report.loaded, "refused": len(report.errors)})
    if report.left is not None:
        say(app, "import_leavers", {"left": report.left})
    return 1 if report.errors else 0


def load_table(app: App, path: Path, required: Sequence[str]) -> Table | None:
    """Every row of an import file; None, having said in one line why, if it cannot be read.
    A CSV read as Windows-1252 (not UTF-8) is said too."""
    try:
        table = load(path, required)
    except FileProblem as error:
        say(app, "import_unreadable", error.context())
        return None
    if table.encoding == WINDOWS_1252:
        say(app, "file_read_as", {"name": path.name})
    return table


async def seed_demo(app: App) -> bool:
    """Load the demo organisation into an empty database, and open the cycle that makes
    sense today if none is being planned; False if it held people already."""
    async with app.uow() as uow:
        if await uow.employees.count_all():
            return False
        await org_import.import_rows(uow, read_rows(DEMO_FILE))
    await open_demo_cycle(app)
    return True


async def open_demo_cycle(app: App) -> int | None:
    """The demo plans the cycle that makes sense today: next year's in Q4, else this year's
    (opened with the default dates when no cycle is being planned yet); its year."""
    now = app.clock.now()
    async with app.uow() as uow:
        if await cycle.current_cycle(uow, now) is not None:
            return None
        today = cycle.agency_day(now)
        year = today.year + 1 if today.month >= cycle.Q4_STARTS else today.year
        await cycle.open_cycle(uow, year, DEMO, now)
        await uow.commit()
    return year


async def bind_console(app: App, nip: str) -> Employee | None:
    """Let the operator at this terminal act as ``nip`` (local use: no invite needed)."""
    async with app.uow() as uow:
        person = await uow.employees.by_nip(nip)
        if person is None or not await uow.employees.select_nips(unit=None, nip=nip):
            return None  # nobody, or a leaver
        await uow.accounts.bind(CONSOLE, nip, person.id, None, app.clock.now())
        await uow.commit()
    return person


async def invite(
    app: App, *, everyone: bool, unit: str | None, nip: str | None, ttl: timedelta,
    reissue: bool = False,
) -> Invitations:  # fmt: skip
    """Issue fresh codes (revoking older ones) for everyone, a unit or one person. Everyone
    and a unit leave out people with a chat account bound already (a new code would let a
    second account take theirs over) unless ``reissue``; one person named by NIP is always
    invited (a lost phone)."""
    username = await bot_username(app)
    async with app.uow() as uow:
        targets = await uow.employees.select_nips(
            unit=None if everyone else unit, nip=None if everyone else nip
        )
        skipped = 0
        if nip is None and not reissue:
            bound = await uow.accounts.bound_employee_ids(ignoring=CONSOLE)
            kept = [target for target in targets if target[0] not in bound]
            skipped, targets = len(targets) - len(kept), kept
        issued = await identity.issue_invites(uow, targets, app.clock.now(), ttl)
        names = {}
        for employee_id, target_nip in targets:
            person = await uow.employees.by_id(employee_id)
            names[target_nip] = person.nama if person else ""
        await uow.commit()
    link = f"https://t.me/{username}?start=" if username else ""
    lines = [
        InviteLine(i.nip, names[i.nip], i.code, f"{link}{i.code}" if link else "", i.expires_at)
        for i in issued
    ]
    return Invitations(lines, skipped)


async def bot_username(app: App) -> str | None:
    """The bot's username for deep links: configured, or asked of the Bot API."""
    settings = app.settings
    if settings.telegram_bot_username:
        return settings.telegram_bot_username.lstrip("@")
    if settings.telegram_token is None:
        return None
    from telegram import Bot

    bot = Bot(
        settings.telegram_token.get_secret_value(), base_url=f"{settings.telegram_api_url}/bot"
    )
    async with bot:
        return bot.username


async def unbind(app: App, nip: str) -> int:
    """Unlink every chat account of ``nip``; they must use a new invite to come back."""
    async with app.uow() as uow:
        person = await uow.employees.by_nip(nip)
        count = await uow.accounts.unbind(person.id) if person else 0
        await uow.commit()
    return count
