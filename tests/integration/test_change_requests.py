"""Change requests, the admin's side (issue 3): a correction of NIP or unit asked for in
Formulir 1 A waits for ``idp-bot change-requests approve|reject ID``; nothing is applied
silently. On SQLite and PostgreSQL, against the demo organisation (bot/demo/organisasi.csv).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest
from sqlalchemy import select

import messages
from bot import admin, change_requests_cli, cli
from bot.app import App
from bot.outgoing import render_reply
from handlers.effects import Incoming
from handlers.ports import ChangeRequest
from storage.models import EmployeeRow
from storage.outbox import OutboxRow
from tests.conftest import FakeClock

HENDRA = "197002151995031001"
BUDI = "199004172015031003"
BUDI_CORRECTED = "199004172015031099"
ANDI = "199207142023211005"  # PPPK
PUSAT = "Pusat Pengembangan Kompetensi"
MAKASSAR = "Balai Diklat Makassar"


@pytest.fixture
async def agency(app: App) -> App:
    await admin.seed_demo(app)
    return app


class Chat:
    """A person in the terminal channel, straight through ``app.conversation.handle``."""

    def __init__(self, app: App, nip: str) -> None:
        self.app, self.nip, self.buttons = app, nip, {}

    async def send(self, incoming: Incoming) -> list[str]:
        texts = []
        for reply in await self.app.conversation.handle(incoming):
            rendered = render_reply(reply)
            texts.append(messages.to_plain_text(rendered.text))
            self.buttons = {label: payload for row in rendered.buttons for label, payload in row}
        return texts

    async def type(self, text: str) -> list[str]:
        return await self.send(Incoming("console", self.nip, text=text))

    async def press(self, label: str) -> list[str]:
        assert label in self.buttons, (label, list(self.buttons))
        return await self.send(Incoming("console", self.nip, payload=self.buttons[label]))


async def run(app: App, *argv: str) -> int:
    """``idp-bot change-requests …`` on the test's app (its clock and database)."""
    args = cli.parser().parse_args(["change-requests", *argv])
    return await change_requests_cli.dispatch(app, args)


async def ask(app: App, nip: str, field: str, new: str) -> int:
    """What Formulir 1 A records when ``nip`` corrects ``field``; the request's id."""
    async with app.uow() as uow:
        person = await uow.employees.by_nip(nip)
        assert person is not None
        old = person.nip if field == "nip" else person.unit_kerja
        await uow.plans.request_change(person.id, field, old, new, app.clock.now())
        await uow.commit()
        pending = await uow.change_requests.pending()
    return pending[-1].id


async def request(app: App, request_id: int) -> ChangeRequest:
    async with app.uow() as uow:
        found = await uow.change_requests.get(request_id)
    assert found is not None
    return found


async def unit_of(app: App, nip: str) -> str:
    async with app.uow() as uow:
        person = await uow.employees.by_nip(nip)
    assert person is not None
    return person.unit_kerja


# --- the story: Budi corrects his NIP, the admin approves -------------------------------------


async def test_a_corrected_nip_waits_for_the_admin_and_is_applied_on_approval(
    agency: App, database_url: str, clock: FakeClock, monkeypatch, tmp_path, capsys
) -> None:
    await admin.bind_console(agency, BUDI)
    budi = Chat(agency, BUDI)
    await budi.type("/isi")
    await budi.press("✏ NIP")
    await budi.type(BUDI_CORRECTED)
    said = await budi.press("✔ Data sudah benar")
    assert "dikirim ke admin" in said[0]
    async with agency.uow() as uow:  # nothing applied yet
        assert (await uow.employees.by_nip(BUDI)) is not None
        assert (await uow.employees.by_nip(BUDI_CORRECTED)) is None

    # the admin, at the command line (a process of its own, on the same database)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("IDP_DATABASE_URL", database_url)
    monkeypatch.setenv("IDP_DEFAULT_LOCALE", "id")
    monkeypatch.delenv("IDP_TELEGRAM_TOKEN", raising=False)
    capsys.readouterr()
    assert await asyncio.to_thread(cli.main, ["change-requests", "list"]) == 0
    listed = capsys.readouterr().out.splitlines()
    assert listed[0] == (
        f"#1  29 November 2026  NIP {BUDI}  Budi Santoso  NIP: {BUDI} → {BUDI_CORRECTED}"
    )
    assert await asyncio.to_thread(cli.main, ["change-requests", "approve", "1"]) == 0
    assert capsys.readouterr().out.strip() == (
        f"Permintaan #1 disetujui: NIP Budi Santoso diubah dari {BUDI} menjadi {BUDI_CORRECTED}."
    )

    async with agency.uow() as uow:
        assert await uow.employees.by_nip(BUDI) is None
        person = await uow.employees.by_nip(BUDI_CORRECTED)
        assert person is not None and person.nama == "Budi Santoso"
        assert await uow.change_requests.pending() == []
    decided = await request(agency, 1)
    assert (decided.status, decided.decided_by) == ("approved", "cli")
    assert decided.decided_at is not None and decided.created_at == clock.now()
    # Budi's chat account still finds him, under his new NIP
    assert BUDI_CORRECTED in "\n".join(await budi.type("/profil"))

    assert await asyncio.to_thread(cli.main, ["change-requests", "list"]) == 0
    assert capsys.readouterr().out.strip() == (
        "Tidak ada permintaan perubahan yang menunggu keputusan."
    )


async def outbox(app: App, template: str) -> list[tuple[str, str | None]]:
    """Who each queued ``template`` message is for (NIP), and its buttons as stored."""
    query = (
        select(EmployeeRow.nip, OutboxRow.buttons)
        .join(EmployeeRow, EmployeeRow.id == OutboxRow.employee_id)
        .where(OutboxRow.template == template)
    )
    async with app.engine.connect() as connection:
        return [(nip, buttons) for nip, buttons in await connection.execute(query)]


async def test_the_admin_is_told_in_chat_and_decides_there(agency: App) -> None:
    """Budi's correction reaches Hendra (the demo's admin) with buttons; Hendra approves
    from /perubahan; Budi is told. The same decision the CLI takes, in the same tables."""
    await admin.bind_console(agency, BUDI)
    await admin.bind_console(agency, HENDRA)
    budi, hendra = Chat(agency, BUDI), Chat(agency, HENDRA)
    await budi.type("/isi")
    await budi.press("✏ Unit kerja")
    await budi.type(MAKASSAR)
    await budi.press("✔ Data sudah benar")
    [(to, buttons)] = await outbox(agency, "change/filed")
    assert to == HENDRA and buttons is not None and "cr:approve:1" in buttons

    header, listed = await hendra.type("/perubahan")
    assert header.startswith("1 permintaan perubahan data menunggu keputusan")
    assert f"Unit kerja: {PUSAT} → {MAKASSAR}" in listed
    [decided] = await hendra.press("✔ Setujui")
    assert decided == (
        f"Permintaan #1 disetujui: Unit kerja Budi Santoso diubah dari {PUSAT} menjadi {MAKASSAR}."
    )
    assert await unit_of(agency, BUDI) == MAKASSAR
    assert (await request(agency, 1)).decided_by == HENDRA
    assert await outbox(agency, "change/outcome") == [(BUDI, None)]
    [refused] = await hendra.type("/perubahan")
    assert refused == "Tidak ada permintaan perubahan data yang menunggu keputusan."


async def test_approving_records_when_and_by_whom(agency: App, clock: FakeClock) -> None:
    request_id = await ask(agency, BUDI, "nip", BUDI_CORRECTED)
    clock.advance(days=2)
    assert await run(agency, "approve", str(request_id)) == 0
    decided = await request(agency, request_id)
    assert (decided.status, decided.decided_at, decided.decided_by) == (
        "approved", clock.now(), "cli"
    )  # fmt: skip
    assert decided.nip == BUDI_CORRECTED


# --- units -----------------------------------------------------------------------------------


async def units(app: App) -> int:
    async with app.uow() as uow:
        return len(await uow.reference.unit_names())


async def test_a_unit_change_moves_the_employee_and_creates_a_new_unit(agency: App, capsys) -> None:
    request_id = await ask(agency, BUDI, "unit_kerja", "Pusat Data & Informasi")
    before = await units(agency)
    assert await run(agency, "list") == 0
    assert f"Unit kerja: {PUSAT} → Pusat Data & Informasi" in capsys.readouterr().out
    assert await run(agency, "approve", str(request_id)) == 0
    assert capsys.readouterr().out.strip() == (
        f"Permintaan #{request_id} disetujui: Unit kerja Budi Santoso diubah dari {PUSAT} "
        "menjadi Pusat Data & Informasi."
    )
    assert await unit_of(agency, BUDI) == "Pusat Data & Informasi"
    assert await units(agency) == before + 1


async def test_a_unit_written_differently_is_the_existing_unit(agency: App, capsys) -> None:
    request_id = await ask(agency, BUDI, "unit_kerja", "  balai diklat   MAKASSAR ")
    before = await units(agency)
    assert await run(agency, "approve", str(request_id)) == 0
    assert capsys.readouterr().out.strip().endswith(f"menjadi {MAKASSAR}.")
    assert await unit_of(agency, BUDI) == MAKASSAR
    assert await units(agency) == before
    assert (await request(agency, request_id)).new_value == "  balai diklat   MAKASSAR "  # as asked


# --- rejecting, and what is refused ---------------------------------------------------------------


async def test_rejecting_keeps_the_record_and_a_decision_is_final(agency: App, capsys) -> None:
    request_id = await ask(agency, BUDI, "unit_kerja", MAKASSAR)
    assert await run(agency, "reject", str(request_id)) == 0
    assert capsys.readouterr().out.strip() == (
        f"Permintaan #{request_id} ditolak: Unit kerja Budi Santoso (NIP {BUDI}) tetap {PUSAT}."
    )
    assert await unit_of(agency, BUDI) == PUSAT
    assert (await request(agency, request_id)).status == "rejected"

    for action in ("approve", "reject"):
        assert await run(agency, action, str(request_id)) == 1
        assert capsys.readouterr().out.strip() == (
            f"Permintaan #{request_id} sudah ditolak; keputusannya tidak bisa diubah."
        )
    assert await unit_of(agency, BUDI) == PUSAT
    # asked again after the rejection: a new request
    assert await ask(agency, BUDI, "unit_kerja", MAKASSAR) == request_id + 1


async def test_an_approved_request_cannot_be_approved_again(agency: App, capsys) -> None:
    request_id = await ask(agency, BUDI, "unit_kerja", MAKASSAR)
    assert await run(agency, "approve", str(request_id)) == 0
    assert await run(agency, "approve", str(request_id)) == 1
    assert (
        capsys.readouterr()
        .out.strip()
        .endswith(f"Permintaan #{request_id} sudah disetujui; keputusannya tidak bisa diubah.")
    )


async def test_an_unknown_request_is_refused(agency: App, capsys) -> None:
    assert await run(agency, "approve", "99") == 1
    assert capsys.readouterr().out.strip() == "Tidak ada permintaan perubahan #99."


async def test_a_nip_another_employee_holds_is_refused(agency: App, capsys) -> None:
    request_id = await ask(agency, BUDI, "nip", HENDRA)
    assert await run(agency, "approve", str(request_id)) == 1
    assert capsys.readouterr().out.strip() == (
        f"Permintaan #{request_id} tidak bisa disetujui: NIP {HENDRA} sudah dipakai "
        "Dr. Hendra Wijaya."
    )
    assert (await request(agency, request_id)).status == "pending"
    async with agency.uow() as uow:
        assert (await uow.employees.by_nip(BUDI)) is not None


@pytest.mark.parametrize(
    ("nip", "new", "problem"),
    [
        (BUDI, "199004172015211003", "Angka ke-13–14 NIP (bulan TMT CPNS) harus bulan 01–12."),
        (BUDI, "19900417201503100", "NIP harus 18 angka."),
        (ANDI, "199207142099211005", "TMT pada NIP tidak boleh di masa depan."),
    ],
    ids=["pns-month", "length", "pppk-future"],
)
async def test_a_nip_malformed_for_the_employees_type_is_refused(
    agency: App, capsys, nip: str, new: str, problem: str
) -> None:
    request_id = await ask(agency, nip, "nip", new)
    assert await run(agency, "approve", str(request_id)) == 1
    assert capsys.readouterr().out.strip() == (
        f"Permintaan #{request_id} tidak bisa disetujui: {problem}"
    )
    assert (await request(agency, request_id)).status == "pending"


async def test_the_same_nip_pattern_is_valid_for_pppk(agency: App) -> None:
    # digits 13–14 of an NI PPPK are no month: "21" is fine for Andi, not for Budi (PNS)
    request_id = await ask(agency, ANDI, "nip", "199207142023211015")
    assert await run(agency, "approve", str(request_id)) == 0


async def test_a_request_overtaken_by_an_import_is_stale(agency: App, tmp_path, capsys) -> None:
    request_id = await ask(agency, BUDI, "unit_kerja", "Pusat Data")
    moved = tmp_path / "pindah.csv"  # the admin's file moves Budi meanwhile
    header, *lines = admin.DEMO_FILE.read_text(encoding="utf-8").splitlines()
    budi = next(line for line in lines if line.startswith(BUDI))
    moved.write_text(f"{header}\n{budi.replace(PUSAT, MAKASSAR)}\n", encoding="utf-8")
    assert await admin.import_file(agency, moved) == 0
    capsys.readouterr()
    assert await run(agency, "approve", str(request_id)) == 1
    assert f"sudah berubah sejak permintaan dibuat (kini {MAKASSAR})" in capsys.readouterr().out
    assert await unit_of(agency, BUDI) == MAKASSAR


async def test_an_english_operator_reads_english(agency: App, capsys) -> None:
    agency.settings.default_locale = "en"
    assert await run(agency, "list") == 0
    assert capsys.readouterr().out.strip() == "No change request is waiting for a decision."
    request_id = await ask(agency, BUDI, "nip", BUDI_CORRECTED)
    assert await run(agency, "approve", str(request_id)) == 0
    assert capsys.readouterr().out.strip() == (
        f"Request #{request_id} approved: NIP of Budi Santoso changed from {BUDI} to "
        f"{BUDI_CORRECTED}."
    )


@pytest.fixture
async def two_pending(agency: App) -> AsyncIterator[App]:
    await ask(agency, BUDI, "unit_kerja", MAKASSAR)
    await ask(agency, ANDI, "nip", "199207142023211015")
    yield agency


async def test_the_list_shows_every_pending_request_oldest_first(two_pending: App, capsys) -> None:
    assert await run(two_pending, "list") == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert [line.split()[0] for line in lines[:2]] == ["#1", "#2"]
    assert "Budi Santoso" in lines[0] and "Andi Pratama" in lines[1]
    assert lines[2].startswith("Setujui dengan idp-bot change-requests approve ID")
