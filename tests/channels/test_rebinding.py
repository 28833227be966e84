"""Budi's new invite is opened on another Telegram account: the new account is greeted, and
the sender tells the old account — at its own chat, in Budi's language — that it was
unlinked, through the real python-telegram-bot against the fake Bot API."""

from __future__ import annotations

from tests.channels.conftest import Person, RunningBot, demo_person, invite_code
from tests.delivery_support import run_until, settled, start_sender
from tests.fake_telegram import FakeBotApi

BUDI = "199004172015031003"


async def test_the_old_phone_is_told_when_the_invite_is_used_on_a_new_one(
    running_bot: RunningBot, bot_api: FakeBotApi
) -> None:
    app = running_bot.app
    old_phone = await demo_person(app, bot_api, 7401)
    before = len(bot_api.sent_to(old_phone.user.id))
    new_phone = Person(bot_api, bot_api.user(7402, "Budi"))
    [greeting] = await new_phone.say(f"/start {await invite_code(app, BUDI)}")
    assert greeting.text.startswith("Selamat datang, <b>Budi Santoso</b>")
    sender = await start_sender(app)
    try:
        await run_until(sender, lambda: settled(app))
    finally:
        await sender.channel.close()
    [told] = bot_api.sent_to(old_phone.user.id)[before:]
    assert "tidak lagi terhubung" in told.text and "admin Unit SDM" in told.text
    assert len(bot_api.sent_to(new_phone.user.id)) == 1, "the new account is only greeted"
