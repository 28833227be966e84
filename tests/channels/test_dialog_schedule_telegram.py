"""Through the real python-telegram-bot against the fake Bot API: Budi sent his plan; Sri
presses "Jadwalkan" on the notice, is refused a Saturday and a day after the window — each
time told why and asked again —, proposes Wednesday 09:00; Budi accepts; both receive the
appointment and its .ics file as a Telegram document."""

from __future__ import annotations

from datetime import UTC, date, datetime

from icalendar import Calendar

from bot.app import App
from handlers.dialog.model import Window
from handlers.formulir1.flow import supervisor_notice
from handlers.notify import notify
from handlers.plan.lifecycle import Actor, Event
from handlers.plan.transitions import fire
from tests.channels.conftest import BUDI, Person, RunningBot, demo_person, invite_code
from tests.delivery_support import start_sender
from tests.fake_telegram import FakeBotApi, Sent
from tests.integration.test_plan_records import CONTENT

SRI, RAHMAT = "198206202008012002", "198801012012011006"
UNIT = "Pusat Pengembangan Kompetensi"


async def sent_plan(app: App) -> None:
    """Budi's 2026 plan, sent; Sri's notice queued as sending it queues it."""
    now = app.clock.now()
    async with app.uow() as uow:
        await uow.dialog.set_window(2026, Window(date(2026, 12, 1), date(2026, 12, 18), UNIT),
                                    "coordinator", now)  # fmt: skip
        budi, sri = await uow.employees.by_nip(BUDI), await uow.employees.by_nip(SRI)
        assert budi is not None and sri is not None
        plan = await uow.plans.create(budi.id, 2026, now)
        await fire(uow, plan, Event.SUBMIT, frozenset({Actor.EMPLOYEE}), now, employee_id=budi.id)
        context = {"year": 2026, "items": 1, "jp": 24, "supervisor": sri.nama}
        await notify(uow, supervisor_notice(budi, sri, plan.id, CONTENT, context), now)
        await uow.commit()


async def delivered(app: App, api: FakeBotApi, person: Person, count: int) -> list[Sent]:
    """Run the outbox sender once; the ``count`` messages ``person`` got from it."""
    before = len(api.sent_to(person.user.id))
    sender = await start_sender(app)
    try:
        await sender.send_due()
    finally:
        await sender.channel.close()
    return (await api.wait_for(person.user.id, before + count))[before:]


def ics_event(message: Sent) -> tuple[str, object]:
    assert message.method == "sendDocument" and message.document is not None
    assert message.document.name.endswith(".ics")
    calendar = Calendar.from_ical(message.document.content)
    [event] = calendar.walk("VEVENT")
    return str(calendar["METHOD"]), event


async def test_sri_schedules_inside_the_window_budi_accepts_both_get_the_ics(
    running_bot: RunningBot, bot_api: FakeBotApi
) -> None:
    app = running_bot.app
    budi = await demo_person(app, bot_api, 5001)
    sri = Person(bot_api, bot_api.user(6001, "Sri"))
    await sri.say(f"/start {await invite_code(app, SRI)}")
    await sent_plan(app)
    [notice] = await delivered(app, bot_api, sri, 1)
    assert notice.buttons[0][0] == "📅 Jadwalkan"

    asked = await sri.press("📅 Jadwalkan", expect=2)
    assert "Jendela dialog: 1 Desember 2026 sampai 18 Desember 2026" in asked[-1].text
    saturday, again = await sri.say("05-12-2026 09:00", expect=2)
    assert "bukan hari kerja" in saturday.text and "Kapan dialognya?" in again.text
    late, again = await sri.say("24-12-2026 09:00", expect=2)
    assert "di luar jendela dialog" in late.text and "Kapan dialognya?" in again.text
    await sri.say("02-12-2026 09:00")
    [sent] = await sri.press("Kirim usulan")
    assert "Usulan terkirim ke Budi Santoso: 2 Desember 2026 pukul 09:00 WIB" in sent.text

    [offer] = await delivered(app, bot_api, budi, 1)
    assert "2 Desember 2026 pukul 09:00 WIB" in offer.text
    [accept_payload] = [payload for label, payload in offer.buttons if label == "✅ Terima"]
    agreed, ics = await budi.press("✅ Terima", expect=2)
    assert "disepakati dengan <b>Sri Wahyuni</b>" in agreed.text
    method, event = ics_event(ics)
    assert method == "REQUEST"
    assert event.decoded("DTSTART") == datetime(2026, 12, 2, 2, tzinfo=UTC)  # type: ignore[attr-defined]

    told, her_ics = await delivered(app, bot_api, sri, 2)
    assert "disepakati dengan <b>Budi Santoso</b>" in told.text
    assert her_ics.document == ics.document
    assert [label for label, _ in told.buttons] == ["🕑 Ubah jadwal", "✖ Batalkan"]

    rahmat = Person(bot_api, bot_api.user(7001, "Rahmat"))  # another unit's employee
    await rahmat.say(f"/start {await invite_code(app, RAHMAT)}")
    [refused] = await rahmat.press_payload(accept_payload)
    assert "Hanya pegawai pemilik rencana dan atasan langsungnya" in refused.text


async def test_after_the_window_no_date_is_offered_and_the_agreement_is_named(
    running_bot: RunningBot, bot_api: FakeBotApi
) -> None:
    app = running_bot.app
    await demo_person(app, bot_api, 5002)  # the demo organisation, Budi bound
    sri = Person(bot_api, bot_api.user(6002, "Sri"))
    await sri.say(f"/start {await invite_code(app, SRI)}")
    await sent_plan(app)
    async with app.uow() as uow:  # the unit's window ended before today (29 November)
        await uow.dialog.set_window(2026, Window(date(2026, 11, 2), date(2026, 11, 20), UNIT),
                                    "coordinator", app.clock.now())  # fmt: skip
        await uow.commit()
    await delivered(app, bot_api, sri, 1)  # the notice of Budi's plan, "📅 Jadwalkan" on it
    [refused] = await sri.press("📅 Jadwalkan")
    assert "Jendela dialog kinerja sudah berakhir" in refused.text
    assert "Catat kesepakatan dialog" in refused.text
