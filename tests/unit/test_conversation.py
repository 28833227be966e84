"""Stories of people talking to the bot, through the core's one entry point, on fake storage."""

from __future__ import annotations

import secrets

import pytest

from handlers.effects import Msg, Reply
from handlers.model import Account, Role, Zone
from tests.unit.chat_bot import Bot
from tests.unit.fakes import employee

SRI = employee(
    1, "Sri Wahyuni", "198206202008012002", [Role.ATASAN, Role.KELOMPOK_KEAHLIAN],
    pangkat_golongan="IV/a", kelompok_keahlian="Pengembangan SDM",
)  # fmt: skip
BUDI = employee(
    2, "Budi Santoso", "199004172015031003", supervisor_nip=SRI.nip,
    kelompok_keahlian="Pengembangan SDM", zona_waktu=Zone.WITA,
)  # fmt: skip
DEWI = employee(3, "Dewi Lestari", "199511302020122004", supervisor_nip=SRI.nip, bahasa="en")

NOT_LINKED_ID = [Reply(Msg("identity/not_linked"), "id")]


def templates(replies: list[Reply]) -> list[str]:
    return [reply.text.template for reply in replies]


@pytest.fixture
def bot() -> Bot:
    return Bot(SRI, BUDI, DEWI)


# --- strangers --------------------------------------------------------------------------


async def test_start_with_any_word_is_an_attempt_with_a_code(bot: Bot) -> None:
    """A mistyped short code after /start is told it is not known (and counts as a try)."""
    replies = await bot.say("100", "/start WRONGCODE123")
    assert [r.text.template for r in replies] == ["identity/refused_unknown"]


@pytest.mark.parametrize(
    "text", ["/profil", "halo", "/bantuan", "/start", "/bahasa en", "terimakasihbanyakbapak"]
)
async def test_a_stranger_is_only_told_to_ask_for_an_invite(bot: Bot, text: str) -> None:
    before = bot.database.snapshot()
    assert await bot.say("100", text) == NOT_LINKED_ID
    after = bot.database.snapshot()
    assert (after.accounts, after.failures, after.employees) == (
        before.accounts, before.failures, before.employees,
    )  # fmt: skip


async def test_a_stranger_pressing_an_old_button_is_told_the_same(bot: Bot) -> None:
    assert await bot.say("100", payload="lang:en") == NOT_LINKED_ID


async def test_a_stranger_is_answered_in_the_language_of_their_app(bot: Bot) -> None:
    assert templates(await bot.say("100", "halo", hint="en-US")) == ["identity/not_linked"]
    assert (await bot.say("100", "halo", hint="en-US"))[0].locale == "en"
    assert (await bot.say("100", "halo", hint="fr"))[0].locale == "id"


# --- invites ------------------------------------------------------------------------------


async def test_an_invite_link_binds_the_account_and_greets_in_the_employees_language(
    bot: Bot,
) -> None:
    code = await bot.invite(DEWI)
    [greeting] = await bot.say("100", f"/start {code}", hint="id")
    assert (greeting.text.template, greeting.locale) == ("menu/greeting", "en")
    assert greeting.text.context == {"name": "Dewi Lestari", "roles": ["pegawai"]}
    assert bot.database.state.accounts[("telegram", "100")] == Account(
        "telegram", "100", DEWI.id, "100"
    )


async def test_pasting_the_code_as_plain_text_binds_too(bot: Bot) -> None:
    code = await bot.invite(BUDI)
    assert templates(await bot.say("100", f"  {code} ")) == ["menu/greeting"]
    assert bot.bound_to("100") == BUDI.id


async def test_a_deep_link_addressed_to_the_bot_by_name_binds(bot: Bot) -> None:
    code = await bot.invite(BUDI)
    assert templates(await bot.say("100", f"/start@idp_bot {code}")) == ["menu/greeting"]


async def test_a_supervisor_is_greeted_with_their_reports_and_group(bot: Bot) -> None:
    [greeting] = await bot.say("100", f"/start {await bot.invite(SRI)}")
    assert greeting.text.context == {
        "name": "Sri Wahyuni",
        "roles": ["atasan", "kelompok_keahlian", "pegawai"],
        "reports": ["Budi Santoso", "Dewi Lestari"],
        "report_count": 2,
        "group": "Pengembangan SDM",
        "group_size": 2,
    }


async def test_a_used_code_does_not_work_for_a_second_account(bot: Bot) -> None:
    code = await bot.invite(BUDI)
    await bot.say("100", f"/start {code}")
    assert await bot.say("200", f"/start {code}", hint="en") == [
        Reply(Msg("identity/refused_used", {"max_failures": 5, "minutes": 15}), "en")
    ]
    assert (bot.bound_to("100"), bot.bound_to("200")) == (BUDI.id, None)


async def test_a_code_past_its_lifetime_has_expired(bot: Bot) -> None:
    code = await bot.invite(BUDI)
    bot.clock.advance(days=7)
    assert templates(await bot.say("100", f"/start {code}")) == ["identity/refused_expired"]
    assert bot.bound_to("100") is None


async def test_a_made_up_code_is_unknown(bot: Bot) -> None:
    made_up = secrets.token_urlsafe(24)
    assert templates(await bot.say("100", f"/start {made_up}")) == ["identity/refused_unknown"]


async def test_a_new_invite_revokes_the_old_code(bot: Bot) -> None:
    old = await bot.invite(BUDI)
    new = await bot.invite(BUDI)
    assert templates(await bot.say("100", f"/start {old}")) == ["identity/refused_unknown"]
    assert templates(await bot.say("100", f"/start {new}")) == ["menu/greeting"]


async def test_five_wrong_codes_lock_the_account_out_for_fifteen_minutes(bot: Bot) -> None:
    code = await bot.invite(BUDI)
    for _ in range(5):
        wrong = secrets.token_urlsafe(24)
        assert templates(await bot.say("100", wrong)) == ["identity/refused_unknown"]
    [locked] = await bot.say("100", f"/start {code}")
    assert locked == Reply(
        Msg("identity/refused_throttled", {"max_failures": 5, "minutes": 15}), "id"
    )
    assert bot.bound_to("100") is None
    assert templates(await bot.say("200", f"/start {code}")) == ["menu/greeting"], (
        "another account is not locked out"
    )


async def test_after_the_lockout_window_the_right_code_works(bot: Bot) -> None:
    code = await bot.invite(BUDI)
    for _ in range(5):
        await bot.say("100", secrets.token_urlsafe(24))
    bot.clock.advance(minutes=14, seconds=59)
    assert templates(await bot.say("100", code)) == ["identity/refused_throttled"]
    bot.clock.advance(seconds=2)
    assert templates(await bot.say("100", code)) == ["menu/greeting"]
    assert bot.bound_to("100") == BUDI.id


async def test_a_linked_person_cannot_take_someone_elses_code(bot: Bot) -> None:
    await bot.linked("100", BUDI)
    [refused] = await bot.say("100", f"/start {await bot.invite(DEWI)}")
    assert (refused.text.template, refused.locale) == ("identity/refused_account_taken", "id")
    assert bot.bound_to("100") == BUDI.id


# --- deliveries ---------------------------------------------------------------------------


async def test_a_redelivered_update_is_ignored_and_changes_nothing(bot: Bot) -> None:
    await bot.linked("100", BUDI)
    assert templates(await bot.say("100", "/bahasa en", key="42")) == ["menu/language_set"]
    before, commits = bot.database.snapshot(), bot.database.commits
    assert await bot.say("100", "/bahasa id", key="42") == []
    assert bot.database.snapshot() == before
    assert bot.database.commits == commits
    assert bot.locale_of(BUDI) == "en"


async def test_a_redelivered_wrong_code_counts_once(bot: Bot) -> None:
    wrong = secrets.token_urlsafe(24)
    await bot.say("100", wrong, key="7")
    assert await bot.say("100", wrong, key="7") == []
    assert len(bot.database.state.failures) == 1


async def test_every_handled_update_is_committed(bot: Bot) -> None:
    code = await bot.invite(BUDI)
    baseline = bot.database.commits
    updates = ["halo", secrets.token_urlsafe(24), f"/start {code}", "/profil", "/bahasa en",
               "/batal", "/entah", "apa kabar"]  # fmt: skip
    for text in updates:
        await bot.say("100", text)
    await bot.say("100", payload="lang:id")
    await bot.say("100", payload="survey:3")
    assert bot.database.commits - baseline == len(updates) + 2
    assert bot.database.opened == bot.database.commits


# --- a linked person ----------------------------------------------------------------------


async def test_bahasa_en_switches_every_later_reply_to_english(bot: Bot) -> None:
    await bot.linked("100", BUDI)
    assert await bot.say("100", "/bahasa EN") == [Reply(Msg("menu/language_set"), "en")]
    assert bot.locale_of(BUDI) == "en"
    for text in ["/profil", "/bantuan", "/batal", "halo"]:
        assert {reply.locale for reply in await bot.say("100", text)} == {"en"}


async def test_the_language_button_switches_too(bot: Bot) -> None:
    await bot.linked("100", BUDI)
    [choose] = await bot.say("100", "/bahasa")
    assert choose.text.template == "menu/language_choose"
    assert [b.payload for row in choose.buttons for b in row] == ["lang:id", "lang:en"]
    assert await bot.say("100", payload="lang:en") == [Reply(Msg("menu/language_set"), "en")]
    assert templates(await bot.say("100", "/profil")) == ["menu/profile"]
    assert (await bot.say("100", "/profil"))[0].locale == "en"


async def test_an_unknown_language_is_refused_and_the_old_one_kept(bot: Bot) -> None:
    await bot.linked("100", BUDI)
    assert await bot.say("100", "/bahasa fr") == [
        Reply(Msg("menu/language_unknown", {"choices": ["id", "en"]}), "id")
    ]
    assert bot.locale_of(BUDI) == "id"


async def test_a_button_the_bot_no_longer_knows_is_stale(bot: Bot) -> None:
    await bot.linked("100", DEWI)
    assert await bot.say("100", payload="dialog:accept:17") == [
        Reply(Msg("menu/stale_button"), "en")
    ]


async def test_profil_shows_formulir_1_a(bot: Bot) -> None:
    await bot.linked("100", BUDI)
    assert await bot.say("100", "/profil") == [
        Reply(
            Msg(
                "menu/profile",
                {
                    "nama": "Budi Santoso",
                    "nip": "199004172015031003",
                    "jenis_pegawai": "PNS",
                    "pangkat_golongan": "Penata Muda Tingkat I, III/b",
                    "pendidikan": "S1 Psikologi",
                    "masa_kerja": "11 tahun 8 bulan",
                    "jabatan": "Analis SDM Aparatur Ahli Pertama",
                    "unit_kerja": "Pusat Pengembangan Kompetensi",
                    "zona_waktu": "WITA",
                    "pppk": False,
                },
            ),
            "id",
        )
    ]


async def test_an_unknown_command_says_so_and_shows_the_menu(bot: Bot) -> None:
    await bot.linked("100", BUDI)
    replies = await bot.say("100", "/siapa")
    assert templates(replies) == ["menu/unknown_command", "menu/help"]
    assert replies[1].text.context == {"name": "Budi Santoso", "roles": ["pegawai"]}


@pytest.mark.parametrize("text", ["/bantuan", "/help", "/menu", "halo", "terima kasih"])
async def test_help_and_plain_chatter_show_the_menu(bot: Bot, text: str) -> None:
    await bot.linked("100", BUDI)
    assert templates(await bot.say("100", text)) == ["menu/help"]


async def test_start_again_greets_again_and_cancel_has_nothing_to_cancel(bot: Bot) -> None:
    await bot.linked("100", BUDI)
    assert templates(await bot.say("100", "/start")) == ["menu/greeting"]
    assert await bot.say("100", "/batal") == [Reply(Msg("menu/nothing_to_cancel"), "id")]
