"""Features register themselves: no two claim one command, button or form; every command
answers in both languages as it did when the conversation listed them; the conversation
names no feature."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from handlers.conversation import FORM_CONTROLS, split_command
from handlers.effects import Reply
from handlers.features import Button, Command, Feature, Registry, Turn
from handlers.features_list import FEATURES, REGISTRY
from handlers.model import Role
from tests.unit.chat_bot import Bot
from tests.unit.fakes import employee, opened_cycle

# The commands as conversation.py listed them before the registry: (Indonesian, English).
PAIRS = [
    ("bantuan", "help"), ("profil", "profile"), ("bahasa", "language"), ("isi", "fill"),
    ("rencana", "plan"), ("siaran", "broadcast"), ("pengingat", "reminder"),
    ("progres", "progress"), ("perubahan", "changes"), ("siklus", "cycle"),
]  # fmt: skip
CONTROL_PAIRS = [("batal", "cancel"), ("kembali", "back"), ("lewati", "skip")]
# Every payload a message of the bot carries today, and the feature that takes it.
PAYLOADS = [
    ("lang:en", "menu", "en"), ("rm:remove:3", "reminders", "remove:3"),
    ("cr:approve:4", "change_requests", "approve:4"), ("cy:open:2027", "cycle", "open:2027"),
    ("plan:fill", "formulir1", ""), ("plan:view:5", "formulir1", "5"),
    ("plan:return:5", "plan", "5"), ("bc:cancel:7", "broadcast", "7"),
    ("agr:agree:5", "dialog_agreement", "agree:5"),
    ("agr:lvl:5:9:teknis", "dialog_agreement", "lvl:5:9:teknis"),
    ("agr:confirm:5", "dialog_agreement", "confirm:5"),
]  # fmt: skip
ADMIN = employee(1, "Hendra", "197002151995031001", [Role.KOORDINATOR_PEMBELAJARAN, Role.ADMIN])


def owner_of(thing: Command | Button) -> str:
    [feature] = [f.name for f in FEATURES if thing in (*f.commands, *f.buttons)]
    return feature


def test_no_two_features_claim_a_name() -> None:
    commands = [name for f in FEATURES for c in f.commands for name in c.names]
    prefixes = [b.prefix for f in FEATURES for b in f.buttons]
    forms = [form.name for f in FEATURES for form in f.forms]
    for claimed in (commands, prefixes, forms):
        assert len(claimed) == len(set(claimed))
    assert len({f.name for f in FEATURES}) == len(FEATURES)
    # the form controls are the core's, except help, which the menu answers outside a form
    assert set(commands) & set(FORM_CONTROLS) == {"bantuan", "help", "menu"}


async def nothing(turn: Turn, argument: str) -> list[Reply]:
    return []


def test_a_second_claim_is_refused() -> None:
    first = Feature("a", commands=(Command(("isi",), nothing),))
    second = Feature("b", commands=(Command(("fill", "isi"), nothing),))
    with pytest.raises(ValueError, match="'isi'"):
        Registry((first, second), text=nothing, unknown=nothing, no_cycle=nothing)
    pressed = Feature("c", buttons=(Button("plan", nothing), Button("plan", nothing)))
    with pytest.raises(ValueError, match="'plan'"):
        Registry((pressed,), text=nothing, unknown=nothing, no_cycle=nothing)


@pytest.mark.parametrize(("indonesian", "english"), [*PAIRS, ("start", "start")])
def test_both_names_reach_one_command(indonesian: str, english: str) -> None:
    found = [REGISTRY.command(split_command(f"/{name}@idp_bot x")[0] or "") for name in
             (indonesian, english)]  # fmt: skip
    assert found[0] is not None and found[0] is found[1]


@pytest.mark.parametrize(("payload", "feature", "value"), PAYLOADS)
def test_each_payload_reaches_its_feature(payload: str, feature: str, value: str) -> None:
    found = REGISTRY.button(payload)
    assert found is not None
    button, rest = found
    assert (owner_of(button), rest) == (feature, value)


@pytest.mark.parametrize("payload", ["plan:nothing:1", "zz:1", "plan", ""])
def test_unclaimed_payloads_find_nothing(payload: str) -> None:
    assert REGISTRY.button(payload) is None


async def answer(command: str) -> list[str]:
    """What a coordinator-admin is answered, on a fresh database with 2026 open."""
    bot = Bot(ADMIN)
    bot.database.state.cycles[2026] = opened_cycle(2026)
    await bot.linked("11", ADMIN)
    return [reply.text.template for reply in await bot.say("11", f"/{command}")]


@pytest.mark.parametrize(("indonesian", "english"), [*PAIRS, *CONTROL_PAIRS])
async def test_both_languages_answer_alike(indonesian: str, english: str) -> None:
    said = await answer(indonesian)
    assert said == await answer(english)
    assert "menu/unknown_command" not in said


async def test_an_unknown_command_is_said_to_be_unknown() -> None:
    assert await answer("terbang") == ["menu/unknown_command", "menu/help"]


def test_the_conversation_names_no_feature() -> None:
    source = Path("handlers/conversation.py").read_text(encoding="utf-8")
    imported = {
        node.module for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.ImportFrom) and node.module
    }  # fmt: skip
    packages = {module.split(".")[1] for module in imported if module.startswith("handlers.")}
    features = {f.name for f in FEATURES}
    assert not packages & features
