"""The menu's commands and button: /start, /bantuan, /profil, /bahasa and the language
buttons; and what plain text or an unknown command gets."""

from __future__ import annotations

from handlers import identity
from handlers.effects import Msg, Reply
from handlers.features import Button, Command, Feature, Turn
from handlers.menu import greeting, help_menu, language_choice, profile, set_language


async def start(turn: Turn, argument: str) -> list[Reply]:
    """``/start``; with an invite code, the account moves to the code's employee."""
    person = turn.person
    if argument and identity.looks_like_code(argument):
        result = await identity.redeem(turn.uow, turn.incoming, argument, turn.now)
        if result.employee is None:
            return [identity.refusal_reply(result.refusal or "unknown", person.bahasa)]
        person = result.employee
    return [await greeting(turn.uow, person)]


async def show_help(turn: Turn, argument: str) -> list[Reply]:
    return [await help_menu(turn.uow, turn.person)]


async def unknown(turn: Turn, argument: str) -> list[Reply]:
    return [Reply(Msg("menu/unknown_command"), turn.person.bahasa), *await show_help(turn, "")]


async def show_profile(turn: Turn, argument: str) -> list[Reply]:
    return [profile(turn.person)]


async def language(turn: Turn, argument: str) -> list[Reply]:
    if argument:
        return [await set_language(turn.uow, turn.person, argument.lower())]
    return [language_choice(turn.person)]


async def language_pressed(turn: Turn, value: str) -> list[Reply]:
    return [await set_language(turn.uow, turn.person, value)]


FEATURE = Feature(
    "menu",
    commands=(
        Command(("start",), start),
        Command(("bantuan", "help", "menu"), show_help),
        Command(("profil", "profile"), show_profile),
        Command(("bahasa", "language"), language),
    ),
    buttons=(Button("lang", language_pressed, shows_form=False),),
)
