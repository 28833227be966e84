"""Bugs a newcomer found by using the bot, kept as regressions (on the in-memory fakes)."""

from __future__ import annotations

import itertools

import pytest

import messages
from bot.outgoing import render_reply
from handlers import change_requests
from handlers.effects import Incoming, Msg, Reply
from handlers.forms.kinds import match_choice
from handlers.forms.model import Choice, FormContext, Scope
from handlers.formulir1.assessment import gap_choices
from handlers.formulir1.form import jp_summary
from handlers.formulir1.sections_ab import BASES, RECORD_FIELDS
from handlers.model import Account
from tests.unit.fakes import employee
from tests.unit.fakes_forms import FakeChangeRequests
from tests.unit.journey_steps import BUDI, JOURNEY, SRI, SUBMIT_INDEX, Budi
from tests.unit.sample_forms import QUESTION

EDUCATION = RECORD_FIELDS.index("pendidikan")


def review_text(replies: list[Reply]) -> str:
    """The review, all its parts, as plain text."""
    parts = [r for r in replies if r.text.template == "form/review"]
    assert parts, [r.text.template for r in replies]
    return "\n\n".join(messages.to_plain_text(render_reply(r).text) for r in parts)


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
    shown = review_text(await budi.send("/isi"))
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


def test_every_gap_as_large_as_the_largest_is_recommended() -> None:
    """Two gaps of 1→2: only the first had the ⭐."""
    needed = [{"key": key, "classification": "manajerial", "level": 2}
              for key in ("integritas", "kerja_sama", "komunikasi")]  # fmt: skip
    context = FormContext(person=BUDI, year=2026, data={"competencies": needed})
    ratings = Scope({"S": "ya", "S.integritas": 1, "S.kerja_sama": 1, "S.komunikasi": 2})
    offered = gap_choices(ratings, context, "manajerial")
    assert [(c.value, c.recommended) for c in offered] == [
        ("k:integritas", True), ("k:kerja_sama", True),
    ]  # fmt: skip


async def test_the_review_shows_each_section_once_in_the_order_first_reached() -> None:
    """The self-assessment sits between B.4.1 and B.4.2: B was listed twice around it."""
    budi = Budi()
    await budi.walk(0, SUBMIT_INDEX)
    sections = [s for reply in budi.last for s in reply.text.context["sections"]]
    assert [s["key"] for s in sections] == ["A", "B", "S", "C1", "C2", "C3"]
    titles = [row["title"].context["key"] for row in sections[1]["rows"]]
    assert titles[-1].startswith("B.5") and "B.4.2.manajerial" in titles


async def test_progress_numbers_only_grow_within_a_part() -> None:
    budi = Budi()
    seen: list[tuple[int, int, int | None, int]] = []
    for action in JOURNEY[:SUBMIT_INDEX]:
        *_, shown = await budi.act(action)
        context = shown.text.context
        if shown.text.template == "form/question":
            seen.append((context["part"], context["parts"], context["item"], context["number"]))
    assert {parts for _, parts, _, _ in seen} == {3}
    assert [part for part, *_ in seen] == sorted(part for part, *_ in seen)
    for earlier, later in itertools.pairwise(seen):
        if earlier[0] == later[0] and earlier[2] == later[2]:
            assert later[3] >= earlier[3], (earlier, later)


@pytest.mark.parametrize(
    ("kind", "options", "own_words", "hint"),
    [("choice", 0, True, "Ketik jawaban Anda ·"),
     ("choice", 3, True, "atau ketik jawaban Anda sendiri"),
     ("multi", 0, True, "Ketik jawaban Anda (satu per pesan"),
     ("multi", 2, False, "Centang satu atau lebih (atau ketik nomor atau kodenya, mis. 1 3")],
)  # fmt: skip
def test_the_hint_never_points_at_buttons_that_are_not_there(
    kind: str, options: int, own_words: bool, hint: str
) -> None:
    """1.1 with no published priorities said "Centang satu atau lebih" over a lone Selesai."""
    context = {**QUESTION, "kind": kind, "options": options, "own_words": own_words,
               "required": True, "record": None, "current": None, "typed": []}  # fmt: skip
    shown = messages.to_plain_text(messages.render("form/question", "id", context))
    assert hint in shown


async def test_a_rating_typed_in_words_is_answered_with_the_scale_not_button_numbers() -> None:
    budi = Budi()
    await budi.walk(0, step_of("S.integritas"))
    problem, _ = await budi.send("tiga")
    assert problem.text.template == "form/error_number"
    assert (problem.text.context["low"], problem.text.context["high"]) == (0, 5)


@pytest.mark.parametrize(
    ("typed", "noted"),
    [("Maret-Mei", True), ("Desember", False), ("TW IV", False), ("sepanjang tahun", False)],
)
async def test_a_time_frame_already_over_is_kept_with_a_note(typed: str, noted: bool) -> None:
    """On 29 November 2026, "Maret-Mei" 2026 is over: said, not refused."""
    budi = Budi()
    await budi.walk(0, step_of("C.1.waktu"))
    replies = await budi.send(typed)
    assert ("form1/period_past" in [r.text.template for r in replies]) is noted
    assert budi.cursor() != "C.1.waktu" and "C.1.waktu" in budi.answers()


async def test_a_correction_waiting_for_the_admin_shows_beside_the_recorded_value() -> None:
    """The review listed "Unit kerja: Pusat Pengembangan Kompetensi" with no word of the
    change Budi had asked for."""
    budi = Budi()
    await budi.walk(0, SUBMIT_INDEX)
    async with budi.database.uow() as uow:
        await change_requests.file(uow, BUDI, "unit_kerja", BUDI.unit_kerja,
                                   "Balai Diklat Makassar", budi.clock.now())  # fmt: skip
        await uow.commit()
    shown = review_text(await budi.send("/isi"))
    assert (
        "Unit kerja: Pusat Pengembangan Kompetensi (perubahan menjadi Balai Diklat Makassar "
        "menunggu persetujuan admin)"
    ) in shown
    assert "– Pendidikan: S2 Psikologi\n" in shown  # corrected in the form: nothing waits


@pytest.mark.parametrize(
    ("stored", "english"),
    [("3 tahun 0 bulan", "3 years 0 months"), ("1 tahun 1 bulan", "1 year 1 month"),
     ("S1 Psikologi", "S1 Psikologi")],
)  # fmt: skip
def test_years_of_service_read_in_english_in_the_english_profile(stored: str, english: str) -> None:
    """The English screen said "Years of service: 3 tahun 0 bulan"."""
    assert messages.format_service(stored, "en") == english
    assert messages.format_service(stored, "id") == stored
    profile = messages.render("menu/profile", "en", {
        "nama": "Dewi", "nip": "199511302020122004", "jenis_pegawai": "PNS",
        "pangkat_golongan": "III/a", "pendidikan": "S1", "masa_kerja": stored, "jabatan": "Analis",
        "unit_kerja": "Pusat", "zona_waktu": "WIB"})  # fmt: skip
    assert f"Years of service: {english}" in messages.to_plain_text(profile)


@pytest.mark.parametrize(("available", "noted"), [((), True), ((3,), False)])
def test_a_plan_on_no_basis_at_all_says_so_in_the_review(
    available: tuple[int, ...], noted: bool
) -> None:
    """Andi answered "Tidak Ada" to all five bases and reached the review without a word."""
    answers = {f"B.{basis}.ada": "ada" if basis in available else "tidak_ada" for basis in BASES}
    summary = jp_summary(answers, FormContext(person=BUDI, year=2026, data={}))
    assert summary.context["no_basis"] is noted
    shown = messages.to_plain_text(messages.render(summary.template, "id", summary.context))
    assert ("belum berpijak pada dasar apa pun" in shown) is noted


async def test_reopening_a_multiple_choice_keeps_what_was_typed_there() -> None:
    """From the review back to 1.1, Selesai without a change said "pick at least one" over
    boxes shown ticked (the ticks were never saved), and dropped the typed entries."""
    budi = Budi()
    await budi.walk(0, SUBMIT_INDEX)
    before = budi.answers()["B.1.1"]
    typed = [v for v in before if isinstance(v, dict)]
    assert typed, "the journey types an entry at 1.1"
    await budi.send(payload=budi.payload(f"go.{(await budi.laid_keys()).index('B.1.1')}"))
    review, *_ = await budi.send(payload=budi.payload("done"))
    assert review.text.template == "form/review"
    assert budi.answers()["B.1.1"] == before
    await budi.send(payload=budi.payload(f"go.{(await budi.laid_keys()).index('B.1.1')}"))
    await budi.send(payload=budi.payload("x0"))  # its ✖ button: taken out
    await budi.send(payload=budi.payload("done"))
    assert typed[0] not in budi.answers()["B.1.1"]


async def test_a_plan_cannot_be_sent_citing_a_basis_that_became_unavailable() -> None:
    """Items cited 5.1 and 5.3; basis 5 then became "Tidak Ada" from the review, and the plan
    went out still citing them, as bare codes."""
    budi = Budi()
    await budi.walk(0, SUBMIT_INDEX)
    session = budi.session()
    assert session is not None
    budi.state.forms.answers[session.id]["B.3.ada"] = "tidak_ada"  # 3.2 is cited by every item
    shown = review_text(await budi.send("/isi"))
    assert "– 3.2 (analisisnya tidak ada lagi: dasar 3 kini Tidak Ada" in shown
    note, _ = await budi.send(payload=budi.payload("submit"))
    assert note.text.template == "form/choices_gone"
    assert budi.cursor() == "C.1.relevansi" and not budi.state.forms.items
    note, _ = await budi.send(payload=budi.payload("done"))  # 1.1 stays ticked; 3.2 is gone
    assert budi.answers()["C.1.relevansi"] == ["1.1"]
    assert note.text.template == "form/choices_gone"
    assert budi.cursor() == "C.2.relevansi"  # the next item is asked in turn, at once


async def test_a_method_form_of_a_class_changed_since_is_asked_again_before_sending() -> None:
    budi = Budi()
    await budi.walk(0, SUBMIT_INDEX)
    session = budi.session()
    assert session is not None
    answers = budi.state.forms.answers[session.id]
    other = next(c for c in ("formal", "sosial", "eksperiensial")
                 if c != answers["C.1.metode_klasifikasi"])  # fmt: skip
    answers["C.1.metode_klasifikasi"] = other  # as if changed from the review
    await budi.send("/isi")
    note, _ = await budi.send(payload=budi.payload("submit"))
    assert note.text.template == "form/choices_gone"
    assert budi.cursor() == "C.1.metode_bentuk" and not budi.state.forms.items


async def test_a_typed_unit_correction_is_shown_as_a_request_not_as_done() -> None:
    """After ✏ Unit kerja and typing the new unit, the record read as if it had changed."""
    budi = Budi()
    await budi.walk(0, step_of("A"))
    await budi.send(payload=budi.payload(f"e{RECORD_FIELDS.index('unit_kerja')}"))
    [record] = await budi.send("Balai Diklat Makassar")
    shown = messages.to_plain_text(render_reply(record).text)
    assert (
        "Unit kerja: Pusat Pengembangan Kompetensi (menjadi Balai Diklat Makassar: diajukan ke "
        "admin setelah Anda menekan ✔)"
    ) in shown


async def test_the_needs_typed_in_4_2_are_offered_as_the_competency_of_an_item() -> None:
    """Budi typed a technical need in 4.2; item 2 (Teknis) offered nothing of it."""
    budi = Budi()
    step = next(i for i, a in enumerate(JOURNEY) if a.at == "C.2.kompetensi_deskripsi")
    await budi.walk(0, step)
    session = budi.session()
    assert session is not None
    budi.state.forms.answers[session.id]["B.4.2.teknis"] = [
        "k:analisis_jabatan", {"text": "Analisis beban kerja dengan Python"}]  # fmt: skip
    *_, question = await budi.send("/isi")
    labels = [b.label for row in question.buttons for b in row]
    need = [label for label in labels if "Python" in str(label)]
    assert need, labels
    position = labels.index(need[0])
    await budi.send(payload=budi.payload(f"c{position}"))
    assert budi.answers()["C.2.kompetensi_deskripsi"] == "n:Analisis beban kerja dengan Python"
    await budi.walk(step + 1, SUBMIT_INDEX)
    await budi.send(payload=budi.payload("submit"))
    [plan_items] = budi.state.forms.items.values()
    assert plan_items[1]["kompetensi_deskripsi"] == "Analisis beban kerja dengan Python"


def test_a_choice_typed_without_its_bracketed_addition_is_that_choice() -> None:
    """ "public service" was stored as free text though it was an offered gap; "Technical"
    was refused for "Technical (within the unit)"."""
    labels = {
        "k:pelayanan_publik": "Public Service (gap 1: 1→2)",
        "teknis": "Technical (within the unit)",
        "a": "Same (one)",
        "b": "Same (two)",
    }
    options = [Choice(v, Msg("form1/priority", {"text": t})) for v, t in labels.items()]
    assert match_choice("public service", options, "en") is options[0]
    assert match_choice("Technical", options, "en") is options[1]
    assert match_choice("same", options, "en") is None  # names two choices: not a choice


async def test_deleting_an_item_asks_first_and_can_be_called_off() -> None:
    """🗑 Hapus item 1 deleted thirteen answers at one mistyped number."""
    budi = Budi()
    await budi.walk(0, SUBMIT_INDEX)
    before = budi.answers()
    for token in ("edit", "sec.C1"):
        await budi.send(payload=budi.payload(token))
    [asked] = await budi.send(payload=budi.payload("del.1"))
    assert asked.text.template == "form/confirm_delete" and asked.replace
    assert asked.text.context["answers"] >= 10
    assert budi.answers() == before
    review, *_ = await budi.send(payload=budi.payload("review."))
    assert review.text.template == "form/review" and budi.answers() == before


async def as_someone(budi: Budi, chat: str, person_id: int, payload: str) -> list[Reply]:
    """A press from another chat account, bound to ``person_id``."""
    budi.state.accounts[("telegram", chat)] = Account("telegram", chat, person_id)
    incoming = Incoming("telegram", chat, payload=payload, dedupe_key=f"other-{chat}")
    return await budi.conversation.handle(incoming)


async def test_the_supervisor_reads_the_plan_from_the_notice_and_nobody_else_can() -> None:
    """Sri was asked to schedule the dialog kinerja about a plan she could not open."""
    budi = Budi()
    await budi.walk(0, SUBMIT_INDEX)
    [plan] = budi.state.forms.plans.values()
    draft = f"plan:view:{plan.id}"
    [refused] = await as_someone(budi, "6001", SRI.id, draft)  # not sent yet: a draft
    assert refused.text == Msg("dialog/team/refused", {"action": "view", "reason": "not_sent"})
    await budi.send(payload=budi.payload("submit"))
    [notice] = [m for m in budi.state.forms.outbox if m.template == "form1/supervisor_notice"]
    [[book], [read], [agree], [back]] = notice.buttons
    assert read.payload == draft and back.payload == f"plan:return:{plan.id}"
    assert book.payload == f"dlg:sched:{plan.id}"  # Jadwalkan: the dialog kinerja's date
    assert agree.payload == f"agr:agree:{plan.id}"  # the dialog kinerja's agreement
    status, shown, *_ = await as_someone(budi, "6002", SRI.id, read.payload)
    assert status.text.context["owner"] == "Budi Santoso"
    assert "Ringkasan" not in messages.to_plain_text(render_reply(shown).text)  # the plan's title
    assert shown.text.context["sections"][0]["key"] == "A"
    stranger = employee(3, "Dewi Lestari", "199511302020122004")
    budi.state.employees[stranger.id] = stranger
    [refused] = await as_someone(budi, "6003", stranger.id, read.payload)
    assert refused.text == Msg("dialog/team/refused", {"action": "view", "reason": "actor"})
    [refused] = await as_someone(budi, "6004", SRI.id, "plan:view:999")
    assert refused.text == Msg("dialog/team/refused", {"action": "view", "reason": "no_plan"})


async def test_a_forged_drop_without_the_question_deletes_nothing() -> None:
    budi = Budi()
    await budi.walk(0, SUBMIT_INDEX)
    before = budi.answers()
    await budi.send(payload=budi.payload("drop.1"))  # the current question number, no "del" first
    assert budi.answers() == before
    for token in ("edit", "sec.C1", "del.1"):
        await budi.send(payload=budi.payload(token))
    await budi.send(payload=budi.payload("drop.2"))  # asked about item 1, not 2
    assert budi.answers() == before


async def test_only_a_form_that_filed_a_correction_asks_for_pending_ones(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The lookup runs on every update of Formulir 1: not for the many who corrected nothing."""
    asked: list[int] = []

    async def waiting_for(self: FakeChangeRequests, employee_id: int) -> dict[str, str]:
        asked.append(employee_id)
        return {}

    monkeypatch.setattr(FakeChangeRequests, "waiting_for", waiting_for)
    budi = Budi()
    await budi.walk(0, step_of("A"))
    await budi.send("benar")  # A confirmed as recorded: nothing filed
    await budi.send("/isi")
    assert asked == []
    await budi.send("/kembali")
    await budi.send(payload=budi.payload(f"e{RECORD_FIELDS.index('unit_kerja')}"))
    await budi.send("Balai Diklat Makassar")
    await budi.send("benar")  # filed
    await budi.send("/isi")
    assert asked and set(asked) == {BUDI.id}
