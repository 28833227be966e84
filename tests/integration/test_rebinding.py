"""Re-issued invites in the database: the notice to an account left behind goes to that
account's chat although the binding moved, and ``invite --all`` leaves bound people alone
unless told to re-issue."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from bot import admin, cli
from bot.app import App
from handlers.delivery import Attempt, Outcome, RecordingTime, RetryPolicy, record_attempts
from handlers.effects import Incoming
from storage.outbox import UnreachableRow
from tests.conftest import FakeClock
from tests.delivery_support import load_people

LEASE = timedelta(seconds=30)
TTL = timedelta(days=14)


async def use_new_invite_elsewhere(app: App, nip: str, chat: str) -> None:
    invited = await admin.invite(app, everyone=False, unit=None, nip=nip, ttl=TTL)
    [line] = invited.lines
    incoming = Incoming("telegram", chat, text=f"/start {line.code}", chat_address=chat,
                        dedupe_key=f"start-{chat}")  # fmt: skip
    [greeting] = await app.conversation.handle(incoming)
    assert greeting.text.template == "menu/greeting"


async def test_the_account_left_behind_is_told_at_its_own_chat(app: App, clock: FakeClock) -> None:
    budi, _ = await load_people(app, 2)
    await use_new_invite_elsewhere(app, budi.nip, "777")
    async with app.uow() as uow:
        assert await uow.outbox.claim("console", "terminal", clock.now(), LEASE, 10) == [], (
            "pinned to Telegram: not the terminal's to show"
        )
        [item] = await uow.outbox.claim("telegram", "w1", clock.now(), LEASE, 10)
        await uow.commit()
    assert item.template == "identity/unlinked_elsewhere"
    assert (item.employee_id, item.address, item.pinned) == (budi.employee_id, str(budi.chat), True)
    assert item.locale == "id"
    async with app.uow() as uow:  # the old chat blocked the bot: that says nothing of Budi
        at = RecordingTime(clock.now(), RetryPolicy(), lambda: 1.0)
        [settled] = await record_attempts(
            uow, [(item, Attempt(Outcome.BLOCKED, 0, "blocked"))], "w1", "telegram", at
        )
    assert settled is not None and settled.unreachable_reason == "blocked"
    async with app.engine.connect() as connection:
        assert (await connection.execute(select(UnreachableRow))).all() == []


async def test_a_row_for_the_bound_account_still_goes_there(app: App, clock: FakeClock) -> None:
    budi, _ = await load_people(app, 2)
    await use_new_invite_elsewhere(app, budi.nip, "777")
    async with app.uow() as uow:
        assert await uow.outbox.address_of(budi.employee_id, "telegram") == "777"


async def test_invite_all_skips_bound_people_unless_reissued(
    app: App, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    people = await load_people(app, 5, unbound=2)
    invited = await admin.invite(app, everyone=True, unit=None, nip=None, ttl=TTL)
    assert sorted(line.nip for line in invited.lines) == sorted(p.nip for p in people[3:])
    assert invited.skipped == 3
    again = await admin.invite(app, everyone=True, unit=None, nip=None, ttl=TTL, reissue=True)
    assert (len(again.lines), again.skipped) == (5, 0)
    one = await admin.invite(app, everyone=False, unit=None, nip=people[0].nip, ttl=TTL)
    assert [line.nip for line in one.lines] == [people[0].nip], "one person by NIP: always"


async def test_the_invite_command_says_how_many_it_skipped(
    app: App, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    await load_people(app, 4, unbound=1)
    monkeypatch.setenv("IDP_DATABASE_URL", app.settings.database_url)
    monkeypatch.setenv("IDP_TELEGRAM_BOT_USERNAME", "idp_test_bot")
    monkeypatch.delenv("IDP_TELEGRAM_TOKEN", raising=False)
    output = tmp_path / "undangan.csv"
    assert await asyncio.to_thread(cli.main, ["invite", "--all", "-o", str(output)]) == 0
    said = capsys.readouterr().out
    assert "1 undangan ditulis" in said
    assert "3 orang dilewati karena akun chat-nya sudah terhubung" in said
    assert len(output.read_text(encoding="utf-8").splitlines()) == 2
