"""The check-in's rules without storage: which quarter is open, which items each quarter
asks, what the validators let through, which evidence files are taken, and when a late
check-in or review is reminded and escalated."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

import messages
from handlers.calendar import WorkCalendar
from handlers.checkin.change import refuse_past_period
from handlers.checkin.due import PlannedItem, checkin_cycles, planned, quarter_open, split_due
from handlers.checkin.evidence import EVIDENCE_LIMIT, mime_of, problem_with
from handlers.checkin.flow import answer_of
from handlers.checkin.form import (
    CHECKIN,
    ITEMS,
    check_day,
    evidence_file,
    iso_day,
    item_steps,
)
from handlers.checkin.nudges import ESCALATE, REMIND, Kind, Waiting, due
from handlers.checkin.ports import Checkin
from handlers.cycle import default_cycle
from handlers.dialog.oversight_ports import Someone
from handlers.effects import Document, Msg, Reply
from handlers.forms.model import FormContext, FormSession, Scope
from handlers.forms.present import question
from handlers.forms.walk import Walk, slots
from handlers.model import Zone
from handlers.plan.model import Item, Stage
from tests.integration.test_plan_records import CONTENT, VERSION
from tests.unit.fakes import employee

CYCLE = default_cycle(2027, "cli", datetime(2026, 12, 1, tzinfo=UTC))
CONTEXT = FormContext(person=None, year=2027, data={"today": date(2027, 6, 30)})


@pytest.mark.parametrize(("day", "quarter"), [
    (date(2027, 3, 30), None), (date(2027, 3, 31), 1), (date(2027, 6, 29), 1),
    (date(2027, 6, 30), 2), (date(2027, 12, 31), 4),
])  # fmt: skip
def test_the_open_quarter_is_the_latest_whose_date_has_come(day: date, quarter: int | None) -> None:
    assert quarter_open(CYCLE, day) == quarter


def item(position: int, start: int, end: int, stages: tuple[Stage, ...]) -> Item:
    version = replace(VERSION, start_month=start, end_month=end)
    return Item(position, {s: replace(version, jp=position) for s in stages}, id=position * 10)


def test_each_quarter_asks_the_items_begun_by_its_end_verified_first() -> None:
    content = replace(CONTENT, items=(
        item(1, 1, 3, (Stage.PROPOSED, Stage.AGREED)),
        item(2, 4, 6, (Stage.PROPOSED, Stage.AGREED, Stage.VERIFIED)),
        item(3, 10, 12, (Stage.PROPOSED, Stage.AGREED)),
        item(4, 1, 12, (Stage.PROPOSED,)),  # rejected in the dialogue: not in the plan
    ))  # fmt: skip
    items = planned(content)
    assert [(i.position, i.verified) for i in items] == [(1, False), (2, True), (3, False)]
    asked = {q: [i.position for i in split_due(items, q)[0]] for q in (1, 2, 3, 4)}
    assert asked == {1: [1], 2: [1, 2], 3: [1, 2], 4: [1, 2, 3]}
    assert [i.position for i in split_due(items, 1)[1]] == [2, 3]


@pytest.mark.parametrize(("typed", "error"), [
    ("15-04-2027", None), ("2027-06-30", None), ("31-12-2026", "checkin/error_date_outside"),
    ("01-07-2027", "checkin/error_date_future"), ("kemarin", "checkin/error_date"),
    ("31-02-2027", "checkin/error_date"),
])  # fmt: skip
def test_a_date_must_be_inside_the_cycle_and_not_ahead(typed: str, error: str | None) -> None:
    assert check_day(typed, Scope({}), CONTEXT) == error


def test_a_date_is_kept_as_iso_however_typed() -> None:
    assert iso_day("5/4/2027", CONTEXT) == "2027-04-05"


def test_the_date_answered_reads_as_other_dates_do() -> None:
    steps = item_steps({"id": 7, "position": 1, "competency": "x", "planned": {}})
    day = next(s for s in steps if s.key == "E.7.tanggal")
    assert day.label_of is not None
    shown = day.label_of("2027-05-15", CONTEXT)
    assert isinstance(shown, Msg)
    assert messages.render(shown.template, "id", shown.context) == "15 Mei 2027"
    assert messages.render(shown.template, "en", shown.context) == "15 May 2027"


def test_only_what_the_status_makes_meaningful_is_asked() -> None:
    steps = item_steps({"id": 7, "position": 1, "competency": "x", "planned": {}})

    def asked(status: str, fit: str | None = None, benefit: int = 4) -> list[str]:
        answers = {"E.7.status": status, "E.7.fit": fit, "E.7.manfaat": benefit}
        return [s.key.split(".")[-1] for s in steps if s.applies(Scope(answers), CONTEXT)]

    assert asked("belum") == ["status", "waktu_baru"]
    assert asked("batal") == ["status", "alasan"]
    assert "fit_alasan" not in asked("terlaksana", "sesuai")
    assert asked("terlaksana", "tidak") == [
        "status", "tanggal", "metode_klasifikasi", "metode_bentuk", "jp", "bukti", "fit",
        "fit_alasan", "manfaat", "contoh",
    ]  # fmt: skip
    assert asked("terlaksana", "sesuai", benefit=1)[-1] == "manfaat"  # no benefit: no example
    evidence = next(s for s in steps if s.key == "E.7.bukti")
    assert not evidence.required
    assert evidence.check is not None
    assert evidence.check("foto saya", Scope({}), CONTEXT) == "checkin/error_send_file"
    assert evidence_file("file:12:sertifikat.pdf") == (12, "sertifikat.pdf")


@pytest.mark.parametrize(("name", "size", "problem"), [
    ("sertifikat.pdf", 1000, None), ("Foto.JPG", 1000, None), ("scan.png", 1000, None),
    ("catatan.docx", 1000, "type"), ("tanpa-nama", 10, "type"),
    ("besar.pdf", EVIDENCE_LIMIT + 1, "size"),
])  # fmt: skip
def test_evidence_is_a_pdf_jpg_or_png_of_limited_size(
    name: str, size: int, problem: str | None
) -> None:
    assert problem_with(Document("ref", name, size)) == problem


def test_evidence_content_must_be_what_its_name_says() -> None:
    assert mime_of("a.pdf", b"%PDF-1.7 ...") == "application/pdf"
    assert mime_of("a.jpg", b"\xff\xd8\xff\xe0 ...") == "image/jpeg"
    assert mime_of("a.png", b"\x89PNG\r\n\x1a\n...") == "image/png"
    assert mime_of("a.pdf", b"\x89PNG\r\n\x1a\n...") is None
    assert mime_of("a.exe", b"MZ") is None


BUDI = Someone(1, "Budi Santoso", Zone.WIB, "id")
SRI = Someone(2, "Sri Wahyuni", Zone.WIB, "id")
HENDRA = Someone(3, "Hendra", Zone.WIT, "id")
CALENDAR = WorkCalendar()
ASKED_ON = date(2027, 6, 30)  # a Wednesday


def waiting(state: str, snoozed: date | None = None) -> Waiting:
    checkin = Checkin(5, 9, BUDI.id, 2027, 2, 1, ASKED_ON, state,
                      datetime(2027, 6, 30, 2, tzinfo=UTC), submitted_at=datetime(
                          2027, 6, 30, 5, tzinfo=UTC))  # fmt: skip
    return Waiting(checkin, BUDI, (SRI,), ASKED_ON, snoozed)


def kinds_on(day: date, state: str, sent: frozenset[str] = frozenset(),
             snoozed: date | None = None) -> list[tuple[Kind, int]]:  # fmt: skip
    return [(n.kind, n.recipient.id)
            for n in due([waiting(state, snoozed)], (HENDRA,), CALENDAR, day, sent)]  # fmt: skip


def test_a_late_check_in_reminds_the_employee_then_escalates_to_the_supervisor() -> None:
    assert REMIND == 5 and ESCALATE == 10
    assert kinds_on(date(2027, 7, 7), "asked") == []  # 4 full working days (1-6 July)
    assert kinds_on(date(2027, 7, 8), "in_progress") == [(Kind.CHECKIN_LATE, BUDI.id)]
    assert kinds_on(date(2027, 7, 15), "asked") == [(Kind.CHECKIN_ESCALATE, SRI.id)]
    assert kinds_on(date(2027, 7, 8), "asked", snoozed=date(2027, 7, 9)) == []


def test_a_late_review_reminds_the_supervisor_then_the_coordinators_once() -> None:
    assert kinds_on(date(2027, 7, 8), "submitted") == [(Kind.REVIEW_LATE, SRI.id)]
    assert kinds_on(date(2027, 7, 15), "submitted") == [(Kind.REVIEW_ESCALATE, HENDRA.id)]
    sent = frozenset({f"{Kind.REVIEW_ESCALATE.value}:5:{HENDRA.id}"})
    assert kinds_on(date(2027, 7, 16), "submitted", sent) == []
    assert kinds_on(date(2027, 7, 16), "reviewed") == []


def test_a_planned_item_keeps_its_id() -> None:
    assert isinstance(planned(replace(CONTENT, items=(item(1, 1, 3, (Stage.AGREED,)),)))[0],
                      PlannedItem)  # fmt: skip


def test_check_ins_run_from_the_first_date_to_a_quarter_after_the_last() -> None:
    next_year = default_cycle(2028, "cli", datetime(2027, 12, 1, tzinfo=UTC))
    cycles = [CYCLE, next_year]
    assert checkin_cycles(cycles, date(2027, 3, 30)) == []
    assert checkin_cycles(cycles, date(2027, 12, 31)) == [CYCLE]
    assert checkin_cycles(cycles, date(2028, 1, 15)) == [CYCLE]
    assert checkin_cycles(cycles, date(2028, 3, 31)) == [next_year, CYCLE]
    assert checkin_cycles(cycles, date(2028, 4, 2)) == [next_year]


def test_only_the_answers_the_final_status_asks_are_kept() -> None:
    answers = {"E.7.status": "terlaksana", "E.7.tanggal": "2027-05-15", "E.7.jp": 16,
               "E.7.bukti": "file:3:s.pdf", "E.7.fit": "sesuai", "E.7.fit_alasan": "lama",
               "E.7.manfaat": 4, "E.7.contoh": "SOP", "E.7.alasan": "dulu batal"}  # fmt: skip
    kept = answer_of(7, answers)
    assert (kept.done_on, kept.jp_realized, kept.evidence_file_id) == (date(2027, 5, 15), 16, 3)
    assert kept.fit_reason is None and kept.status_reason is None, "answers of a former choice"
    later = answer_of(7, {**answers, "E.7.status": "belum"})
    assert (later.done_on, later.jp_realized, later.fit, later.benefit) == (None, None, None, None)


def test_the_evidence_question_offers_no_typed_answer_box_but_a_typed_one_does() -> None:
    """The evidence is sent as a file: Slack's "write the answer" modal is not offered for it."""
    item_data = {"id": 7, "position": 1, "competency": "x", "planned": {}}
    context = replace(CONTEXT, data={**CONTEXT.data, ITEMS: [item_data]})
    answers = {"E.7.status": "terlaksana", "E.7.fit": "tidak"}
    session = FormSession(1, 1, CHECKIN.name, 1, "E.7.bukti", 3, {}, True)
    walk = Walk(session, answers, context, slots(CHECKIN, answers, context))
    person = employee(1, "Budi Santoso", "199004172015031003")

    def asked(key: str) -> Reply:
        found = walk.slot(key)
        assert found is not None
        return question(CHECKIN, person, walk, found, replace=False)

    assert asked("E.7.bukti").typed is None
    assert asked("E.7.fit_alasan").typed is not None  # a long answer still gets the modal


@pytest.mark.parametrize(("end", "error"), [
    (6, "checkin/error_period_past"), (8, None), (12, None),
])  # fmt: skip
def test_a_new_time_frame_must_not_be_over_already(end: int, error: str | None) -> None:
    context = FormContext(person=CONTEXT.person, year=2027, data={"today": date(2027, 8, 2)})
    assert refuse_past_period({"start": 1, "end": end}, Scope({}), context) == error
