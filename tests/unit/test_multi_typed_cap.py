"""A multiple choice takes answers typed in one's own words, but not without end: probing
found 60 typed entries (164 messages, an 11.8 KB session). Ten at most, 1,000 characters
together; the question says so, and going over is refused in the person's language."""

from __future__ import annotations

import messages
from bot.outgoing import render_reply
from handlers.effects import Reply
from handlers.forms.kinds import SHORT_LIMIT, TYPED_MAX, TYPED_TOTAL
from tests.unit.journey_steps import JOURNEY, Budi

AT = next(i for i, action in enumerate(JOURNEY) if action.at == "B.1.1")


async def at_the_multiple_choice() -> Budi:
    budi = Budi()
    await budi.walk(0, AT)
    return budi


def typed_now(budi: Budi) -> list[str]:
    session = budi.session()
    assert session is not None
    return list(session.state.get("typed", []))


def shown(reply: Reply) -> str:
    return messages.to_plain_text(render_reply(reply).text)


async def test_the_question_says_how_many_own_answers_it_takes() -> None:
    budi = await at_the_multiple_choice()
    *_, question = await budi.send("/isi")
    assert question.text.template == "form/question"
    assert f"ketik jawaban Anda sendiri (paling banyak {TYPED_MAX})" in shown(question)


async def test_the_eleventh_own_answer_is_refused_and_the_ten_stay() -> None:
    budi = await at_the_multiple_choice()
    for number in range(TYPED_MAX):
        await budi.send(f"Kebutuhan nomor {number}")
    [refused, *_] = await budi.send("Satu lagi")
    assert refused.text.template == "form/error_typed_count"
    assert f"sudah {TYPED_MAX}, batas" in shown(refused)
    assert typed_now(budi) == [f"Kebutuhan nomor {n}" for n in range(TYPED_MAX)]
    await budi.send(payload=budi.payload("x3"))  # ✖ on "Kebutuhan nomor 3": room again
    await budi.send("Satu lagi")
    assert typed_now(budi)[-1] == "Satu lagi" and len(typed_now(budi)) == TYPED_MAX


async def test_own_answers_are_capped_in_total_size_too() -> None:
    budi = await at_the_multiple_choice()
    entry = "x" * (SHORT_LIMIT - 4)
    fits = TYPED_TOTAL // SHORT_LIMIT
    for number in range(fits):
        await budi.send(f"{number:03d} {entry}")
    [refused, *_] = await budi.send(f"999 {entry}")
    assert refused.text.template == "form/error_typed_total"
    assert refused.text.context == {"limit": TYPED_TOTAL, "left": 0}
    assert len(typed_now(budi)) == fits


async def test_the_refusal_is_in_the_persons_language() -> None:
    budi = await at_the_multiple_choice()
    await budi.send("/bahasa")
    await budi.send(payload="lang:en")
    for number in range(TYPED_MAX):
        await budi.send(f"Need {number}")
    [refused, *_] = await budi.send("One more")
    assert refused.locale == "en"
    assert shown(refused).startswith(f"You have typed {TYPED_MAX} answers of your own")
