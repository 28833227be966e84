"""The core's one entry point: take an :class:`Incoming`, commit its effects, return replies."""

from __future__ import annotations

from handlers import identity, menu
from handlers.effects import Incoming, Msg, Reply
from handlers.model import LOCALES, Employee
from handlers.ports import Clock, UnitOfWork, UnitOfWorkFactory

COMMAND_ALIASES = {
    "/start": "start",
    "/bantuan": "help",
    "/help": "help",
    "/menu": "help",
    "/profil": "profile",
    "/profile": "profile",
    "/bahasa": "language",
    "/language": "language",
    "/batal": "cancel",
    "/cancel": "cancel",
}


def split_command(text: str) -> tuple[str | None, str]:
    """``"/start@idp_bot abc"`` → ``("start", "abc")``; plain text → ``(None, text)``."""
    stripped = text.strip()
    if not stripped.startswith("/"):
        return None, stripped
    head, _, rest = stripped.partition(" ")
    name = head.split("@", 1)[0].lower()
    return COMMAND_ALIASES.get(name, "unknown"), rest.strip()


def hint_locale(incoming: Incoming) -> str:
    hint = (incoming.locale_hint or "").split("-")[0].lower()
    return hint if hint in LOCALES else LOCALES[0]


class Conversation:
    """Route what a person did to the use case that handles it, in one transaction."""

    def __init__(self, uow_factory: UnitOfWorkFactory, clock: Clock) -> None:
        self._uow_factory = uow_factory
        self._clock = clock

    async def handle(self, incoming: Incoming) -> list[Reply]:
        """Handle one update; a replayed ``dedupe_key`` does nothing and says nothing."""
        now = self._clock.now()
        async with self._uow_factory() as uow:
            if incoming.dedupe_key is not None and not await uow.inbox.first_time(
                incoming.channel, incoming.dedupe_key, now
            ):
                return []
            account = await uow.accounts.get(incoming.channel, incoming.external_id)
            person = await uow.employees.by_id(account.employee_id) if account else None
            if person is None:
                replies = await self._unbound(uow, incoming)
            else:
                replies = await self._bound(uow, person, incoming)
            await uow.commit()
        return replies

    async def _unbound(self, uow: UnitOfWork, incoming: Incoming) -> list[Reply]:
        locale = hint_locale(incoming)
        command, argument = split_command(incoming.text or "")
        code = argument if command == "start" else ("" if command else argument)
        if not code or not identity.looks_like_code(code):
            return [identity.not_linked_reply(locale)]
        result = await identity.redeem(uow, incoming, code, self._clock.now())
        if result.employee is None:
            return [identity.refusal_reply(result.refusal or "unknown", locale)]
        return [await menu.greeting(uow, result.employee)]

    async def _bound(self, uow: UnitOfWork, person: Employee, incoming: Incoming) -> list[Reply]:
        if incoming.payload is not None:
            return await self._pressed(uow, person, incoming.payload)
        command, argument = split_command(incoming.text or "")
        if command == "start":
            if argument and identity.looks_like_code(argument):
                result = await identity.redeem(uow, incoming, argument, self._clock.now())
                if result.employee is None:
                    return [identity.refusal_reply(result.refusal or "unknown", person.bahasa)]
            return [await menu.greeting(uow, person)]
        if command == "profile":
            return [menu.profile(person)]
        if command == "language":
            if argument:
                return [await menu.set_language(uow, person, argument.lower())]
            return [menu.language_choice(person)]
        if command == "cancel":
            return [Reply(Msg("menu/nothing_to_cancel"), person.bahasa)]
        if command == "unknown":
            return [
                Reply(Msg("menu/unknown_command"), person.bahasa),
                await menu.help_menu(uow, person),
            ]
        return [await menu.help_menu(uow, person)]

    async def _pressed(self, uow: UnitOfWork, person: Employee, payload: str) -> list[Reply]:
        kind, _, value = payload.partition(":")
        if kind == "lang":
            return [await menu.set_language(uow, person, value)]
        return [Reply(Msg("menu/stale_button"), person.bahasa)]
