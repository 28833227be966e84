"""Who may do what in the verification, as tables: each item action × each relation to
Budi's plan (his group's member and coordinator, another group's member, the coordinator,
his supervisor, Budi himself, a stranger), and the agency actions × roles."""

from __future__ import annotations

import pytest

from handlers.access import Action, ItemAction, may, may_on_item
from handlers.model import Employee, Role
from tests.unit.fakes import employee

PSDM, TI = "Pengembangan SDM", "Teknologi Informasi"
SRI = employee(2, "Sri Wahyuni", "198206202008012002", [Role.ATASAN])
BUDI = employee(3, "Budi Santoso", "199004172015031003", supervisor_nip=SRI.nip,
                kelompok_keahlian=PSDM)  # fmt: skip
RINA = employee(4, "Rina Marlina", "198703102010012005", [Role.KELOMPOK_KEAHLIAN],
                kelompok_keahlian=PSDM)  # fmt: skip
AGUS = employee(5, "Agus Setiawan", "198507112010121003", [Role.KOORDINATOR_KELOMPOK_KEAHLIAN],
                kelompok_keahlian=PSDM)  # fmt: skip
TONI = employee(6, "Toni Wenda", "199001012015011008", [Role.KELOMPOK_KEAHLIAN],
                kelompok_keahlian=TI)  # fmt: skip
HENDRA = employee(1, "Dr. Hendra Wijaya", "197002151995031001", [Role.KOORDINATOR_PEMBELAJARAN])
DEWI = employee(7, "Dewi Lestari", "199511302020122004", kelompok_keahlian=PSDM)  # no role
PEOPLE: dict[str, Employee] = {
    "group member": RINA, "group coordinator": AGUS, "other group's member": TONI,
    "learning coordinator": HENDRA, "supervisor": SRI, "employee": BUDI,
    "same group, no role": DEWI,
}  # fmt: skip
GROUP = {"group member", "group coordinator"}
MATRIX: dict[ItemAction, set[str]] = {
    ItemAction.SEE_AWAITING: {*GROUP, "learning coordinator"},
    ItemAction.VERIFY: GROUP,
    ItemAction.READ_VERIFIED: {*GROUP, "learning coordinator", "supervisor", "employee"},
}
CASES = [(action, who, who in allowed) for action, allowed in MATRIX.items() for who in PEOPLE]


@pytest.mark.parametrize(("action", "who", "allowed"), CASES,
                         ids=[f"{a.value}-{w}" for a, w, _ in CASES])  # fmt: skip
def test_item_actions_on_budis_plan(action: ItemAction, who: str, allowed: bool) -> None:
    assert may_on_item(PEOPLE[who], BUDI, action) is allowed


def test_a_member_never_verifies_their_own_item() -> None:
    budi_member = employee(3, "Budi Santoso", BUDI.nip, [Role.KELOMPOK_KEAHLIAN],
                           kelompok_keahlian=PSDM)  # fmt: skip
    assert not may_on_item(budi_member, budi_member, ItemAction.VERIFY)
    assert may_on_item(budi_member, budi_member, ItemAction.READ_VERIFIED)  # his own D


def test_an_employee_reads_only_their_own_d() -> None:
    assert not may_on_item(BUDI, DEWI, ItemAction.READ_VERIFIED)
    assert not may_on_item(DEWI, BUDI, ItemAction.READ_VERIFIED)


AGENCY: dict[Action, set[str]] = {
    Action.VERIFY: {*GROUP, "other group's member"},  # each opens their own group's queue
    Action.SEE_ALL_VERIFICATIONS: {"learning coordinator"},
    Action.MARK_RECAP_DONE: {"group coordinator"},
}
AGENCY_CASES = [(a, w, w in allowed) for a, allowed in AGENCY.items() for w in PEOPLE]


@pytest.mark.parametrize(("action", "who", "allowed"), AGENCY_CASES,
                         ids=[f"{a.value}-{w}" for a, w, _ in AGENCY_CASES])  # fmt: skip
def test_the_verifications_agency_actions(action: Action, who: str, allowed: bool) -> None:
    assert may(PEOPLE[who], action) is allowed
