"""Formulir 1 as a new user found it (issue 8, point 7): each story failed before its fix."""

from __future__ import annotations

import messages
from bot.outgoing import render_reply
from handlers.effects import Reply
from handlers.model import Account, JenisPegawai
from tests.unit.fakes import employee
from tests.unit.journey_steps import CHANNEL, CHAT, JOURNEY, Budi, budi_database

ANDI = employee(2, "Andi Pratama", "199207142023211005", jenis_pegawai=JenisPegawai.PPPK,
                pangkat_golongan="IX")  # fmt: skip


def plain(reply: Reply) -> str:
    return messages.to_plain_text(render_reply(reply).text)


def andi() -> Budi:
    """Budi's setting with Andi, a PPPK employee, in his place."""
    database = budi_database()
    database.state.employees[ANDI.id] = ANDI
    database.state.accounts[(CHANNEL, CHAT)] = Account(CHANNEL, CHAT, ANDI.id)
    return Budi(database)


async def test_a_pppk_employee_reads_ni_pppk_not_nip() -> None:
    chat = andi()
    [profile] = await chat.send("/profil")
    assert "NI PPPK: 199207142023211005" in plain(profile)
    *_, record = await chat.send("/isi")
    assert "NI PPPK: 199207142023211005" in plain(record)
    assert "NIP" not in plain(record).replace("NI PPPK", "")
    assert any("NI PPPK" in label for row in render_reply(record).buttons for label, _ in row)


async def test_a_pns_employee_still_reads_nip() -> None:
    budi = Budi()
    [profile] = await budi.send("/profil")
    assert "NIP: 199004172015031003" in plain(profile)


def at(key: str) -> int:
    return next(i for i, action in enumerate(JOURNEY) if action.at == key)


async def test_jp_per_item_may_be_skipped_and_the_review_totals_what_was_given() -> None:
    budi = Budi()
    await budi.walk(0, at("C.1.jp"))
    await budi.send("/lewati")
    assert budi.cursor() == "C.1._more" and budi.answers()["C.1.jp"] is None
    await budi.walk(at("C.1._more"), at("C.2._more") + 1)  # item 2 gives 8 JP
    *_, review = await budi.send("/isi")
    summary = review.text.context["summary"].context
    assert (summary["total"], summary["without"], summary["within"]) == (8, 1, False)
    assert "8</b> (1 item tanpa JP)" in render_reply(review).text
