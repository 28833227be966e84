"""Budi opens his invite in Telegram, is greeted by name, reads his profile and switches
to English — through the real python-telegram-bot Application, long polling over HTTP
against the fake Bot API."""

from __future__ import annotations

import logging

import pytest

from bot import admin
from tests.channels.conftest import Person, RunningBot, invite_code
from tests.fake_telegram import FakeBotApi

BUDI = "199004172015031003"
SRI = "198206202008012002"


@pytest.fixture
async def organisation(running_bot: RunningBot) -> None:
    assert await admin.seed_demo(running_bot.app)


async def test_import_invite_start_greeting_profile_language(
    running_bot: RunningBot,
    bot_api: FakeBotApi,
    organisation: None,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO)
    code = await invite_code(running_bot.app, BUDI)
    budi = Person(bot_api, bot_api.user(5001, "Budi"))

    [greeting] = await budi.say(f"/start {code}")
    assert greeting.parse_mode == "HTML"
    assert "Selamat datang, <b>Budi Santoso</b>" in greeting.text
    assert "/profil" in greeting.text

    [profile] = await budi.say("/profil")
    assert "A. Data Diri Pegawai" in profile.text
    assert f"<code>{BUDI}</code>" in profile.text
    assert "Penata Muda Tingkat I, III/b" in profile.text

    [choose] = await budi.say("/bahasa")
    assert [label for label, _ in choose.buttons] == ["Bahasa Indonesia", "English"]
    [switched] = await budi.press("English")
    assert "Language changed to English" in switched.text

    [profile_en] = await budi.say("/profil")
    assert "A. Personal data" in profile_en.text

    for secret in (bot_api.token, code, BUDI):
        assert secret not in caplog.text


async def test_menu_commands_registered_in_both_languages(
    running_bot: RunningBot, bot_api: FakeBotApi
) -> None:
    await Person(bot_api, bot_api.user(5009)).say("halo")  # the bot is up by then
    assert [c["command"] for c in bot_api.commands[None]] == [
        "isi", "rencana", "triwulan", "kembali", "lewati", "batal", "profil", "bahasa",
        "bantuan", "start",
    ]  # fmt: skip
    assert bot_api.commands[None][6]["description"].startswith("Data diri")
    assert bot_api.commands["en"][6]["description"].startswith("Personal data")


async def test_wrong_and_reused_codes_are_refused(
    running_bot: RunningBot, bot_api: FakeBotApi, organisation: None
) -> None:
    code = await invite_code(running_bot.app, BUDI)
    stranger = Person(bot_api, bot_api.user(6001, "Eve", "en"))
    [refused] = await stranger.say("/start AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")
    assert "not known" in refused.text

    budi = Person(bot_api, bot_api.user(5001, "Budi"))
    await budi.say(code)  # pasting the code as a message works too
    [reused] = await stranger.say(f"/start {code}")
    assert "already been used" in reused.text


async def test_an_unbound_account_sees_nothing_of_anyone(
    running_bot: RunningBot, bot_api: FakeBotApi, organisation: None
) -> None:
    stranger = Person(bot_api, bot_api.user(6002, "Eve"))
    for text in ("/profil", "/bantuan", f"/profil {BUDI}", BUDI, "/bahasa en"):
        [answer] = await stranger.say(text)
        assert "belum terhubung" in answer.text
        assert "Budi" not in answer.text and BUDI not in answer.text
    [pressed] = await stranger.press_payload("lang:en")
    assert "belum terhubung" in pressed.text


async def test_a_replayed_update_is_ignored(
    running_bot: RunningBot, bot_api: FakeBotApi, organisation: None
) -> None:
    code = await invite_code(running_bot.app, SRI)
    sri = Person(bot_api, bot_api.user(5002, "Sri"))
    await sri.say(f"/start {code}")
    update = await bot_api.type_text(sri.user, "/bahasa en")
    await bot_api.wait_for(sri.user.id, 2)
    await bot_api.inject({**update, "update_id": update["update_id"]})  # Telegram redelivers
    [help_en] = await sri.say("/bantuan")  # processed after the replay: nothing in between
    assert help_en.text.startswith("Hello, Sri Wahyuni")
    assert "As a supervisor" in help_en.text
    assert len(bot_api.sent_to(sri.user.id)) == 3


async def test_user_values_are_escaped_and_long_texts_split(
    running_bot: RunningBot, bot_api: FakeBotApi
) -> None:
    from telegram.ext import Application

    from bot.channels.telegram_replies import send_reply
    from handlers.effects import Msg, Reply

    context = {
        "nama": "<b>Eve & Co</b>", "nip": "1" * 18, "jenis_pegawai": "PNS",
        "pangkat_golongan": "x", "pendidikan": "S1 " * 1500, "masa_kerja": "",
        "jabatan": "y", "unit_kerja": "z", "zona_waktu": "WIB",
    }  # fmt: skip
    application = Application.builder().token(bot_api.token).base_url(f"{bot_api.url}/bot").build()
    async with application:
        await send_reply(application, 4242, Reply(Msg("menu/profile", context), "id"))
    parts = bot_api.sent_to(4242)
    assert len(parts) >= 2 and all(len(p.text) <= 4096 for p in parts)
    assert "&lt;b&gt;Eve &amp; Co&lt;/b&gt;" in parts[0].text


async def test_an_emoji_heavy_text_fits_telegrams_utf16_limit(
    running_bot: RunningBot, bot_api: FakeBotApi
) -> None:
    """3,000 emoji are 3,000 characters but 6,000 UTF-16 units: Telegram (and its fake here)
    refuses that as one message, so it must go in two."""
    from telegram.ext import Application

    from bot.channels.telegram_replies import send_reply
    from handlers.effects import Msg, Reply

    context = {
        "nama": "Eve", "nip": "1" * 18, "jenis_pegawai": "PNS", "pangkat_golongan": "x",
        "pendidikan": "🎓" * 3000, "masa_kerja": "", "jabatan": "y", "unit_kerja": "z",
        "zona_waktu": "WIB",
    }  # fmt: skip
    application = Application.builder().token(bot_api.token).base_url(f"{bot_api.url}/bot").build()
    async with application:
        await send_reply(application, 4243, Reply(Msg("menu/profile", context), "id"))
    parts = bot_api.sent_to(4243)  # the fake refuses a part over 4,096 units, as Telegram does
    assert len(parts) >= 2
    assert "".join(p.text for p in parts).count("🎓") == 3000
