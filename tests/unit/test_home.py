"""The home (Slack's App Home): the plan's stage, what awaits the person, the menu of their
roles as buttons that run commands; an e-mail the platform vouches for binds once."""

from __future__ import annotations

from datetime import date

from handlers import home
from handlers.checkin.model import CheckinState
from handlers.checkin.ports import Checkin
from handlers.effects import Incoming
from handlers.model import Employee, Role
from tests.unit.chat_bot import Bot
from tests.unit.fakes import STORY_YEAR, employee, opened_cycle

BUDI = "199004172015031003"


def labels(reply: object) -> list[str]:
    assert hasattr(reply, "buttons")
    return [b.payload for row in reply.buttons for b in row]


async def test_the_home_of_a_supervisor_lists_her_menu_and_what_awaits() -> None:
    sri = employee(2, "Sri Wahyuni", "198206202008012002", roles={Role.ATASAN})
    bot = Bot(sri)
    async with bot.database.uow() as uow:
        await uow.cycles.open(opened_cycle(STORY_YEAR))
        await uow.commit()
        shown = await home.home(uow, sri, bot.clock.now())
    assert shown.text.template == "home/view"
    assert shown.text.context["stage"] == "not_started"
    assert [m.template for m in shown.text.context["awaiting"]] == ["home/await_fill"]
    assert "cmd:isi" in labels(shown) and "cmd:bawahan" in labels(shown)
    assert "cmd:siaran" not in labels(shown)  # not a coordinator


async def test_a_menu_button_does_what_typing_its_command_does() -> None:
    budi = employee(1, "Budi Santoso", BUDI)
    bot = Bot(budi)
    await bot.linked("7", budi)
    typed = await bot.say("7", "/profil")
    pressed = await bot.say("7", payload="cmd:profil")
    assert [r.text for r in pressed] == [r.text for r in typed]


async def test_an_unbound_home_says_how_to_bind() -> None:
    bot = Bot(employee(1, "Budi Santoso", BUDI))
    shown = await bot.conversation.home(Incoming("slack", "U1", locale_hint="en"))
    assert shown.text.template == "identity/not_linked" and shown.locale == "en"


async def test_a_vouched_email_binds_once_and_never_takes_an_account() -> None:
    budi = employee(1, "Budi Santoso", BUDI, email="Budi@LAN.go.id")
    bot = Bot(budi)

    async def write(who: str, email: str) -> str:
        incoming = Incoming("slack", who, text="halo", dedupe_key=f"{who}{email}",
                            chat_address=f"D{who}", verified_email=email)  # fmt: skip
        [reply, *_] = await bot.conversation.handle(incoming)
        return reply.text.template

    assert await write("U9", "someone@else.go.id") == "identity/not_linked"
    assert await write("U1", "budi@lan.go.id") == "menu/greeting"
    account = bot.database.state.accounts[("slack", "U1")]
    assert account.employee_id == budi.id
    assert await write("U2", "budi@lan.go.id") == "identity/not_linked"  # bound already


async def test_the_home_names_a_check_in_to_answer_and_the_team_s_to_review() -> None:
    budi = employee(1, "Budi Santoso", BUDI, supervisor_nip="198206202008012002")
    sri = employee(2, "Sri Wahyuni", "198206202008012002", roles={Role.ATASAN})
    bot = Bot(budi, sri)
    at = bot.clock.now()

    def checkin(state: CheckinState) -> Checkin:
        return Checkin(1, 1, budi.id, STORY_YEAR, 3, 1, date(STORY_YEAR, 9, 30), state, at)

    async def awaiting(person: Employee) -> list[str]:
        async with bot.database.uow() as uow:
            shown = await home.home(uow, person, at)
        return [m.template for m in shown.text.context["awaiting"]]

    async with bot.database.uow() as uow:
        await uow.cycles.open(opened_cycle(STORY_YEAR))
        await uow.commit()
    bot.database.state.checkins.append(checkin(CheckinState.ASKED))
    assert "home/await_checkin" in await awaiting(budi)
    assert "home/await_checkin_review" not in await awaiting(sri)
    bot.database.state.checkins[0] = checkin(CheckinState.SUBMITTED)
    assert "home/await_checkin" not in await awaiting(budi)
    assert "home/await_checkin_review" in await awaiting(sri)
