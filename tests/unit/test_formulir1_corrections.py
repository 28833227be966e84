"""Formulir 1 as a new user found it (issue 8, point 7): each story failed before its fix."""

from __future__ import annotations

import messages
from bot.outgoing import render_reply
from handlers.effects import Reply
from handlers.model import Account, JenisPegawai
from tests.unit.fakes import employee
from tests.unit.journey_steps import CHANNEL, CHAT, Budi, budi_database

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
