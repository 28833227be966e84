"""The core's one entry point: take an :class:`Incoming`, commit its effects, return replies."""

from __future__ import annotations

from datetime import datetime

from handlers import cycle, identity, menu, perubahan, progres
from handlers.calendar import NO_QUIET_HOURS, QuietHours
from handlers.cycle import chat as siklus
from handlers.dialog import agreement_buttons
from handlers.effects import BLOCKED, Incoming, Msg, Reply
from handlers.forms.engine import Engine, parse_payload
from handlers.forms.model import FormSession, StaleSession
from handlers.forms.numbers import small_number
from handlers.formulir1 import commands as formulir1
from handlers.model import LOCALES, Employee
from handlers.pengingat import flow as pengingat
from handlers.pengingat.flow import PengingatFlow
from handlers.pengingat.form import PENGINGAT
from handlers.plan import kembalikan
from handlers.ports import Clock, UnitOfWork, UnitOfWorkFactory
from handlers.siaran import flow as siaran
from handlers.siaran.flow import SiaranFlow
from handlers.siaran.form import SIARAN

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
    "/isi": "fill",
    "/fill": "fill",
    "/rencana": "plan",
    "/plan": "plan",
    "/kembali": "back",
    "/back": "back",
    "/lewati": "skip",
    "/skip": "skip",
    "/siaran": "broadcast",
    "/broadcast": "broadcast",
    "/pengingat": "reminder",
    "/reminder": "reminder",
    "/progres": "progress",
    "/progress": "progress",
    "/perubahan": "changes",
    "/changes": "changes",
    "/siklus": "cycle",
    "/cycle": "cycle",
}
NEEDS_CYCLE = ("fill", "plan", "progress")  # nothing to show or fill until a cycle is open


LIST_WORDS = ("daftar", "list")  # "/siaran daftar", "/reminder list"


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

    def __init__(
        self,
        uow_factory: UnitOfWorkFactory,
        clock: Clock,
        quiet: QuietHours = NO_QUIET_HOURS,
    ) -> None:
        self._uow_factory = uow_factory
        self._clock = clock
        self._quiet = quiet
        self._engines = {
            formulir1.ENGINE.form.name: formulir1.ENGINE,
            SIARAN.name: Engine(SiaranFlow(clock, quiet)),
            PENGINGAT.name: Engine(PengingatFlow(clock, quiet)),
            kembalikan.NAME: kembalikan.ENGINE,
            **agreement_buttons.ENGINES,
        }

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
                replies = await self._unbound(uow, incoming)
            else:  # they write to us, so they can be written to again
                await uow.outbox.clear_unreachable(person.id, incoming.channel)
                replies = await self._bound(uow, person, incoming)
            await uow.commit()
        return replies

    async def _presence(
        self, uow: UnitOfWork, person: Employee, incoming: Incoming, now: datetime
    ) -> None:
        """Blocked: the sender stops trying (each row is settled as unreachable, no call
        made) until they unblock or write again."""
        if incoming.presence == BLOCKED:
            await uow.outbox.mark_unreachable(person.id, incoming.channel, BLOCKED, now)
        else:
            await uow.outbox.clear_unreachable(person.id, incoming.channel)

    async def _unbound(self, uow: UnitOfWork, incoming: Incoming) -> list[Reply]:
        locale = hint_locale(incoming)
        command, argument = split_command(incoming.text or "")
        # "/start <anything>" is an attempt with a code (and counts as one when wrong);
        # plain text counts only when it looks like a code.
        code = argument if command == "start" else ("" if command else argument)
        if not code or (command != "start" and not identity.looks_like_code(code)):
            return [identity.not_linked_reply(locale)]
        result = await identity.redeem(uow, incoming, code, self._clock.now())
        if result.employee is None:
            return [identity.refusal_reply(result.refusal or "unknown", locale)]
        return [await menu.greeting(uow, result.employee)]

    async def _bound(self, uow: UnitOfWork, person: Employee, incoming: Incoming) -> list[Reply]:
        session = await uow.forms.active(person.id)
        if incoming.payload is not None:
            return await self._pressed(uow, person, session, incoming.payload)
        command, argument = split_command(incoming.text or "")
        now = self._clock.now()
        if session is not None:
            replies = await self._in_form(uow, person, session, command, incoming.text or "")
            if replies is not None:
                return replies
        replies = await self._command(uow, person, incoming, command, argument)
        if session is not None and command not in ("fill", "plan", "broadcast", "reminder"):
            person = await uow.employees.by_id(person.id) or person  # the language may be new
            replies += await self.engine(session).show(uow, person, session, now, fresh=False)
        return replies

    async def _in_form(
        self,
        uow: UnitOfWork,
        person: Employee,
        session: FormSession,
        command: str | None,
        text: str,
    ) -> list[Reply] | None:
        """What an active form takes: answers, /kembali, /lewati, /batal; else None."""
        now = self._clock.now()
        engine = self.engine(session)
        if command is None:
            return await engine.on_text(uow, person, session, text, now)
        if command == "back":
            return await engine.back(uow, person, session, now)
        if command == "skip":
            return await engine.skip(uow, person, session, now)
        if command == "cancel":
            session.active = False
            await uow.forms.save(session, now)
            resume = self.engine(session).form.command
            return [Reply(Msg("form/paused", {"command": resume}), person.bahasa)]
        if command == "help":
            return await engine.show(uow, person, session, now, [Msg("form/help")], fresh=False)
        return None

    async def _command(
        self, uow: UnitOfWork, person: Employee, incoming: Incoming, command: str | None,
        argument: str,
    ) -> list[Reply]:  # fmt: skip
        now = self._clock.now()
        if command == "start":
            if argument and identity.looks_like_code(argument):
                result = await identity.redeem(uow, incoming, argument, now)
                if result.employee is None:
                    return [identity.refusal_reply(result.refusal or "unknown", person.bahasa)]
            return [await menu.greeting(uow, person)]
        if command in NEEDS_CYCLE:
            return await self._planned(uow, person, command, now)
        if command == "cycle":
            return await siklus.command(uow, person, argument, now)
        if command == "broadcast":
            if argument.lower() in LIST_WORDS:
                today = await cycle.year_on(uow, cycle.agency_day(now))
                return await siaran.listing(uow, person, today, now)
            return await siaran.start(uow, self._engines[SIARAN.name], person, now)
        if command == "reminder":
            if argument.lower() in LIST_WORDS:
                return await pengingat.listing(uow, person, self._quiet)
            return await pengingat.start(uow, self._engines[PENGINGAT.name], person, now)
        if command == "changes":
            return await perubahan.listing(uow, person)
        if command == "profile":
            return [menu.profile(person)]
        if command == "language":
            if argument:
                return [await menu.set_language(uow, person, argument.lower())]
            return [menu.language_choice(person)]
        if command in ("cancel", "back", "skip"):
            return [Reply(Msg("menu/nothing_to_cancel"), person.bahasa)]
        if command == "unknown":
            return [
                Reply(Msg("menu/unknown_command"), person.bahasa),
                await menu.help_menu(uow, person),
            ]
        return [await menu.help_menu(uow, person)]

    async def _planned(
        self, uow: UnitOfWork, person: Employee, command: str, now: datetime
    ) -> list[Reply]:
        """/isi, /rencana, /progres act on the cycle being planned now; with none open, say
        so and whom to ask (and, to those who may open one, how)."""
        year = await cycle.current_year(uow, now)
        if command == "progress" and not cycle.may_open(person):
            return await progres.overview(uow, person, year or 0)  # refused: not theirs to see
        if year is None:
            return [await siklus.not_open(uow, person, now)]
        if command == "fill":
            return await formulir1.fill(uow, person, year, now)
        if command == "plan":
            return await formulir1.show_plan(uow, person, year)
        return await progres.overview(uow, person, year)

    async def _pressed(
        self, uow: UnitOfWork, person: Employee, session: FormSession | None, payload: str
    ) -> list[Reply]:
        now = self._clock.now()
        form_button = parse_payload(payload)
        if form_button is not None:
            session_id, question, token = form_button
            if session is not None and session.id == session_id:
                return await self.engine(session).on_press(
                    uow, person, session, question, token, now
                )
            year = await cycle.current_year(uow, now)
            if session is None:  # no question to show: say why the button does nothing
                return await formulir1.button_without_form(uow, person, session_id, year)
            sent = None
            if year is not None:
                sent = await formulir1.sent_already(uow, person, session_id, year)
            replies = sent or [Reply(Msg("form/stale_button"), person.bahasa)]
            return [*replies, *await self.engine(session).show(uow, person, session, now,
                                                               fresh=False)]  # fmt: skip
        kind, _, value = payload.partition(":")
        if kind == "lang":
            replies = [await menu.set_language(uow, person, value)]
            if session is not None:
                person = await uow.employees.by_id(person.id) or person
                replies += await self.engine(session).show(uow, person, session, now, fresh=False)
            return replies
        if kind == "rm":
            return await pengingat.remove(uow, person, value)
        if kind == "cr":
            return await perubahan.decide(uow, person, value, now)
        if kind == siklus.BUTTON:
            return await siklus.confirmed(uow, person, value, now)
        if kind == agreement_buttons.BUTTON:
            return await agreement_buttons.pressed(uow, person, value, now)
        if kind == "plan" and value == "fill":
            return await self._planned(uow, person, "fill", now)
        plan_id = small_number(value.partition(":")[2]) if kind == "plan" else None
        if plan_id is not None and value.startswith("view:"):
            return await formulir1.view_plan(uow, person, plan_id)
        if plan_id is not None and value.startswith("return:"):
            return await kembalikan.start(uow, person, plan_id, now)
        broadcast_id = small_number(value.removeprefix("cancel:")) if kind == "bc" else None
        if broadcast_id is not None and value.startswith("cancel:"):
            return await siaran.cancel(uow, person, broadcast_id, now)
        return [Reply(Msg("menu/stale_button"), person.bahasa)]
