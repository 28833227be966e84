"""Features register themselves: each declares its commands, buttons and forms, and the
conversation dispatches through the :class:`Registry` of them (the list is in
:mod:`handlers.features_list`). Adding a command, a button or a form touches its feature's
package and, for a new feature, one line of that list."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import TypeVar

from handlers.calendar import QuietHours
from handlers.cycle import current_year
from handlers.effects import Incoming, Msg, Reply
from handlers.forms.engine import Engine
from handlers.forms.model import FormSession
from handlers.forms.numbers import small_number
from handlers.model import Employee
from handlers.ports import Clock, IncomingFiles, UnitOfWork

T = TypeVar("T")


@dataclass
class Turn:
    """What a feature's handler receives: one update of one bound person, in one
    transaction."""

    uow: UnitOfWork
    person: Employee
    incoming: Incoming
    session: FormSession | None  # the person's active form, if any
    now: datetime
    clock: Clock
    quiet: QuietHours
    engines: Mapping[str, Engine] = field(repr=False)
    files: IncomingFiles | None = None  # how this channel fetches a file sent (None: it can't)

    def engine(self, form: str) -> Engine:
        return self.engines[form]

    async def year(self) -> int | None:
        """The cycle being planned now (None: no cycle is open)."""
        return await current_year(self.uow, self.now)

    async def open_year(self) -> int:
        """The cycle being planned now; :class:`NoCycle` (answered by the registry's
        ``no_cycle``) when none is open."""
        year = await self.year()
        if year is None:
            raise NoCycle
        return year


class NoCycle(Exception):
    """The handler needs an open cycle and none is: the registry's ``no_cycle`` answers."""


Run = Callable[[Turn, str], Awaitable[list[Reply]]]  # (turn, the command's argument or
# the button's value) → replies
OldButton = Callable[[Turn, int], Awaitable[list[Reply] | None]]


def with_id(run: Callable[[Turn, int], Awaitable[list[Reply]]]) -> Run:
    """A button whose value is a record's id (``plan:view:<id>``): anything else is a stale
    or forged button, and the person is told so."""

    async def pressed(turn: Turn, value: str) -> list[Reply]:
        found = small_number(value)
        if found is None:
            return [Reply(Msg("menu/stale_button"), turn.person.bahasa)]
        return await run(turn, found)

    return pressed


@dataclass(frozen=True)
class Command:
    """``/<name> <argument>``, in any of ``names`` (Indonesian and English)."""

    names: tuple[str, ...]
    run: Run
    needs_cycle: bool = False  # with no cycle open, the registry's ``no_cycle`` answers
    shows_form: bool = False  # it shows a form itself: the active one is not shown after it


@dataclass(frozen=True)
class Button:
    """A button whose payload is ``"<prefix>:<value>"``; the feature parses the value."""

    prefix: str  # may hold a ":" itself ("plan:view"): the longest claimed prefix wins
    run: Run
    needs_cycle: bool = False
    shows_form: bool = True  # False: the active form's question is shown again after it


@dataclass(frozen=True)
class Form:
    """A form on the engine: its name (stored in each session) and how its engine is made."""

    name: str
    engine: Callable[[Clock, QuietHours], Engine]


@dataclass(frozen=True)
class Feature:
    name: str
    commands: tuple[Command, ...] = ()
    buttons: tuple[Button, ...] = ()
    forms: tuple[Form, ...] = ()
    # A button of a form no longer open (or not the open one): what to say, or None.
    old_form_button: OldButton | None = None


class Registry:
    """Every feature's commands, buttons and forms, looked up by name."""

    def __init__(
        self, features: tuple[Feature, ...], *, text: Run, unknown: Run, no_cycle: Run,
        document: Run | None = None,
    ) -> None:  # fmt: skip
        self.features = features
        self.text = text  # plain text, no form open
        self.document = document  # a file sent (the argument: its caption)
        self.unknown = unknown  # a command no feature claims
        self.no_cycle = no_cycle  # a handler needing an open cycle found none
        self.commands: dict[str, Command] = {}
        self.buttons: dict[str, Button] = {}
        self.forms: dict[str, Form] = {}
        for feature in features:
            for command in feature.commands:
                for name in command.names:
                    _claim(self.commands, name, command, feature.name)
            for button in feature.buttons:
                _claim(self.buttons, button.prefix, button, feature.name)
            for form in feature.forms:
                _claim(self.forms, form.name, form, feature.name)

    def engines(self, clock: Clock, quiet: QuietHours) -> dict[str, Engine]:
        return {name: form.engine(clock, quiet) for name, form in self.forms.items()}

    def command(self, name: str) -> Command | None:
        return self.commands.get(name)

    def button(self, payload: str) -> tuple[Button, str] | None:
        """The button claiming the longest prefix of ``payload`` (at a ``:``), and the rest."""
        parts = payload.split(":")
        for cut in range(len(parts), 0, -1):
            found = self.buttons.get(":".join(parts[:cut]))
            if found is not None:
                return found, ":".join(parts[cut:])
        return None

    async def run(self, handler: Command | Button, turn: Turn, argument: str) -> list[Reply]:
        """Run a command or a button; with no cycle open where one is needed, say so."""
        try:
            if handler.needs_cycle:
                await turn.open_year()
            return await handler.run(turn, argument)
        except NoCycle:
            return await self.no_cycle(turn, argument)

    async def old_form_button(self, turn: Turn, session_id: int) -> list[Reply] | None:
        for feature in self.features:
            if feature.old_form_button is not None:
                said = await feature.old_form_button(turn, session_id)
                if said is not None:
                    return said
        return None


def _claim(claimed: dict[str, T], name: str, thing: T, feature: str) -> None:
    if name in claimed:
        raise ValueError(f"{feature} claims {name!r}, which another feature claimed")
    claimed[name] = thing


LIST_WORDS = ("daftar", "list")  # "/siaran daftar", "/reminder list"


def asks_for_list(argument: str) -> bool:
    return argument.strip().lower() in LIST_WORDS
