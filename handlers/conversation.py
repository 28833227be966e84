"""The core's one entry point: take an :class:`Incoming`, commit its effects, return replies."""

from __future__ import annotations

import dataclasses
from datetime import datetime

from handlers import home, identity
from handlers.calendar import NO_QUIET_HOURS, QuietHours
from handlers.effects import BLOCKED, Incoming, Msg, Reply
from handlers.features import Registry, Turn
from handlers.features_list import REGISTRY
from handlers.forms.engine import Engine, parse_payload
from handlers.forms.model import FormSession, StaleSession
from handlers.model import LOCALES, Employee
from handlers.person_channels import note_channel
from handlers.ports import Clock, IncomingFiles, UnitOfWork, UnitOfWorkFactory

# What an open form takes from the core, whichever form it is (each in both languages).
FORM_CONTROLS = {
    "kembali": "back", "back": "back", "lewati": "skip", "skip": "skip",
    "batal": "cancel", "cancel": "cancel", "bantuan": "help", "help": "help", "menu": "help",
}  # fmt: skip
BINDING = "start"  # "/start <invite code>" binds an account (Telegram's deep link)


def split_command(text: str) -> tuple[str | None, str]:
    """``"/start@idp_bot abc"`` → ``("start", "abc")``; plain text → ``(None, text)``."""
    stripped = text.strip()
    if not stripped.startswith("/"):
        return None, stripped
    head, _, rest = stripped.partition(" ")
    return head[1:].split("@", 1)[0].lower(), rest.strip()


def hint_locale(incoming: Incoming) -> str:
    hint = (incoming.locale_hint or "").split("-")[0].lower()
    return hint if hint in LOCALES else LOCALES[0]


class Conversation:
    """Route what a person did to the feature that handles it, in one transaction."""

    def __init__(
        self,
        uow_factory: UnitOfWorkFactory,
        clock: Clock,
        quiet: QuietHours = NO_QUIET_HOURS,
        registry: Registry = REGISTRY,
    ) -> None:
        self._uow_factory = uow_factory
        self._clock = clock
        self._quiet = quiet
        self._registry = registry
        self._engines = registry.engines(clock, quiet)
        self._files: dict[str, IncomingFiles] = {}

    def take_files(self, channel: str, files: IncomingFiles) -> None:
        """Files people send on ``channel`` are fetched through ``files`` (a channel that
        registers none takes no files: the person is told what the bot takes)."""
        self._files[channel] = files

    def engine(self, session: FormSession) -> Engine:
        return self._engines[session.form]

    async def handle(self, incoming: Incoming) -> list[Reply]:
        """Handle one update; a replayed ``dedupe_key`` does nothing and says nothing.

        If another update saved the person's form meanwhile, this one's transaction is rolled
        back and it is handled once more from what is stored now; losing again, nothing of it
        is kept and the person is told so."""
        try:
            return await self._handle_once(incoming)
        except StaleSession:
            pass
        try:
            return await self._handle_once(incoming)
        except StaleSession:
            return await self._not_taken(incoming)

    async def _not_taken(self, incoming: Incoming) -> list[Reply]:
        async with self._uow_factory() as uow:
            person = await uow.employees.by_account(incoming.channel, incoming.external_id)
        locale = person.bahasa if person is not None else hint_locale(incoming)
        return [Reply(Msg("form/not_taken"), locale)]

    async def _handle_once(self, incoming: Incoming) -> list[Reply]:
        now = self._clock.now()
        async with self._uow_factory() as uow:
            await uow.inbox.take_turn(incoming.channel, incoming.external_id)
            if incoming.dedupe_key is not None and not await uow.inbox.first_time(
                incoming.channel, incoming.dedupe_key, now
            ):
                return []
            person = await uow.employees.by_account(incoming.channel, incoming.external_id)
            if incoming.presence is not None:
                replies = []
                if person is not None:
                    await self._presence(uow, person, incoming, now)
            elif person is None:
                replies = await self._unbound(uow, incoming, now)
            else:  # they write to us, so they can be written to again
                await uow.outbox.clear_unreachable(person.id, incoming.channel)
                await note_channel(uow, person, incoming.channel)
                turn = await self._turn(uow, person, incoming, now)
                replies = await self._bound(turn)
            await uow.commit()
        return replies

    async def _turn(
        self, uow: UnitOfWork, person: Employee, incoming: Incoming, now: datetime
    ) -> Turn:
        session = await uow.forms.active(person.id)
        return Turn(uow, person, incoming, session, now, self._clock, self._quiet, self._engines,
                    self._files.get(incoming.channel))  # fmt: skip

    async def _presence(
        self, uow: UnitOfWork, person: Employee, incoming: Incoming, now: datetime
    ) -> None:
        """Blocked: the sender stops trying (each row is settled as unreachable, no call
        made) until they unblock or write again."""
        if incoming.presence == BLOCKED:
            await uow.outbox.mark_unreachable(person.id, incoming.channel, BLOCKED, now)
        else:
            await uow.outbox.clear_unreachable(person.id, incoming.channel)

    async def home(self, incoming: Incoming) -> Reply:
        """The person's home (plan stage, what awaits them, their menu), or how to bind."""
        async with self._uow_factory() as uow:
            person = await uow.employees.by_account(incoming.channel, incoming.external_id)
            if person is None:
                return identity.not_linked_reply(hint_locale(incoming))
            return await home.home(uow, person, self._clock.now())

    async def problem_with_typed(self, incoming: Incoming) -> Reply | None:
        """What is wrong with the text of ``incoming`` as the answer to the person's current
        question, said in their language; None when nothing is (or no question waits).
        Nothing is saved: the answer itself comes as an Incoming like any other."""
        async with self._uow_factory() as uow:
            person = await uow.employees.by_account(incoming.channel, incoming.external_id)
            session = await uow.forms.active(person.id) if person is not None else None
            if person is None or session is None:
                return None
            problem = await self.engine(session).problem_with(
                uow, person, session, incoming.text or ""
            )
        return Reply(problem, person.bahasa) if problem is not None else None

    async def _unbound(self, uow: UnitOfWork, incoming: Incoming, now: datetime) -> list[Reply]:
        locale = hint_locale(incoming)
        by_email = await identity.bind_by_email(uow, incoming, now)
        if by_email is not None:
            await note_channel(uow, by_email, incoming.channel)
            welcome = self._registry.command(BINDING)
            return await welcome.run(await self._turn(uow, by_email, incoming, now), "") if (
                welcome) else []  # fmt: skip
        command, argument = split_command(incoming.text or "")
        # "/start <anything>" is an attempt with a code (and counts as one when wrong);
        # plain text counts only when it looks like a code.
        code = argument if command == BINDING else ("" if command else argument)
        if not code or (command != BINDING and not identity.looks_like_code(code)):
            return [identity.not_linked_reply(locale)]
        result = await identity.redeem(uow, incoming, code, now)
        if result.employee is None:
            return [identity.refusal_reply(result.refusal or "unknown", locale)]
        await note_channel(uow, result.employee, incoming.channel)
        welcome = self._registry.command(BINDING)  # the new account is greeted as at /start
        turn = await self._turn(uow, result.employee, incoming, now)
        return await welcome.run(turn, "") if welcome else []

    async def _bound(self, turn: Turn) -> list[Reply]:
        if turn.incoming.document is not None and self._registry.document is not None:
            return await self._registry.document(turn, turn.incoming.text or "")
        if turn.incoming.payload is not None:
            return await self._pressed(turn, turn.incoming.payload)
        command, argument = split_command(turn.incoming.text or "")
        if turn.session is not None:
            replies = await self._in_form(turn, turn.session, command, turn.incoming.text or "")
            if replies is not None:
                return replies
        found = self._registry.command(command) if command is not None else None
        if command is None:
            replies = await self._registry.text(turn, argument)
        elif found is not None:
            replies = await self._registry.run(found, turn, argument)
        elif FORM_CONTROLS.get(command) in ("back", "skip", "cancel"):
            replies = [Reply(Msg("menu/nothing_to_cancel"), turn.person.bahasa)]
        else:
            replies = await self._registry.unknown(turn, argument)
        if found is None or not found.shows_form:
            replies += await self._form_again(turn)
        return replies

    async def _form_again(self, turn: Turn) -> list[Reply]:
        """The open form's current question, after something else was answered."""
        if turn.session is None:
            return []
        person = await turn.uow.employees.by_id(turn.person.id) or turn.person  # new language?
        engine = self.engine(turn.session)
        return await engine.show(turn.uow, person, turn.session, turn.now, fresh=False)

    async def _in_form(
        self, turn: Turn, session: FormSession, command: str | None, text: str
    ) -> list[Reply] | None:
        """What an active form takes: answers, /kembali, /lewati, /batal, /bantuan; else None."""
        uow, person, now = turn.uow, turn.person, turn.now
        engine = self.engine(session)
        control = FORM_CONTROLS.get(command) if command is not None else None
        if command is None:
            return await engine.on_text(uow, person, session, text, now)
        if control == "back":
            return await engine.back(uow, person, session, now)
        if control == "skip":
            return await engine.skip(uow, person, session, now)
        if control == "cancel":
            return await engine.pause(uow, person, session, now)
        if control == "help":
            return await engine.show(uow, person, session, now, [Msg("form/help")], fresh=False)
        return None

    async def _pressed(self, turn: Turn, payload: str) -> list[Reply]:
        if payload.startswith(home.COMMAND_PAYLOAD):  # a menu button: as if typed
            command = payload.removeprefix(home.COMMAND_PAYLOAD)
            typed = dataclasses.replace(turn.incoming, text=f"/{command}", payload=None)
            return await self._bound(dataclasses.replace(turn, incoming=typed))
        form_button = parse_payload(payload)
        if form_button is not None:
            return await self._form_pressed(turn, *form_button)
        found = self._registry.button(payload)
        if found is None:
            return [Reply(Msg("menu/stale_button"), turn.person.bahasa)]
        button, value = found
        replies = await self._registry.run(button, turn, value)
        if not button.shows_form:
            replies += await self._form_again(turn)
        return replies

    async def _form_pressed(
        self, turn: Turn, session_id: int, question: int, token: str
    ) -> list[Reply]:
        """A form's button: the open form's, or an old one (a form sent, paused, another
        open), which says why it does nothing."""
        session = turn.session
        if session is not None and session.id == session_id:
            return await self.engine(session).on_press(
                turn.uow, turn.person, session, question, token, turn.now
            )
        said = await self._registry.old_form_button(turn, session_id)
        if session is None:
            ended = Msg("form/ended_button", {"sent": False, "year": None})
            return said or [Reply(ended, turn.person.bahasa)]
        return [*(said or [Reply(Msg("form/stale_button"), turn.person.bahasa)]),
                *await self._form_again(turn)]  # fmt: skip
