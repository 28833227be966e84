"""JP and progress of the check-ins (LAN 605/2025 BAB II D, Formulir 1 E), for whoever asks:
an employee their own year, a supervisor their team (a line and a chart bar per member), a
learning coordinator every unit. A team's and the units' figures come with a chart (PNG)
and a button for the same figures as XLSX."""

from __future__ import annotations

import asyncio
from collections.abc import Collection
from datetime import datetime

from handlers.access import Action, may
from handlers.cycle import agency_day, cycle_on
from handlers.dialog.team import team_of
from handlers.effects import Attachment, Button, Msg, Reply
from handlers.forms.labels import plain
from handlers.model import Employee, JenisPegawai
from handlers.ports import UnitOfWork
from handlers.report import chart, workbook
from handlers.report.figures import (
    Figures,
    Year,
    by_person,
    by_unit,
    figures,
    quarters_past,
    summed,
    tallies,
)
from handlers.report.model import PNS_MINIMUM_JP, PPPK_MAXIMUM_JP

GROUPS_LISTED = 15  # groups named in the message, furthest behind first; all are in the XLSX
UNITS, TEAM = "units", "team"  # what the XLSX button reports (its payload's value)


async def checkins_running(uow: UnitOfWork, at: datetime) -> int | None:
    """The cycle whose check-ins run at ``at``: this calendar year's when it is open (in Q4
    the next year's may be the one planned already), else the one being planned."""
    cycles = await uow.cycles.all()
    today = agency_day(at)
    found = next((c for c in cycles if c.year == today.year), None) or cycle_on(cycles, today)
    return found.year if found is not None else None


async def load(uow: UnitOfWork, year: int, at: datetime, employees: Collection[int] | None) -> Year:
    """What the check-ins of ``year`` recorded for ``employees`` (None: everyone)."""
    cycle = next((c for c in await uow.cycles.all() if c.year == year), None)
    past = quarters_past(cycle.checkins, agency_day(at)) if cycle is not None else 0
    report = uow.checkin_report
    return Year(holders=await report.holders(year, employees),
                items=await report.items(year, employees),
                answers=await report.answers(year, employees), quarters_past=past)  # fmt: skip


def behind(group: Figures) -> tuple[int, int, str]:
    """Most late items first, then least done; then by name."""
    return (-group.late, group.done, group.label)


def as_context(group: Figures) -> dict[str, object]:
    return {**vars(group), "items": group.items, "quarters": [vars(q) for q in group.quarters]}


async def own(uow: UnitOfWork, person: Employee, year: int, at: datetime) -> Reply:
    """The person's JP planned and realized against their right, and their items."""
    found = await load(uow, year, at, [person.id])
    if not found.holders:
        return Reply(Msg("report/own_none", {"year": year}), person.bahasa)
    mine = figures(person.nama, found)
    context = {
        "year": year,
        "pns": person.jenis_pegawai is JenisPegawai.PNS,
        "minimum": PNS_MINIMUM_JP,
        "maximum": PPPK_MAXIMUM_JP,
        **as_context(mine),
    }
    return Reply(Msg("report/own", context), person.bahasa)  # fmt: skip


async def team_members(uow: UnitOfWork, person: Employee, year: int, at: datetime) -> list[int]:
    members, _acting = await team_of(uow, person, year, at)
    return [member.employee_id for member in members]


async def groups_of(
    uow: UnitOfWork, person: Employee, year: int, at: datetime, kind: str
) -> tuple[list[Figures], Figures] | None:
    """The groups (units, or team members) and their total; None when ``person`` may not
    see them (the units are the coordinators' and admins', a team its supervisor's)."""
    if kind == UNITS:
        if not may(person, Action.SEE_PROGRESS):
            return None
        found = await load(uow, year, at, None)
    else:
        members = await team_members(uow, person, year, at)
        if not members:
            return None
        found = await load(uow, year, at, members)
    everyone = plain(Msg("report/everyone"), person.bahasa)
    # an agency's year is many items: counted in a worker thread, the chat goes on meanwhile
    return await asyncio.to_thread(counted, found, kind, everyone)


def counted(found: Year, kind: str, everyone: str) -> tuple[list[Figures], Figures]:
    """The groups furthest behind first, and the total."""
    each = tallies(found)
    groups = by_unit(found, each) if kind == UNITS else by_person(found, each)
    return sorted(groups, key=behind), summed(everyone, found.holders, each)


async def grouped_report(
    uow: UnitOfWork, person: Employee, year: int, at: datetime, kind: str
) -> list[Reply]:
    """The units' (or the team's) figures as text with the chart, and the XLSX button."""
    found = await groups_of(uow, person, year, at, kind)
    if found is None:
        return [Reply(Msg("report/not_allowed", {"kind": kind}), person.bahasa)]
    groups, total = found
    context = {"year": year, "kind": kind, "total": as_context(total),
               "groups": [as_context(g) for g in groups[:GROUPS_LISTED]],
               "more_groups": max(0, len(groups) - GROUPS_LISTED),
               "drawn": min(len(groups), chart.GROUPS_DRAWN)}  # fmt: skip
    if not groups:
        return [Reply(Msg("report/group_none", context), person.bahasa)]
    title = plain(Msg("report/chart/title", {"year": year, "kind": kind}), person.bahasa)
    picture = await chart.render_in_thread(groups, title, person.bahasa)
    button = Button(Msg("report/xlsx_button"), f"report:xlsx:{kind}")
    return [Reply(Msg("report/groups", context), person.bahasa, ((button,),),
                  attachment=Attachment(f"progres-{kind}-{year}.png", "image/png", picture,
                                        picture=True))]  # fmt: skip


async def workbook_reply(
    uow: UnitOfWork, person: Employee, year: int, at: datetime, kind: str
) -> list[Reply]:
    """The same figures as XLSX, checked again: a button outlives a role."""
    found = await groups_of(uow, person, year, at, kind)
    if found is None:
        return [Reply(Msg("report/not_allowed", {"kind": kind}), person.bahasa)]
    groups, total = found
    file = workbook.attachment(groups, total, person.bahasa, f"progres-{kind}-{year}")
    return [Reply(Msg("report/xlsx_sent", {"year": year, "kind": kind,
                                          "groups": len(groups)}), person.bahasa,
                  attachment=file)]  # fmt: skip
