"""The rest of the year in Slack (issue 12): Budi answers the quarterly check-in with his
certificate shared as a Slack file (a wrong type refused and asked again) and Sri, his
supervisor, reads it with the certificate uploaded again; a Kelompok Keahlian member
verifies an item with the buttons and Budi's /skp names the programme; /unduh and /rekap
arrive as uploaded files. The real Bolt app against the fake Slack, on the stories' clock."""

from __future__ import annotations

import io
from collections.abc import AsyncIterator
from datetime import UTC, datetime

import pytest
from docx import Document
from openpyxl import load_workbook

from bot.app import bootstrap
from tests import verified_plans as vp
from tests.channels.conftest import reset_postgres
from tests.channels.test_checkin_story import CERTIFICATE, REASON, open_quarter
from tests.channels.test_documents_story import BUDI as BUDI_V
from tests.channels.test_documents_story import ORG
from tests.channels.test_documents_story import SRI as SRI_V
from tests.conftest import FakeClock, open_story_cycle
from tests.fake_slack import FakeSlack, Upload
from tests.integration.checkin_support import agreed_plan, months
from tests.integration.test_dialog_oversee import SRI
from tests.integration.test_plan_records import BUDI
from tests.integration.verify_setup import POLICY, RAHMAT, RINA, agency
from tests.integration.verify_setup import agreed_plan as verifiable_plan
from tests.scenarios.drivers import Screen
from tests.slack.conftest import (
    RunningSlack,
    SlackPerson,
    bound_person,
    deliver_slack_notices,
    running_slack,
    slack_settings,
)


@pytest.fixture
async def bot(database_url: str, slack: FakeSlack, clock: FakeClock) -> AsyncIterator[RunningSlack]:
    running = await running_slack(slack_settings(database_url, slack), clock)
    yield running
    await running.close()
    await running.app.close()


async def press_token(person: SlackPerson, token: str) -> Screen:
    """Press the form's button ``token`` on the latest buttons: a choice by its place."""
    latest = person.latest_with_buttons()
    assert latest is not None
    [found] = [b for b in latest.buttons if b["value"].startswith("f:")
               and b["value"].endswith(f":{token}")]  # fmt: skip
    start = len(person.slack.calls)
    assert await person.deliver(person.slack.block_actions(person.user, found, latest)) == 200
    return await person._after(start, None)


async def answer(person: SlackPerson, answers: list[str]) -> Screen:
    for text in answers:
        shown = await (press_token(person, text[1:]) if text.startswith("@")
                       else person.type(text, expect=None))  # fmt: skip
    return shown


async def share(person: SlackPerson, name: str, content: bytes, mimetype: str) -> Screen:
    shared = person.slack.add_user_file(person.user, name, content, mimetype)
    start = len(person.slack.calls)
    assert await person.deliver(person.slack.message(person.user, "", files=[shared])) == 200
    return await person._after(start, None)


def uploads_to(slack: FakeSlack, person: SlackPerson) -> list[Upload]:
    return [u for u in slack.uploads.values() if u.channel == person.user.dm]


async def test_budi_checks_in_from_slack_and_sri_reads_his_certificate(
    bot: RunningSlack, slack: FakeSlack, clock: FakeClock
) -> None:
    app = bot.app
    budi = await bound_person(bot, slack, "U0BUDI", "Budi Santoso", BUDI)
    sri = await bound_person(bot, slack, "U0SRI", "Sri Wahyuni", SRI)
    await agreed_plan(app, BUDI, [months(3, 5), months(7, 9), months(10, 12)])
    clock.current = datetime(2026, 9, 30, 2, 5, tzinfo=UTC)  # 09:05 WIB
    assert await open_quarter(app) == 1

    asked = await budi.type("/triwulan", expect=None)
    assert "Bagaimana pelaksanaan item ini" in asked.last
    await answer(budi, ["@c0", "15-04-2026", "@c2", "@c0", "16"])
    latest = budi.latest_with_buttons()
    assert latest is not None and "✍ Tulis jawaban" not in [b["text"] for b in latest.buttons]
    refused = await share(budi, "catatan.docx", b"PK\x03\x04", "application/msword")
    assert "bukan PDF, JPG atau PNG" in refused.texts[0] and "Kirim bukti" in refused.last
    taken = await share(budi, CERTIFICATE.name, CERTIFICATE.content, "application/pdf")
    assert "Kesesuaian" in taken.last
    await answer(budi, ["@c1", "Materinya terlalu umum.", "@c3", "Notulen selesai cepat."])
    await answer(budi, ["@c3", REASON])  # item 2: cancelled, with why
    sent = await budi.press("📨 Kirim check-in", expect=None)
    assert "terkirim ke Sri Wahyuni" in sent.last

    assert await deliver_slack_notices(bot) >= 1
    before = len(uploads_to(slack, sri))
    view = await sri.press("📖 Buka check-in", expect=None)
    assert any("JP terealisasi: 16" in text for text in view.texts)
    [evidence] = uploads_to(slack, sri)[before:]  # stored, then loaded for her
    assert (evidence.filename, evidence.content) == (CERTIFICATE.name, CERTIFICATE.content)


@pytest.fixture
async def verified(
    database_url: str, slack: FakeSlack, clock: FakeClock
) -> AsyncIterator[RunningSlack]:
    """The stories' organisation whose plans are all verified (tests/verified_plans.py)."""
    app = await bootstrap(slack_settings(database_url, slack), clock=clock)
    await reset_postgres(app)
    await open_story_cycle(app)
    async with app.engine.begin() as connection:
        await vp.write(connection, ORG)
    running = await RunningSlack(app).start()
    yield running
    await running.close()
    await app.close()


async def test_formulir1_and_the_group_recap_are_uploaded(
    verified: RunningSlack, slack: FakeSlack
) -> None:
    budi = await bound_person(verified, slack, "U0BUDI", BUDI_V.nama, BUDI_V.nip)
    sri = await bound_person(verified, slack, "U0SRI", SRI_V.nama, SRI_V.nip)

    said = await budi.type("/unduh", expect=None)
    assert any("Formulir 1 — Budi Santoso" in text for text in said.texts)
    [docx] = uploads_to(slack, budi)
    assert docx.filename == f"formulir1-{BUDI_V.nip}-2026.docx"
    assert Document(io.BytesIO(docx.content)).tables[0].rows[1].cells[2].text == BUDI_V.nip
    refused = await budi.type("/rekap")
    assert "hanya untuk anggota kelompok keahlian" in refused.last
    assert len(uploads_to(slack, budi)) == 1

    said = await sri.type("/rekap", expect=None)
    assert any("Pengembangan SDM" in text for text in said.texts)
    [xlsx] = uploads_to(slack, sri)
    assert xlsx.filename.endswith(".xlsx")
    rows = list(load_workbook(io.BytesIO(xlsx.content)).worksheets[0].iter_rows(values_only=True))
    assert sorted({r[1] for r in rows[2:]}) == ["Budi Santoso", "Sri Wahyuni"]


@pytest.fixture
async def bare_slack(
    database_url: str, slack: FakeSlack, clock: FakeClock
) -> AsyncIterator[RunningSlack]:
    """The Slack channel on a database with the stories' cycle open and nobody in it yet."""
    app = await bootstrap(slack_settings(database_url, slack), clock=clock)
    await reset_postgres(app)
    await open_story_cycle(app)
    running = await RunningSlack(app).start()
    yield running
    await running.close()
    await app.close()


async def test_a_group_member_verifies_in_slack_and_skp_names_the_programme(
    bare_slack: RunningSlack, slack: FakeSlack, clock: FakeClock
) -> None:
    app = bare_slack.app
    clock.advance(days=1, minutes=5)  # Monday 30 November, 09:05 in Jakarta
    await agency(app)
    await verifiable_plan(app, RAHMAT, [POLICY], clock.now())
    rina = await bound_person(bare_slack, slack, "U0RINA", "Rina Marlina", RINA)
    rahmat = await bound_person(bare_slack, slack, "U0RAHMAT", "Rahmat Hidayat", RAHMAT)

    queue = await rina.type("/verifikasi")
    assert "Rahmat Hidayat" in queue.last and "Rahmat Hidayat · item 1" in queue.buttons
    await rina.press("Rahmat Hidayat · item 1", expect=2)
    await rina.press("Tinggi")
    await rina.press("⏭ Lewati")
    done = await rina.press("Simpan verifikasi")
    assert "1 rencana kini terverifikasi" in done.last

    skp = await rahmat.type("/skp")
    assert "Program Pengembangan Kompetensi: 1 Program" in skp.last
    assert "Analisis Kebijakan" in skp.last
