"""A refusal says what the person asked for: /rekap level is the learning coordinator's
and the admin's (not "your own group's"); /verifikasi from someone in no expertise group
says verification is the groups' work, not "this item" when there is none."""

from __future__ import annotations

import pytest

import messages
from bot.documents_cli import refusal_template
from handlers.documents.download import DocumentRefused
from handlers.model import Role
from handlers.recap.chat import levels
from handlers.verify.chat import items_for
from handlers.verify.verification import VerifyRefused
from tests.unit.fakes import FakeDatabase, FakeUnitOfWork, employee

YEAR = 2027


async def test_a_group_member_asking_the_recap_per_level_hears_whose_it_is() -> None:
    member = employee(1, "Rina", "199001012015031001", [Role.KELOMPOK_KEAHLIAN],
                      kelompok_keahlian="Pengembangan SDM")  # fmt: skip
    async with FakeUnitOfWork(FakeDatabase()) as uow:
        [reply] = await levels(uow, member, YEAR)
    for locale, words in (("id", "Koordinator Pembelajaran dan admin"),
                          ("en", "learning coordinators and admins")):  # fmt: skip
        text = messages.render(reply.text.template, locale, reply.text.context)
        assert words in text and "per level" in text
        assert "kelompoknya sendiri" not in text and "their own group" not in text


async def test_an_employee_outside_any_group_is_told_verification_is_the_groups_work() -> None:
    plain = employee(2, "Budi", "199001012015031002")
    async with FakeUnitOfWork(FakeDatabase()) as uow:
        with pytest.raises(VerifyRefused) as refused:
            await items_for(uow, plain, YEAR)
    message = refused.value.msg()
    said = {locale: messages.render(message.template, locale, message.context)
            for locale in ("id", "en")}  # fmt: skip
    assert "anggota Kelompok Keahlian" in said["id"] and "item ini" not in said["id"]
    assert "expertise group members" in said["en"] and "this item" not in said["en"]


def test_an_unknown_nip_at_the_command_line_is_not_told_to_type_a_chat_command() -> None:
    for locale in ("id", "en"):
        template = refusal_template(DocumentRefused("unknown"))
        said = messages.render(template, locale, {"nip": "123", "year": YEAR})
        assert "123" in said and "/unduh" not in said and "/download" not in said
    assert refusal_template(DocumentRefused("no_plan")) == "documents/refused_no_plan"
