"""The Slack app manifest names every command the bot answers to in its menus: Slack sends a
message starting with "/" only as a slash command the app declares, so a command missing from
docs/slack-manifest.yml cannot be used in Slack at all."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from handlers import home
from handlers.features_list import REGISTRY
from handlers.model import Role
from tests.unit.fakes import employee

MANIFEST = Path(__file__).parents[2] / "docs" / "slack-manifest.yml"
TEMPLATES = Path(__file__).parents[2] / "messages"
DECLARED = set(re.findall(r"\{command: /(\w+),", MANIFEST.read_text(encoding="utf-8")))
FORM_CONTROLS = {"kembali", "lewati", "batal"}  # answered by the core for the open form


def test_every_declared_command_is_answered() -> None:
    assert set(REGISTRY.commands) >= DECLARED - FORM_CONTROLS
    assert FORM_CONTROLS <= DECLARED


@pytest.mark.parametrize("role", list(Role))
def test_every_menu_command_is_declared(role: Role) -> None:
    person = employee(1, "Sri", "198206202008012002", [role], kelompok_keahlian="Data")
    assert {entry.split()[0] for entry in home.menu(person)} <= DECLARED


TERMINAL_ONLY = {"keluar"}  # the terminal's own way out (bot/channels/console.py)


def test_every_command_a_text_names_is_declared() -> None:
    """The texts tell people to type commands, in both languages: each must exist in Slack."""
    named = {
        word
        for path in TEMPLATES.rglob("*.j2")
        for word in re.findall(r"(?<![\w/<.:])/([a-z]+)\b", path.read_text("utf-8"))
    }
    assert named - TERMINAL_ONLY <= DECLARED
