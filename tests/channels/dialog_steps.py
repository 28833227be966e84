"""Steps the dialog kinerja's Telegram stories share: a person bound by an invite, the
outbox delivered until nothing is pending, and a person pressing forged plan buttons."""

from __future__ import annotations

from bot.app import App
from tests.channels.conftest import Person, invite_code
from tests.delivery_support import start_sender
from tests.fake_telegram import FakeBotApi

FORGED = ("plan:view", "dlg:sched", "agr:agree", "plan:return", "plan:history")


async def bound(app: App, api: FakeBotApi, user_id: int, nip: str, name: str) -> Person:
    someone = Person(api, api.user(user_id, name))
    await someone.say(f"/start {await invite_code(app, nip)}")
    return someone


async def deliver(app: App) -> None:
    """One pass of the outbox sender over what is due now (reminders wait for their day)."""
    sender = await start_sender(app)
    try:
        await sender.send_due()
    finally:
        await sender.channel.close()


async def forged_presses(someone: Person, plan_id: int) -> dict[str, str]:
    """What ``someone`` is answered for each action's button on ``plan_id``, forged."""
    answers = {}
    for action in FORGED:
        [answer] = await someone.press_payload(f"{action}:{plan_id}")
        answers[action] = answer.text
    return answers
