"""The terminal's own lines (a file saved, an internal error) are in the language of the
person at the terminal, not the default one."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any, cast

import pytest

from bot.channels import console
from bot.channels.console import ConsoleChannel
from handlers.effects import Attachment, Incoming, Msg, Reply


class Failing:
    async def handle(self, incoming: Incoming) -> list[Reply]:
        raise RuntimeError("the database went away")


async def no_input() -> str | None:
    return None


def terminal(locale: str) -> tuple[ConsoleChannel, io.StringIO]:
    out = io.StringIO()
    conversation = cast(Any, Failing())
    return ConsoleChannel(conversation, "1", no_input, out, locale=locale), out


def test_a_file_is_announced_in_the_language_of_its_reply(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(console, "keep", lambda attachment: tmp_path / attachment.name)
    channel, out = terminal("id")
    file = Attachment("rencana.ics", "text/calendar", b"x")
    channel.show(Reply(Msg("menu/internal_error", {}), "en", attachment=file))
    assert f"📎 File saved: {tmp_path / 'rencana.ics'}" in out.getvalue()
    channel.show(Reply(Msg("menu/internal_error", {}), "id", attachment=file))
    assert "📎 Berkas tersimpan:" in out.getvalue()


async def test_an_internal_error_is_told_in_the_persons_language() -> None:
    channel, out = terminal("en")
    await channel.send("/progres")
    assert "Sorry, something went wrong" in out.getvalue()
    channel.show(Reply(Msg("menu/internal_error", {}), "id"))  # /bahasa id was answered
    out.seek(0)
    out.truncate(0)
    await channel.send("/progres")
    assert "Maaf" in out.getvalue() and "Sorry" not in out.getvalue()
