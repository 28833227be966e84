"""``/rekap`` in the chat: a group member gets their group's Formulir 2 as an XLSX file; the
coordinator and the admin pick a group from a list, ask for the recap per level, or work on
the programmes (``/rekap program``: proposals and programmes with buttons; merging,
splitting and naming the organiser as words after the command)."""

from __future__ import annotations

import io
import re
from datetime import datetime

from handlers.access import Action, may, may_recap_group
from handlers.effects import Attachment, Button, Msg, Reply
from handlers.model import Employee
from handlers.ports import UnitOfWork
from handlers.recap import programmes
from handlers.recap.labels import Labels
from handlers.recap.levels import fold, totals
from handlers.recap.model import LEVELS, Programme
from handlers.recap.programmes import ProgrammeRefused
from handlers.recap.workbook import MIME, write_group, write_levels

PREFIX = "rekap"
GROUP, LEVELS_BUTTON, BOARD, ACCEPT, LEVEL, DISSOLVE = (
    f"{PREFIX}:{name}" for name in ("g", "level", "prog", "pnew", "plvl", "pdel"))  # fmt: skip
LEVEL_WORDS = ("level", "levels")
PROGRAMME_WORDS = ("program", "programme", "programmes")
SHOWN = 10  # proposals and programmes listed with buttons; the command line lists all
GROUP_BUTTONS = 60  # groups offered as buttons (a keyboard holds 100 at most)
_UNSAFE = re.compile(r"[^A-Za-z0-9]+")


def say(person: Employee, template: str, **context: object) -> Reply:
    return Reply(Msg(template, context), person.bahasa)


def file_name(*parts: object) -> str:
    return "-".join(_UNSAFE.sub("-", str(p)).strip("-").lower() for p in parts) + ".xlsx"


async def command(
    uow: UnitOfWork, person: Employee, argument: str, year: int, now: datetime
) -> list[Reply]:
    """``/rekap``, ``/rekap level``, ``/rekap program …``."""
    word, _, rest = argument.strip().partition(" ")
    if word.lower() in LEVEL_WORDS:
        return await levels(uow, person, year)
    if word.lower() in PROGRAMME_WORDS:
        return await programme_words(uow, person, rest, year, now)
    if may(person, Action.RECAP_ANY_GROUP):
        return await choose_group(uow, person)
    if person.kelompok_keahlian is not None and may_recap_group(person, person.kelompok_keahlian):
        return await group_recap(uow, person, person.kelompok_keahlian, year)
    return [say(person, "recap/refused_role", what="group")]


async def choose_group(uow: UnitOfWork, person: Employee) -> list[Reply]:
    groups = await uow.recaps.groups()
    rows: list[tuple[Button, ...]] = [
        (Button(Msg("recap/btn_group", {"name": name}), f"{GROUP}:{gid}"),)
        for gid, name in groups[:GROUP_BUTTONS]
    ]
    rows.append((Button(Msg("recap/btn_levels"), f"{LEVELS_BUTTON}:all"),
                 Button(Msg("recap/btn_programmes"), f"{BOARD}:all")))  # fmt: skip
    context = {"groups": len(groups), "shown": min(len(groups), GROUP_BUTTONS)}
    return [Reply(Msg("recap/choose_group", context), person.bahasa, tuple(rows))]


async def group_pressed(uow: UnitOfWork, person: Employee, group_id: int, year: int) -> list[Reply]:
    names = dict(await uow.recaps.groups())
    name = names.get(group_id)
    if name is None:
        return [say(person, "menu/stale_button")]
    return await group_recap(uow, person, name, year)


async def group_recap(uow: UnitOfWork, person: Employee, group: str, year: int) -> list[Reply]:
    """The group's Formulir 2 as a file, or why not."""
    if not may_recap_group(person, group):
        return [say(person, "recap/refused_role", what="group")]
    out = io.BytesIO()
    count = await write_group(uow, group, year, Labels(person.bahasa, year), out)
    context = {"group": group, "year": year, "items": count}
    if not count:
        return [say(person, "recap/group_empty", **context)]
    sent = Attachment(file_name("formulir2", group, year), MIME, out.getvalue())
    return [Reply(Msg("recap/group_sent", context), person.bahasa, attachment=sent)]


async def levels(uow: UnitOfWork, person: Employee, year: int) -> list[Reply]:
    """The coordinator's Formulir 2, one sheet per level, as a file."""
    if not may(person, Action.RECAP_LEVELS):
        return [say(person, "recap/refused_role", what="levels")]
    labels = Labels(person.bahasa, year)
    found = {p.id: p for p in await uow.programmes.all(year)}
    lines = fold(await uow.recaps.level_counts(year), found, labels)
    out = io.BytesIO()
    write_levels(lines, labels, out)
    per_level = totals(lines)
    context = {"year": year, "levels": [{"name": labels.level(lv), "lines": len(lines[lv]),
                                         "employees": per_level[lv]} for lv in LEVELS]}  # fmt: skip
    sent = Attachment(file_name("formulir2", "level", year), MIME, out.getvalue())
    return [Reply(Msg("recap/levels_sent", context), person.bahasa, attachment=sent)]


async def show_board(uow: UnitOfWork, person: Employee, year: int) -> list[Reply]:
    found = await programmes.board(uow, person, year)
    labels = Labels(person.bahasa, year)
    rows: list[tuple[Button, ...]] = []
    for number, proposal in enumerate(found.proposals[:SHOWN], start=1):
        payload = f"{ACCEPT}:{number}:{proposal.token}"
        rows.append((Button(Msg("recap/btn_accept", {"number": number}), payload),))
    for programme in found.programmes[:SHOWN]:
        moves = [Button(Msg("recap/btn_level", {"id": programme.id, "level": labels.level(lv)}),
                        f"{LEVEL}:{programme.id}:{lv}")
                 for lv in LEVELS if lv != programme.level]  # fmt: skip
        gone = Button(Msg("recap/btn_dissolve", {"id": programme.id}), f"{DISSOLVE}:{programme.id}")
        rows.append((*moves, gone))
    context = board_context(found, labels, year, cli=False)
    return [Reply(Msg("recap/board", context), person.bahasa, tuple(rows))]


def board_context(
    found: programmes.Board, labels: Labels, year: int, *, cli: bool
) -> dict[str, object]:
    """The board's text: proposals numbered, programmes by id; ``cli``: the command line's
    words to act on them, else the chat's."""
    return {
        "year": year, "shown": SHOWN, "cli": cli,
        "proposals": [{"name": p.name, "units": p.units, "count": p.items}
                      for p in found.proposals],
        "programmes": [{"id": p.id, "name": p.name, "level": labels.level(p.level),
                        "organiser": p.organiser, "units": list(p.units), "count": p.items}
                       for p in found.programmes],
    }  # fmt: skip


async def programme_words(
    uow: UnitOfWork, person: Employee, words: str, year: int, now: datetime
) -> list[Reply]:
    """``/rekap program`` alone shows the board; ``gabung A B``, ``pisah P <unit>``,
    ``pelaksana P <name>``, ``level P <level>`` act on programmes A, B, P."""
    verb, *rest = words.split(maxsplit=2) or [""]
    try:
        if not verb:
            return await show_board(uow, person, year)
        numbers = [int(w) for w in rest[:1] if w.isdigit()]
        if not numbers:
            raise ProgrammeRefused("usage")
        target, tail = numbers[0], rest[1] if len(rest) > 1 else ""
        if verb.lower() in ("gabung", "merge") and tail.strip().isdigit():
            done = await programmes.merge(uow, person, target, int(tail), now)
            return await after(uow, person, "recap/programme_merged", done, year)
        if verb.lower() in ("pisah", "split") and tail.strip():
            done = await programmes.split(uow, person, target, tail, now)
            return await after(uow, person, "recap/programme_split", done, year)
        if verb.lower() in ("pelaksana", "organiser"):
            done, changed = await programmes.decide(uow, person, target, now, organiser=tail)
            return await after(uow, person, "recap/programme_decided", done, year, changed)
        if verb.lower() == "level":
            done, changed = await programmes.decide(uow, person, target, now, level=tail)
            return await after(uow, person, "recap/programme_decided", done, year, changed)
        raise ProgrammeRefused("usage")
    except ProgrammeRefused as refused:
        return [say(person, f"recap/refused_{refused.reason}", what="programmes")]


async def after(
    uow: UnitOfWork, person: Employee, template: str, done: Programme, year: int,
    changed: int = 0,
) -> list[Reply]:  # fmt: skip
    """Say what was done, then show the board again (committed by the caller first)."""
    labels = Labels(person.bahasa, year)
    context = {"id": done.id, "name": done.name, "level": labels.level(done.level),
               "organiser": done.organiser, "units": list(done.units), "items": done.items,
               "changed": changed}  # fmt: skip
    return [say(person, template, **context), *await show_board(uow, person, year)]


async def pressed(
    uow: UnitOfWork, person: Employee, action: str, value: str, year: int, now: datetime
) -> list[Reply]:
    """A programme button: accept a proposal, set a level, dissolve a programme."""
    parts = value.split(":")
    try:
        if action == ACCEPT and len(parts) == 2 and parts[0].isdigit():
            made = await programmes.accept(uow, person, year, int(parts[0]), parts[1], now)
            return await after(uow, person, "recap/programme_made", made, year)
        if action == LEVEL and len(parts) == 2 and parts[0].isdigit():
            done, changed = await programmes.decide(uow, person, int(parts[0]), now,
                                                    level=parts[1])  # fmt: skip
            return await after(uow, person, "recap/programme_decided", done, year, changed)
        if action == DISSOLVE and value.isdigit():
            gone = await programmes.dissolve(uow, person, int(value))
            return await after(uow, person, "recap/programme_dissolved", gone, year)
    except ProgrammeRefused as refused:
        return [say(person, f"recap/refused_{refused.reason}", what="programmes")]
    return [say(person, "menu/stale_button")]
