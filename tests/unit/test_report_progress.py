"""/progres and the check-ins: Budi sees his JP against the PNS minimum, Dewi (PPPK) that she
is over the PPPK maximum, their supervisor Hendra his team with a chart, and Siti, the
learning coordinator, every unit with a chart and — pressing its button — the XLSX."""

from __future__ import annotations

from dataclasses import replace

import pytest

import messages
from handlers.model import JenisPegawai, Role
from handlers.report import workbook
from handlers.report.chart import GROUPS_DRAWN, render
from handlers.report.figures import Figures, by_unit
from tests.unit.chat_bot import Bot
from tests.unit.fakes import STORY_YEAR, employee
from tests.unit.report_checks import png_size, sheets
from tests.unit.sample_report import ANSWERS, HOLDERS, ITEMS, YEAR

HENDRA_NIP = "197502102000031002"
SITI = employee(1, "Siti Rahmawati", "197002151995032001", [Role.KOORDINATOR_PEMBELAJARAN])
HENDRA = employee(6, "Hendra Gunawan", HENDRA_NIP, [Role.ATASAN], unit_kerja="Pusat")
BUDI = employee(2, "Budi Santoso", "199004172015031003", unit_kerja="Pusat",
                supervisor_nip=HENDRA_NIP)  # fmt: skip
DEWI = employee(3, "Dewi Lestari", "199105122019032001", unit_kerja="Pusat",
                supervisor_nip=HENDRA_NIP, jenis_pegawai=JenisPegawai.PPPK)  # fmt: skip
EKO = employee(4, "Eko Prasetyo", "198801012010011001", unit_kerja="Balai")
RINA = employee(7, "Rina Wati", "199203032020122001", unit_kerja="Balai")  # no plan agreed


async def agency() -> Bot:
    bot = Bot(SITI, HENDRA, BUDI, DEWI, EKO, RINA)
    report = bot.database.state.report
    report.holders[STORY_YEAR], report.items[STORY_YEAR] = list(HOLDERS), list(ITEMS)
    report.answers[STORY_YEAR] = list(ANSWERS)
    for who, person in (("siti", SITI), ("hendra", HENDRA), ("budi", BUDI), ("dewi", DEWI),
                        ("rina", RINA)):  # fmt: skip
        await bot.linked(who, person)
    return bot


async def test_budi_sees_his_jp_against_the_pns_minimum_and_his_items() -> None:
    bot = await agency()  # 29 November: three check-in dates have passed
    [reply] = await bot.say("budi", "/progres")
    context = reply.text.context
    assert reply.text.template == "report/own" and context["pns"]
    assert (context["jp_planned"], context["jp_realized"]) == (28, 16)
    assert (context["done"], context["cancelled"], context["late"]) == (1, 1, 1)  # Q3's is late
    assert reply.attachment is None


async def test_dewi_is_told_she_is_over_the_pppk_maximum() -> None:
    bot = await agency()
    await bot.say("dewi", "/bahasa en")
    [reply] = await bot.say("dewi", "/progres")
    assert not reply.text.context["pns"] and reply.text.context["jp_realized"] == 32
    assert "over the limit" in messages.render(reply.text.template, "en", reply.text.context)


async def test_someone_with_no_agreed_plan_is_told_when_figures_come() -> None:
    bot = await agency()
    [reply] = await bot.say("rina", "/progres")
    assert reply.text.template == "report/own_none"


async def test_hendra_gets_his_team_with_a_chart_and_the_xlsx_on_request() -> None:
    bot = await agency()
    own, team = await bot.say("hendra", "/progres")
    assert own.text.template == "report/own_none"  # his own plan is not agreed yet
    assert team.text.template == "report/groups" and team.text.context["kind"] == "team"
    assert [g["label"] for g in team.text.context["groups"]] == ["Budi Santoso", "Dewi Lestari"]
    assert team.attachment is not None and team.attachment.picture
    assert team.attachment.mime == "image/png" and team.attachment.data is not None
    png_size(team.attachment.data)
    [button] = [b for row in team.buttons for b in row]
    [sent] = await bot.say("hendra", payload=button.payload)
    assert sent.attachment is not None and sent.attachment.name.endswith(".xlsx")
    assert sent.attachment.data is not None
    summary, quarters = sheets(sent.attachment.data).values()
    assert [row[:6] for row in summary[1:]] == [
        ("Budi Santoso", 1, 1, 0, 28, 16), ("Dewi Lestari", 1, 0, 1, 30, 32),
        ("Semua", 2, 1, 1, 58, 48)]  # fmt: skip
    assert quarters[1] == ("Budi Santoso", 1, 1, 0, 6)


async def test_siti_gets_every_unit_with_a_chart_and_the_xlsx_numbers_match() -> None:
    bot = await agency()
    [reply] = await bot.say("siti", "/progres checkin")
    context = reply.text.context
    assert [g["label"] for g in context["groups"]] == ["Balai", "Pusat"]  # Balai's item late
    assert (context["total"]["jp_realized"], context["total"]["late"]) == (48, 2)
    assert reply.attachment is not None
    assert reply.attachment.data is not None
    png_size(reply.attachment.data)
    [sent] = await bot.say("siti", payload="report:xlsx:units")
    assert sent.attachment is not None and sent.attachment.data is not None
    summary = sheets(sent.attachment.data)["Ringkasan"]
    assert summary[0][:3] == ("Unit / Pegawai", "Pegawai", "PNS")
    assert summary[1] == ("Balai", 1, 1, 0, 24, 0, 20, 1, 0, 1, 0, 0, 1, 0, 0, 0)
    assert summary[2] == ("Pusat", 2, 1, 1, 58, 48, 20, 1, 1, 5, 3, 0, 1, 1, 0, 24)


@pytest.mark.parametrize("who", ["budi", "hendra"])
async def test_the_units_xlsx_is_refused_to_whoever_is_no_coordinator(who: str) -> None:
    bot = await agency()
    [refused] = await bot.say(who, payload="report:xlsx:units")
    assert refused.text.template == "report/not_allowed" and refused.attachment is None


async def test_budi_has_no_team_to_download() -> None:
    bot = await agency()
    [refused] = await bot.say("budi", payload="report:xlsx:team")
    assert refused.text.template == "report/not_allowed"


def test_a_unit_name_that_looks_like_a_formula_stays_text_in_the_xlsx() -> None:
    [unit] = by_unit_named('=HYPERLINK("http://x")')
    rows = sheets(workbook.write([unit], unit, "id"))["Ringkasan"]
    assert rows[1][0] == '=HYPERLINK("http://x")'


def by_unit_named(name: str) -> list[Figures]:
    return by_unit(replace(YEAR, holders=[replace(h, unit=name) for h in YEAR.holders]))


def test_many_units_draw_only_the_first_few_and_the_picture_stays_sane() -> None:
    [unit] = by_unit_named("Pusat")
    many = [Figures(**{**vars(unit), "label": f"Unit {n} dengan nama yang sangat panjang sekali"})
            for n in range(40)]  # fmt: skip
    width, height = png_size(render(many, "Check-in 2026", "en"))
    assert GROUPS_DRAWN < 40 and width == 1200 and height < 2000


async def test_the_summed_pns_minimum_says_it_is_20_jp_per_pns() -> None:
    bot = await agency()
    [reply] = await bot.say("siti", "/progres checkin")  # Budi and Eko are PNS
    said = {locale: messages.to_plain_text(messages.render(reply.text.template, locale,
                                                           reply.text.context))
            for locale in ("id", "en")}  # fmt: skip
    assert "target minimal PNS: 2 PNS × 20 JP = 40 JP" in said["id"]
    assert "PNS minimum: 2 PNS × 20 JP = 40 JP" in said["en"]
    assert "minimal PNS 40" not in said["id"] and "PNS minimum 40" not in said["en"]
    assert messages.render("report/chart/jp_target", "en", {}).strip() == (
        "PNS minimum: 20 JP × number of PNS"
    )
