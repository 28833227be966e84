"""The person's home: the stage of their plan this cycle, what awaits them, and the menu for
their roles — what a channel with a home screen (Slack's App Home) shows, as one Reply.

What awaits a person is asked of each entry of :data:`AWAITS` in turn; a feature that makes
people wait for something (verification, check-ins) adds one function there."""

from __future__ import annotations

from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime

from handlers.access import Action, may
from handlers.checkin.model import CheckinState
from handlers.checkin.opening import checkin_years, open_for_answers
from handlers.cycle import current_year
from handlers.dialog.team import stage, team_of
from handlers.effects import Button, Msg, Reply
from handlers.model import Employee, Role
from handlers.ports import UnitOfWork
from handlers.verify.queue import not_own

COMMAND_PAYLOAD = "cmd:"  # handlers.conversation: pressing it runs "/<command>"
MENU_ROW = 3  # buttons per row


@dataclass(frozen=True)
class Awaiting:
    """Something the person is expected to do, and the command that does it."""

    what: Msg
    command: str


Awaits = Callable[[UnitOfWork, Employee, int, datetime], Awaitable[list[Awaiting]]]


async def own_plan(uow: UnitOfWork, person: Employee, year: int, at: datetime) -> list[Awaiting]:
    """Their own Formulir 1 to fill (or fill again), or the agreed plan to confirm."""
    plan = await uow.plans.for_year(person.id, year)
    current = stage(plan.status if plan else None)
    if current in ("not_started", "filling", "returned"):
        return [Awaiting(Msg("home/await_fill", {"stage": current, "year": year}), "isi")]
    if current == "awaiting_confirm":
        return [Awaiting(Msg("home/await_confirm", {"year": year}), "rencana")]
    return []


async def team_plans(uow: UnitOfWork, person: Employee, year: int, at: datetime) -> list[Awaiting]:
    """A supervisor's reports whose dialogue is to be scheduled, or held and agreed."""
    if not person.has(Role.ATASAN):
        return []
    members, _ = await team_of(uow, person, year, at)
    counts = Counter(stage(m.status) for m in members)
    found = []
    if counts["submitted"]:
        found.append(Awaiting(Msg("home/await_schedule", {"count": counts["submitted"]}),
                              "bawahan"))  # fmt: skip
    dialogues = counts["scheduled"] + counts["in_dialogue"]
    if dialogues:
        found.append(Awaiting(Msg("home/await_dialogue", {"count": dialogues}), "jadwal"))
    return found


async def verification(
    uow: UnitOfWork, person: Employee, year: int, at: datetime
) -> list[Awaiting]:
    """A member's group's items awaiting verification (their own left out)."""
    if not may(person, Action.VERIFY) or person.kelompok_keahlian is None:
        return []
    waiting = await uow.verifications.awaiting(year, person.kelompok_keahlian)
    count = len(not_own(waiting, person))
    return [Awaiting(Msg("home/await_verify", {"count": count}), "verifikasi")] if count else []


async def checkins(uow: UnitOfWork, person: Employee, year: int, at: datetime) -> list[Awaiting]:
    """Their own quarter's check-in to answer; a supervisor's team check-ins to review."""
    found = []
    for running in await checkin_years(uow, at):
        own = await uow.checkins.latest_of(person.id, running)
        if own is not None and open_for_answers(own):
            found.append(Awaiting(Msg("home/await_checkin", {"quarter": own.quarter}), "triwulan"))
        if person.has(Role.ATASAN):
            members, _ = await team_of(uow, person, running, at)
            team = await uow.checkins.of_team([m.employee_id for m in members], running)
            count = sum(c.state == CheckinState.SUBMITTED for c in team)
            if count:
                found.append(Awaiting(Msg("home/await_checkin_review", {"count": count}),
                                      "triwulan tim"))  # fmt: skip
    return found


AWAITS: tuple[Awaits, ...] = (own_plan, team_plans, verification, checkins)


def menu(person: Employee) -> list[str]:
    """The commands the person's roles give them, most used first."""
    commands = ["isi", "rencana", "riwayat", "profil", "bahasa", "bantuan"]
    if person.has(Role.ATASAN):
        commands += ["bawahan", "jadwal"]
    if may(person, Action.SEE_PROGRESS):
        commands += ["progres", "siaran", "pengingat"]
    if may(person, Action.PREPARE_DIALOGUES):
        commands.append("dialog")
    if may(person, Action.OPEN_CYCLE):
        commands.append("siklus")
    if may(person, Action.DECIDE_CHANGES):
        commands.append("perubahan")
    if may(person, Action.VERIFY) or may(person, Action.SEE_ALL_VERIFICATIONS):
        commands.append("verifikasi")
    commands += ["skp", "triwulan", "unduh"]
    if may(person, Action.RECAP_LEVELS) or person.kelompok_keahlian is not None:
        commands.append("rekap")
    return commands


async def home(uow: UnitOfWork, person: Employee, at: datetime) -> Reply:
    """Show the person's plan stage this cycle, what awaits them, and their menu."""
    year = await current_year(uow, at)
    awaiting: list[Awaiting] = []
    current = None
    if year is not None:
        plan = await uow.plans.for_year(person.id, year)
        current = stage(plan.status if plan else None)
        for asked in AWAITS:
            awaiting += await asked(uow, person, year, at)
    context = {"name": person.nama, "year": year, "stage": current,
               "awaiting": [a.what for a in awaiting]}  # fmt: skip
    todo = [Button(Msg("label/home_do", {"what": a.command}), COMMAND_PAYLOAD + a.command)
            for a in awaiting]  # fmt: skip
    entries = [Button(Msg("label/menu", {"command": c}), COMMAND_PAYLOAD + c) for c in menu(person)]
    rows = [tuple(todo)] if todo else []
    rows += [tuple(entries[i : i + MENU_ROW]) for i in range(0, len(entries), MENU_ROW)]
    return Reply(Msg("home/view", context), person.bahasa, tuple(rows))
