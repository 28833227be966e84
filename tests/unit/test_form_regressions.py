"""Bugs a newcomer found by using the bot, kept as regressions (on the in-memory fakes)."""

from __future__ import annotations

import pytest

import messages
from bot.outgoing import render_reply
from handlers.formulir1.sections_ab import RECORD_FIELDS
from tests.unit.journey_steps import JOURNEY, SUBMIT_INDEX, Budi

EDUCATION = RECORD_FIELDS.index("pendidikan")


def step_of(at: str) -> int:
    return next(i for i, action in enumerate(JOURNEY) if action.at == at)


async def correcting_education() -> Budi:
    budi = Budi()
    await budi.walk(0, step_of("A"))
    await budi.send(payload=budi.payload(f"e{EDUCATION}"))
    return budi


async def test_a_paused_correction_resumes_at_the_field_it_was_waiting_for() -> None:
    """/isi → ✏ Pendidikan → /batal → /isi once showed the whole record ("type 'benar' if
    right") while the bot still waited for the education: "benar" became the education."""
    budi = await correcting_education()
    await budi.send("/batal")
    *_, asked = await budi.send("/isi")
    assert asked.text.template == "form/record_edit" and not asked.buttons
    await budi.send("S2 Psikologi")
    *_, record = await budi.send("benar")
    assert budi.answers()["A"]["pendidikan"] == "S2 Psikologi"
    assert record.text.template == "form/question"


async def test_help_or_a_stale_button_while_correcting_asks_for_the_field_again() -> None:
    budi = await correcting_education()
    for thrown in ({"text": "/bantuan"}, {"payload": budi.payload("c999")}):
        *_, asked = await budi.send(**thrown)
        assert asked.text.template == "form/record_edit"


async def test_back_while_correcting_returns_to_the_record_unchanged() -> None:
    budi = await correcting_education()
    [record] = await budi.send("/kembali")
    assert record.text.template == "form/question" and record.buttons
    await budi.send("benar")
    assert budi.answers()["A"]["pendidikan"] == "S1 Psikologi"


async def test_a_gap_chosen_then_closed_by_new_ratings_is_named_not_shown_as_its_key() -> None:
    """4.2 and item 1 chose the gap "k:komunikasi"; raising the rating to the required level
    made it no gap, and the review, /rencana and the submitted plan showed "k:komunikasi"."""
    budi = Budi()
    await budi.walk(0, SUBMIT_INDEX)
    session = budi.session()
    assert session is not None
    budi.state.forms.answers[session.id]["S.komunikasi"] = 2  # rated at the required level
    *_, review = await budi.send("/isi")
    shown = messages.to_plain_text(render_reply(review).text)
    assert "k:komunikasi" not in shown
    assert "Komunikasi (kini bukan kesenjangan menurut penilaian mandiri Anda)" in shown
    await budi.send(payload=budi.payload("submit"))
    [items] = budi.state.forms.items.values()
    assert items[0]["kompetensi_deskripsi"] == "Komunikasi"


async def test_a_unit_of_only_an_emoji_is_refused_not_sent_to_the_admin() -> None:
    budi = Budi()
    await budi.walk(0, step_of("A"))
    await budi.send(payload=budi.payload(f"e{RECORD_FIELDS.index('unit_kerja')}"))
    problem, again = await budi.send("😀")
    assert problem.text.template == "form/error_no_content"
    assert again.text.template == "form/record_edit"
    await budi.send("/kembali")
    await budi.send("benar")
    assert budi.state.forms.change_requests == []


@pytest.mark.parametrize("junk", ["c", "-", "🙂🙂", "?!", "a."])
async def test_a_required_analysis_needs_words(junk: str) -> None:
    budi = Budi()
    await budi.walk(0, step_of("B.3.1"))
    problem, _ = await budi.send(junk)
    assert problem.text.template == "form/error_no_content"
    assert budi.cursor() == "B.3.1" and "B.3.1" not in budi.answers()
