"""/skp in English: the text to paste into e-Kinerja keeps the regulation's Indonesian
wording, the programmes' names and their period included."""

from __future__ import annotations

from dataclasses import replace

import messages
from handlers.plan.model import Item, Stage
from handlers.verify.skp import skp_text
from tests.integration.test_plan_records import CONTENT, VERSION

DEGREE = replace(VERSION, method_form="pendidikan", start_month=2, end_month=7)
VERIFIED = replace(CONTENT, items=(Item(1, {Stage.AGREED: DEGREE, Stage.VERIFIED: DEGREE}, 11),))


def test_english_skp_names_the_programmes_as_the_regulation_does() -> None:
    text = skp_text(VERIFIED, 2027)
    english = messages.render(text.template, "en", text.context)
    indonesian = messages.render(text.template, "id", text.context)
    assert "Your 2027 IDP for the SKP" in english  # the explanation is the reader's language
    assert "Pendidikan berjenjang (diploma/S1/S2/S3)" in english
    assert "Degree education" not in english
    assert "Waktu: Februari–Juli 2027" in english
    tail = "Ekspektasi khusus pimpinan:"
    assert english.split(tail)[1] == indonesian.split(tail)[1]
