"""Formulir 1 as a new user found it (issue 8, point 7): each story failed before its fix."""

from __future__ import annotations

import messages
from bot.outgoing import render_reply
from handlers.effects import Button, Msg, Reply
from handlers.forms.labels import BUTTON_TEXT, shorten
from handlers.forms.present import REVIEW_PART
from handlers.forms.walk import REVIEW
from handlers.model import Account, JenisPegawai
from handlers.ports import JobRequirement
from handlers.reference.competencies import technical_key
from tests.unit.fakes import employee
from tests.unit.journey_steps import (
    BUDI,
    CHANNEL,
    CHAT,
    JOURNEY,
    SUBMIT_INDEX,
    TECHNICAL,
    Budi,
    budi_database,
)

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


async def test_the_self_assessment_is_offered_and_can_be_declined() -> None:
    """It was nine-plus required ratings, even where basis 4 was "Tidak Ada"."""
    budi = Budi()
    await budi.walk(0, at("S"))
    *_, offer = await budi.send(payload=budi.payload("c1"))  # "Tidak, lewati …"
    assert budi.cursor() == "B.4.2.manajerial"
    assert offer.text.context["options"] == 0  # no gaps offered: nothing was rated
    assert not any(key.startswith("S.") for key in await budi.laid_keys())


async def test_with_basis_4_not_available_the_self_assessment_is_not_forced() -> None:
    budi = Budi()
    await budi.walk(0, at("B.4.ada"))
    [offer] = await budi.send(payload=budi.payload("c1"))  # basis 4: Tidak Ada
    assert budi.cursor() == "S"
    assert [button.label.context["recommended"] for button in offer.buttons[0] + offer.buttons[1]] \
        == [False, False]  # fmt: skip
    await budi.send(payload=budi.payload("c1"))
    assert budi.cursor() == "B.5.ada"


async def test_each_rating_may_be_skipped() -> None:
    budi = Budi()
    await budi.walk(0, at("S") + 1)
    assert budi.cursor() == "S.integritas"
    await budi.send("/lewati")
    assert budi.cursor() == "S.kerja_sama" and budi.answers()["S.integritas"] is None


async def test_default_levels_are_labelled_defaults_and_imported_ones_the_standard() -> None:
    """Budi's admin imported only his technical competency: the nine national levels are
    the job level's built-in defaults and must not read as his position's standard."""
    budi = Budi()
    await budi.walk(0, at("S") + 1)
    [asked] = budi.last
    assert "Level bawaan untuk jenjang jabatan Anda" in plain(asked)
    assert "Level yang dibutuhkan jabatan Anda" not in plain(asked)
    await budi.walk(at("S") + 1, at("S") + 10)
    assert budi.cursor() == f"S.{technical_key(TECHNICAL)}"
    [asked] = budi.last
    assert "Level yang dibutuhkan jabatan Anda: 2" in plain(asked)


async def test_an_imported_national_level_is_the_standard() -> None:
    database = budi_database()
    database.state.forms.requirements.append(
        JobRequirement(BUDI.jabatan, "manajerial", "integritas", 3)
    )
    budi = Budi(database)
    await budi.walk(0, at("S") + 1)
    [asked] = budi.last
    assert "Level yang dibutuhkan jabatan Anda: 3" in plain(asked)


async def from_review_change(budi: Budi, key: str, token: str) -> list[Reply]:
    """At the review: "✏ Ubah jawaban" → the question ``key`` → press ``token``."""
    await budi.send(payload=budi.payload(f"go.{(await budi.laid_keys()).index(key)}"))
    assert budi.cursor() == key
    return await budi.send(payload=budi.payload(token))


async def test_a_new_method_class_asks_the_method_form_again() -> None:
    budi = Budi()
    await budi.walk(0, SUBMIT_INDEX)
    before = budi.answers()["C.1.metode_bentuk"]
    note, asked = await from_review_change(budi, "C.1.metode_klasifikasi", "c1")
    assert note.text.template == "form/asked_again"
    assert budi.cursor() == "C.1.metode_bentuk" and "C.1.metode_bentuk" not in budi.answers()
    assert asked.text.template == "form/question"
    *_, back = await budi.send(payload=budi.payload("c0"))
    assert back.text.template == "form/review" and budi.answers()["C.1.metode_bentuk"] != before


async def test_a_new_competency_classification_asks_the_description_again() -> None:
    """Item 2's description was typed ("Analisis beban kerja"), so no list of choices could
    tell it no longer fits: the step declares what it follows from."""
    budi = Budi()
    await budi.walk(0, SUBMIT_INDEX)
    note, _ = await from_review_change(budi, "C.2.kompetensi_klasifikasi", "c0")
    assert note.text.template == "form/asked_again"
    assert budi.cursor() == "C.2.kompetensi_deskripsi"
    await budi.send("Kepemimpinan rapat")
    assert budi.cursor() == REVIEW
    assert budi.answers()["C.2.kompetensi_deskripsi"] == {"text": "Kepemimpinan rapat"}


async def test_the_same_answer_again_asks_nothing_again() -> None:
    budi = Budi()
    await budi.walk(0, SUBMIT_INDEX)
    kept = budi.answers()["C.1.metode_bentuk"]
    review, *_ = await from_review_change(budi, "C.1.metode_klasifikasi", "c0")
    assert review.text.template == "form/review" and budi.answers()["C.1.metode_bentuk"] == kept


async def at_relevance(budi: Budi) -> None:
    await budi.walk(0, at("C.1.relevansi"))


async def test_several_choices_are_typed_with_spaces_commas_or_their_codes() -> None:
    """Only "1,3" was taken: "1 3", "1, 3" and the codes on screen ("3.1, 3.2") were not."""
    for typed, picks in [("1 3", ["1.1", "3.2"]), ("1, 3", ["1.1", "3.2"]),
                         ("3.1, 3.2", ["3.1", "3.2"]), ("1.1 3", ["1.1", "3.2"])]:  # fmt: skip
        budi = Budi()
        await at_relevance(budi)
        [redrawn] = await budi.send(typed)
        assert redrawn.text.template == "form/question"
        await budi.send("selesai")
        assert budi.answers()["C.1.relevansi"] == picks, typed


async def test_a_code_that_is_not_offered_is_refused_not_taken_as_words() -> None:
    budi = Budi()
    await at_relevance(budi)
    refused, _ = await budi.send("3.2, 5.1")
    assert refused.text.template == "form/error_choice"


async def test_a_typed_entry_is_removed_by_its_button_not_by_typing_it_again() -> None:
    budi = Budi()
    await budi.walk(0, at("B.1.1"))
    await budi.send("Digitalisasi layanan kepegawaian")
    [shown] = await budi.send("Digitalisasi layanan kepegawaian")  # again: kept, once
    assert budi.session().state["typed"] == ["Digitalisasi layanan kepegawaian"]
    remove = [b for row in shown.buttons for b in row if b.label.template == "label/remove_typed"]
    assert [b.payload for b in remove] == [budi.payload("x0")]
    assert plain_label(remove[0]) == "✖ Digitalisasi layanan…"
    await budi.send(payload=remove[0].payload)
    assert budi.session().state["typed"] == []


def plain_label(button: Button) -> str:
    return messages.to_plain_text(
        messages.render(button.label.template, "id", button.label.context)
    )


async def test_long_choices_are_listed_in_full_and_their_buttons_are_short() -> None:
    """The buttons cut "…kesenjangan kompetens…" mid-word at 64 characters."""
    budi = Budi()
    await at_relevance(budi)
    [asked] = budi.last
    labels = [label for row in render_reply(asked).buttons for label, _ in row]
    assert labels[:3] == ["1.1", "3.1", "3.2"]
    assert "1. 1.1 Arah pembelajaran instansi yang terkait dengan pegawai" in plain(asked)
    await budi.walk(at("C.1.relevansi"), at("C.1.kompetensi_deskripsi"))
    [asked] = budi.last
    labels = [label for row in render_reply(asked).buttons for label, _ in row]
    assert labels[0] == "⭐ Komunikasi (0→2)"
    assert "1. ⭐ Komunikasi (kesenjangan 2: 0→2)" in plain(asked)
    assert all(len(label) <= BUTTON_TEXT + 2 for label in labels)


def test_a_label_is_cut_between_words() -> None:
    assert shorten("Hasil self-assessment/penilaian kesenjangan kompetensi", 40) == (
        "Hasil self-assessment/penilaian…"
    )
    assert shorten("Pendek", 40) == "Pendek"


async def test_an_old_form_button_after_sending_says_the_plan_was_sent() -> None:
    """A button of a form that is not open said "here is your current question", showed
    none, then invited /isi on a plan that was sent."""
    budi = Budi()
    await budi.walk(0, SUBMIT_INDEX + 1)
    [reply] = await budi.send(payload="f:999:3:c0")  # a button of a form no longer open
    assert reply.text.template == "form/ended_button"
    assert "sudah terkirim" in plain(reply) and "/isi" not in plain(reply)
    assert "pertanyaan Anda sekarang" not in plain(reply)


async def test_an_old_form_button_with_no_plan_sent_points_to_isi() -> None:
    budi = Budi()
    [reply] = await budi.send(payload="f:999:3:c0")
    assert reply.text == Msg("form/ended_button", {"sent": False, "year": 2026})
    assert "/isi" in plain(reply)


async def test_the_review_is_split_at_section_boundaries_and_reads_as_a_document() -> None:
    """Telegram cut the review at 4,096 characters wherever it fell; section A was one
    long line of "Nama: …; NIP: …; …"."""
    budi = Budi()
    await budi.walk(0, SUBMIT_INDEX)
    parts = budi.last
    assert len(parts) >= 2 and all(p.text.template == "form/review" for p in parts)
    keys = [s["key"] for p in parts for s in p.text.context["sections"]]
    assert len(keys) == len(set(keys))  # every section whole, in one part
    assert all(len(render_reply(p).text) <= REVIEW_PART for p in parts)
    assert parts[0].text.context["title"] is not None and parts[-1].text.context["summary"]
    assert all(not p.buttons for p in parts[:-1]) and parts[-1].buttons
    assert "• Data yang dikonfirmasi:\n   – Nama: Budi Santoso\n   – NIP: " in plain(parts[0])


async def test_changing_from_a_long_review_leaves_it_whole() -> None:
    """ "✏ Ubah jawaban" replaced the review's last part only, leaving a torn review above."""
    budi = Budi()
    await budi.walk(0, SUBMIT_INDEX)
    assert len(budi.last) > 1
    [choose] = await budi.send(payload=budi.payload("edit"))
    assert choose.text.template == "form/choose_section" and not choose.replace
    parts = await budi.send(payload=budi.payload("review."))
    assert [p.replace for p in parts] == [True] + [False] * (len(parts) - 1)


async def test_changing_from_a_short_review_replaces_it() -> None:
    budi = Budi()
    await budi.walk(0, at("C.1._more"))
    await budi.send(payload=budi.payload("c1"))  # no further item: the review, one message
    assert len(budi.last) == 1
    [choose] = await budi.send(payload=budi.payload("edit"))
    assert choose.replace


async def test_a_draft_read_with_rencana_shows_what_is_answered_and_how_far() -> None:
    """/rencana listed every question not reached as "[belum diisi]", over two messages."""
    budi = Budi()
    await budi.walk(0, at("B.3.1"))
    await budi.send("/batal")
    [shown] = await budi.send("/rencana")
    text = plain(shown)
    assert "[belum diisi]" not in text and "draf" in text
    assert "bagian 2/3" in text and "pertanyaan terjawab" in text
    progress = shown.text.context
    assert 0 < progress["answered"] < progress["total"]
    assert "Dasar 2 · Indikator kinerja utama unit kerja: Tidak Ada" in text
    assert "Dasar 5" not in text  # not reached yet
    assert shown.buttons  # continue filling it
