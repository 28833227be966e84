"""The expertise group's queue and digest as pure functions: oldest agreed first; grouped
by competency (its key, else its description whatever the case and spacing) and method form;
one digest per member of each group with something waiting, keyed by member and day; what
a verifier sets applied to the agreed version, and nothing a form would not give."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from handlers.dialog.oversight_ports import Someone
from handlers.model import Zone
from handlers.plan.model import CompetencySource
from handlers.verify.digest import digests
from handlers.verify.ports import AwaitingItem, GroupCount
from handlers.verify.queue import batch_of, batches, not_own, oldest_first
from handlers.verify.verification import VerifyRefused, as_verified
from tests.integration.test_plan_records import VERSION
from tests.unit.fakes import employee

AT = datetime(2027, 2, 1, 2, tzinfo=UTC)
POLICY = replace(VERSION, competency_source=CompetencySource.TYPED, competency_key=None,
                 competency_description="Analisis Kebijakan", method_class="formal",
                 method_form="pelatihan")  # fmt: skip


def awaiting(item_id: int, plan_id: int, owner: int, hours: int, **version: object
             ) -> AwaitingItem:  # fmt: skip
    return AwaitingItem(item_id, 1, plan_id, item_id % 10, owner, f"Pegawai {owner}", "Pusat",
                        "Pengembangan SDM", AT + timedelta(hours=hours),
                        replace(POLICY, **version))  # type: ignore[arg-type]  # fmt: skip


def test_the_queue_is_oldest_agreed_first_then_plan_then_place() -> None:
    late, early_two, early_one = awaiting(11, 1, 1, 5), awaiting(22, 2, 2, 0), awaiting(21, 2, 2, 0)
    assert oldest_first([late, early_two, early_one]) == [early_one, early_two, late]


def test_batches_group_one_competency_and_method_form_for_all_its_people() -> None:
    items = [
        awaiting(11, 1, 1, 0),
        awaiting(21, 2, 2, 1, competency_description="  analisis   KEBIJAKAN"),
        awaiting(31, 3, 3, 2, method_form="e_learning"),  # another form: its own batch
        awaiting(41, 4, 4, 3, competency_key="komunikasi", competency_description="x"),
        awaiting(51, 5, 5, -1, competency_key="komunikasi", competency_description="y"),
    ]
    found = batches(items)
    assert [[i.item_id for i in b.items] for b in found] == [[51, 41], [11, 21], [31]]
    assert [b.people for b in found] == [2, 2, 1]
    assert batch_of(items, 21) == found[1] and batch_of(items, 99) is None


def test_a_member_does_not_see_their_own_items() -> None:
    budi = employee(3, "Budi Santoso", "199004172015031003")
    assert not_own([awaiting(11, 1, 3, 0), awaiting(21, 2, 4, 0)], budi)[0].owner_id == 4


def someone(n: int, zone: Zone = Zone.WIB) -> Someone:
    return Someone(n, f"Anggota {n}", zone, "id")


def test_one_digest_per_member_of_each_group_with_items_waiting() -> None:
    counts = [GroupCount("Pengembangan SDM", 12, 4), GroupCount("Teknologi Informasi", 0, 0),
              GroupCount("Kebijakan Publik", 1, 1)]  # fmt: skip
    members = {"Pengembangan SDM": [someone(1), someone(2, Zone.WITA)],
               "Teknologi Informasi": [someone(3)]}  # fmt: skip
    day = date(2027, 2, 1)
    found = digests(counts, members, day)
    assert [(d.recipient.id, d.items, d.plans) for d in found] == [(1, 12, 4), (2, 12, 4)]
    assert found[0].context == {"group": "Pengembangan SDM", "items": 12, "plans": 4}
    assert found[0].dedupe_key == "verify:digest:1:2027-02-01"
    assert digests(counts, members, day + timedelta(days=1))[0].dedupe_key.endswith("02-02")


def test_what_the_verifier_sets_replaces_those_columns_of_the_agreed_version() -> None:
    answers = {
        "metode_klasifikasi": "sosial",
        "metode_bentuk": "mentoring",
        "level": "strategis",
        "sumber": "Widyaiswara",
        "pelaksana": "Pusat",
        "waktu": {"start": 7, "end": 9},
    }
    verified = as_verified(POLICY, answers)
    assert (verified.method_class, verified.method_form, verified.execution_level) == (
        "sosial",
        "mentoring",
        "strategis",
    )
    assert (verified.start_month, verified.end_month, verified.quarter) == (7, 9, None)
    assert verified.goal == POLICY.goal and verified.relevance == POLICY.relevance
    assert as_verified(POLICY, {}) == POLICY  # confirmed as agreed


@pytest.mark.parametrize(
    "answers", [{"level": "nasional"}, {"metode_klasifikasi": "sosial", "metode_bentuk": "kursus"}]
)
def test_a_value_no_form_would_give_is_refused(answers: dict[str, object]) -> None:
    with pytest.raises(VerifyRefused):
        as_verified(POLICY, answers)
