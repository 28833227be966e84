"""Change requests in chat: administrators are told when one is filed and decide it with a
button or from /perubahan; the employee is told the decision; nobody else can decide."""

from __future__ import annotations

import pytest

from handlers import change_requests
from handlers.effects import Reply
from handlers.model import Employee, Role
from handlers.outbox import OutboxMessage
from tests.unit.chat_bot import Bot
from tests.unit.fakes import employee
from tests.unit.fakes_forms import FakeChangeRequests

BUDI = employee(1, "Budi Santoso", "199004172015031003")
ADMIN = employee(2, "Rina Admin", "198206202008012002", [Role.ADMIN])
SECOND_ADMIN = employee(3, "Yusuf Admin", "198512312010011001", [Role.ADMIN], bahasa="en")
COORDINATOR = employee(4, "Dewi Lestari", "199511302020122004", [Role.KOORDINATOR_PEMBELAJARAN])
NEW_NIP = "199004172015031099"


class Agency(Bot):
    """The core on fake storage with two administrators; each person writes from a chat of
    their own (``chat-<id>``)."""

    def __init__(self) -> None:
        super().__init__(BUDI, ADMIN, SECOND_ADMIN, COORDINATOR)

    async def bind(self, person: Employee) -> None:
        await self.linked(f"chat-{person.id}", person)

    async def by(
        self, person: Employee, text: str | None = None, payload: str | None = None
    ) -> list[Reply]:
        return await self.say(f"chat-{person.id}", text, payload=payload)

    async def file(self, field: str = "nip", new: str = NEW_NIP) -> None:
        async with self.database.uow() as uow:
            old = BUDI.nip if field == "nip" else BUDI.unit_kerja
            await change_requests.file(uow, BUDI, field, old, new, self.clock.now())
            await uow.commit()

    def outbox(self, template: str) -> list[OutboxMessage]:
        return [m for m in self.database.state.forms.outbox if m.template == template]

    def record(self) -> Employee:
        return self.database.state.employees[BUDI.id]


def templates(replies: list[Reply]) -> list[str]:
    return [reply.text.template for reply in replies]


@pytest.fixture
async def agency() -> Agency:
    agency = Agency()
    for person in (BUDI, ADMIN, SECOND_ADMIN, COORDINATOR):
        await agency.bind(person)
    return agency


async def test_every_administrator_is_told_once_with_buttons_to_decide(agency: Agency) -> None:
    await agency.file()
    await agency.file()  # the same correction again while it is pending: nobody is told twice
    notices = agency.outbox("change/filed")
    assert sorted(m.employee_id for m in notices) == [ADMIN.id, SECOND_ADMIN.id]
    [[approve, reject]] = notices[0].buttons
    assert (approve.payload, reject.payload) == ("cr:approve:1", "cr:reject:1")
    assert notices[0].context["new"] == NEW_NIP
    assert agency.outbox("change/outcome") == []


async def test_an_administrator_lists_and_approves_and_the_employee_is_told(
    agency: Agency,
) -> None:
    await agency.file()
    await agency.file("unit_kerja", "Pusat Data")
    header, first, second = await agency.by(ADMIN, "/perubahan")
    assert header.text.context == {"count": 2, "shown": 2}
    assert [r.text.context["field"] for r in (first, second)] == ["nip", "unit_kerja"]
    assert first.buttons[0][0].payload == "cr:approve:1"

    [decided] = await agency.by(ADMIN, payload="cr:approve:1")
    assert (decided.text.template, decided.replace) == ("change/decided", True)
    assert decided.text.context["status"] == "approved"
    assert agency.record().nip == NEW_NIP
    [told] = agency.outbox("change/outcome")
    assert (told.employee_id, told.context["status"], told.context["new"]) == (
        BUDI.id, "approved", NEW_NIP,
    )  # fmt: skip

    [again] = await agency.by(SECOND_ADMIN, payload="cr:reject:1")  # too late: decided
    assert (again.text.template, again.text.context["reason"]) == ("change/refused", "not_pending")
    assert not again.replace, "a refusal keeps the buttons"
    header, remaining = await agency.by(SECOND_ADMIN, "/changes")
    assert header.text.context == {"count": 1, "shown": 1}
    assert remaining.text.context["field"] == "unit_kerja"


async def test_a_rejection_keeps_the_record_and_tells_the_employee(agency: Agency) -> None:
    await agency.file("unit_kerja", "Pusat Data")
    [decided] = await agency.by(ADMIN, payload="cr:reject:1")
    assert decided.text.context["status"] == "rejected"
    assert agency.record().unit_kerja == BUDI.unit_kerja
    [told] = agency.outbox("change/outcome")
    assert (told.employee_id, told.context["status"]) == (BUDI.id, "rejected")


@pytest.mark.parametrize("who", [BUDI, COORDINATOR])
async def test_nobody_but_an_administrator_can_list_or_decide(
    agency: Agency, who: Employee
) -> None:
    await agency.file()
    assert templates(await agency.by(who, "/perubahan")) == ["change/not_allowed"]
    assert templates(await agency.by(who, payload="cr:approve:1")) == ["change/not_allowed"]
    assert agency.record().nip == BUDI.nip
    assert agency.outbox("change/outcome") == []


@pytest.mark.parametrize(
    "payload", ["cr:approve:x", "cr:zap:1", "cr:approve:", "cr:", "cr:approve:1:2"]
)
async def test_a_malformed_decision_button_is_stale(agency: Agency, payload: str) -> None:
    await agency.file()
    assert templates(await agency.by(ADMIN, payload=payload)) == ["menu/stale_button"]
    assert agency.record().nip == BUDI.nip


async def test_an_unknown_request_is_refused_in_words(agency: Agency) -> None:
    [reply] = await agency.by(ADMIN, payload="cr:approve:99")
    assert (reply.text.template, reply.text.context["reason"]) == ("change/refused", "unknown")


async def test_with_nothing_pending_the_list_says_so(agency: Agency) -> None:
    [reply] = await agency.by(ADMIN, "/perubahan")
    assert reply.text.context == {"count": 0, "shown": 0}


async def test_the_oldest_ten_are_listed_and_the_header_counts_them_all(agency: Agency) -> None:
    for number in range(12):
        await agency.file("unit_kerja", f"Pusat {number}")
    header, *listed = await agency.by(ADMIN, "/perubahan")
    assert header.text.context == {"count": 12, "shown": 10}
    assert [r.text.context["new"] for r in listed] == [f"Pusat {n}" for n in range(10)]


@pytest.mark.parametrize(
    ("unit", "new"), [("Pusat Data Baru", True), ("pusat  PENGEMBANGAN kompetensi", False)]
)
async def test_a_unit_nobody_is_in_yet_is_marked_new_for_the_admin(
    agency: Agency, unit: str, new: bool
) -> None:
    await agency.file("unit_kerja", unit)
    [notice, *_] = agency.outbox("change/filed")
    assert notice.context["new_unit"] is new
    _, listed = await agency.by(ADMIN, "/perubahan")
    assert listed.text.context["new_unit"] is new


async def test_an_approval_that_loses_the_race_to_a_rejection_changes_nothing(
    agency: Agency, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another admin (or the CLI) rejected the request between this approval's check and its
    decision: the new NIP it had written in the same transaction must not stay."""
    await agency.file()

    async def decided_elsewhere(*_: object) -> bool:
        return False  # the conditional UPDATE … WHERE status = 'pending' matched no row

    monkeypatch.setattr(FakeChangeRequests, "decide", decided_elsewhere)
    [reply] = await agency.by(ADMIN, payload="cr:approve:1")
    assert (reply.text.template, reply.text.context["reason"]) == ("change/refused", "not_pending")
    assert agency.record().nip == BUDI.nip
    assert agency.outbox("change/outcome") == []
