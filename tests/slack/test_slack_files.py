"""Files shared with the bot in Slack: Rahmat of the steering board shares the year's
priority competencies as a CSV in his DM — the bot fetches it from Slack's private URL with
its token and loads the good rows; an .ics the bot sends goes through Slack's upload."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bot.channels.slack_replies import send_reply
from handlers.effects import Attachment, Msg, Reply
from tests.channels.test_dialog_documents_telegram import PRIORITIES, RAHMAT
from tests.conftest import FakeClock
from tests.fake_slack import FakeSlack
from tests.slack.conftest import RunningSlack, bound_person, running_slack, slack_settings


@pytest.fixture
async def bot(database_url: str, slack: FakeSlack, clock: FakeClock) -> AsyncIterator[RunningSlack]:
    running = await running_slack(slack_settings(database_url, slack), clock)
    yield running
    await running.close()
    await running.app.close()


async def test_priorities_shared_as_a_file_in_slack(bot: RunningSlack, slack: FakeSlack) -> None:
    rahmat = await bound_person(bot, slack, "U0RAHMAT", "Rahmat Hidayat", RAHMAT)
    shared = slack.add_user_file(rahmat.user, "prioritas-2026.csv", PRIORITIES, "text/csv")
    start = len(slack.messages_in(rahmat.user.dm))
    assert await rahmat.deliver(slack.message(rahmat.user, "", files=[shared])) == 200
    await bot.idle()
    [answer] = slack.messages_in(rahmat.user.dm)[start:]
    assert "2 kompetensi prioritas dimuat" in answer.shown and "1 baris ditolak" in answer.shown
    async with bot.app.uow() as uow:
        stored = await uow.reference.priorities(2026, "Balai Diklat Makassar")
    assert {p.kompetensi for p in stored} == {"Pelayanan Publik", "Analisis Data Pembelajaran"}


async def test_a_reply_with_a_file_is_uploaded_to_the_dm(
    bot: RunningSlack, slack: FakeSlack
) -> None:
    user = slack.add_user("U0BUDI", "Budi Santoso")
    ics = Attachment("dialog-kinerja.ics", "text/calendar", b"BEGIN:VCALENDAR")
    await send_reply(bot.channel.client, user.dm, Reply(Msg("form/help"), "id", attachment=ics))
    [upload] = slack.uploads.values()
    assert (upload.filename, upload.content, upload.channel) == (
        "dialog-kinerja.ics", b"BEGIN:VCALENDAR", user.dm)  # fmt: skip
