"""Every user-facing text renders in both languages, escapes what people typed, and formats
dates and numbers the Indonesian way."""

from __future__ import annotations

from datetime import UTC, date, datetime
from itertools import combinations
from typing import Any

import pytest
from jinja2 import UndefinedError

import messages
from handlers import identity, menu
from handlers.cycle import default_cycle
from handlers.cycle.chat import dates
from handlers.effects import Msg
from handlers.model import Role
from tests.unit.dialog_schedule_samples import DIALOG_SCHEDULE_SAMPLES
from tests.unit.fakes import FakeDatabase, employee
from tests.unit.sample_checkin import CHECKIN_SAMPLES
from tests.unit.sample_dialog_agree import DIALOG_AGREE_SAMPLES
from tests.unit.sample_forms import FORM_SAMPLES
from tests.unit.sample_recap import RECAP_SAMPLES
from tests.unit.sample_report import REPORT_SAMPLES
from tests.unit.sample_slack_home import HOME_SAMPLES
from tests.unit.sample_team import TEAM_SAMPLES
from tests.unit.sample_verify import VERIFY_SAMPLES

BUDI = "199004172015031003"
ALL_ROLES = sorted(role.value for role in Role)
EXTRA_ROLES = [role for role in Role if role is not Role.PEGAWAI]

MENU = {
    "name": "Sri Wahyuni",
    "roles": ALL_ROLES,
    "reports": ["Andi Pratama", "Budi Santoso", "Dewi Lestari"],
    "report_count": 3,
    "group": "Pengembangan SDM",
    "group_size": 4,
    "org_size": 1250,
}
THROTTLE = {"max_failures": 5, "minutes": 15}

SAMPLE_CONTEXTS: dict[str, dict[str, Any]] = {
    "cli/chat_banner": {"name": "Budi Santoso", "demo": True},
    "cli/db_upgraded": {},
    "cli/demo_seeded": {},
    "cli/import_row_error": {"row": 7, "reason": "duplicate", "detail": f"{BUDI} 3"},
    "cli/import_summary": {"loaded": 1250, "refused": 3},
    "cli/import_unreadable": {"reason": "columns", "name": "organisasi.xlsx", "detail": "nip"},
    "cli/invites_written": {"count": 6, "path": "invites-2026-11-29.csv", "skipped": 1200},
    "cli/telegram_starting": {"mode": "polling", "api": "https://api.telegram.org"},
    "cli/unbound": {"count": 1, "nip": BUDI},
    "cli/unknown_nip": {"nip": BUDI},
    "cli/unknown_group": {"name": "Nope", "known": ["Pengembangan SDM", "Teknologi Informasi"]},
    "cli/unknown_unit": {"name": "Nope", "known": ["Balai Diklat Makassar"]},
    "cli/web_needs_token": {},
    "cli/worker_starting": {},
    "identity/not_linked": {},
    "identity/refused_account_taken": THROTTLE,
    "identity/refused_expired": THROTTLE,
    "identity/refused_throttled": THROTTLE,
    "identity/refused_unknown": THROTTLE,
    "identity/refused_used": THROTTLE,
    "identity/unlinked_elsewhere": {},
    "label/cmd_bahasa": {},
    "label/cmd_bantuan": {},
    "label/cmd_batal": {},
    "label/cmd_profil": {},
    "label/cmd_start": {},
    "label/lang_en": {},
    "label/lang_id": {},
    "menu/_what_you_can_do": MENU,
    "menu/greeting": MENU,
    "menu/help": MENU,
    "menu/language_choose": {},
    "menu/language_set": {},
    "menu/language_unknown": {"choices": ["id", "en"]},
    "menu/nothing_to_cancel": {},
    "menu/profile": {
        "nama": "Budi Santoso",
        "nip": BUDI,
        "jenis_pegawai": "PNS",
        "pangkat_golongan": "Penata Muda Tingkat I, III/b",
        "pendidikan": "S1 Psikologi",
        "masa_kerja": "11 tahun 8 bulan",
        "jabatan": "Analis SDM Aparatur Ahli Pertama",
        "unit_kerja": "Pusat Pengembangan Kompetensi",
        "zona_waktu": "WIB",
    },
    "menu/stale_button": {},
    "menu/unknown_command": {},
    # reference data (catalogues: every key is rendered in test_methods.py, test_competencies.py)
    "cli/reference_row_error": {"row": 4, "reason": "kompetensi_jenis", "detail": "manajerial"},
    "cli/reference_replace_refused": {},
    "ref/competency": {"key": "perekat_bangsa", "part": "description"},
    "ref/competency_class": {"key": "sosio_kultural", "part": "name"},
    "ref/competency_label": {"key": "analisis_kebijakan", "name": "Analisis Kebijakan"},
    "ref/job_level": {"key": "ahli_pertama", "part": "name"},
    "ref/method": {"key": "squad_team", "part": "description"},
    "ref/method_class": {"key": "eksperiensial", "part": "title"},
    "menu/internal_error": {},
    "menu/reply_lost": {},
    "cli/telegram_token_rejected": {"api": "https://api.telegram.org"},
    "cli/telegram_unreachable": {"api": "http://127.0.0.1:9"},
    **FORM_SAMPLES,
    **DIALOG_AGREE_SAMPLES,
}
# Slack delivery (issue 12): time zones from Slack
SAMPLE_CONTEXTS.update({"cli/slack_needs_token": {}, "cli/slack_zones_learnt": {"count": 12}})

# delivery (issue 4): broadcasts, reminders and their command-line answers
REPORT = {
    "id": 7, "audience": {"kind": "unit", "value": "Pusat Data", "year": None},
    "total": 10000, "sent": 9990, "failed": 3,
    "failures": [("timeout", 2), ("server: Bad Gateway", 1)], "unreachable": 7,
    "people": [{"nama": "Budi Santoso", "nip": BUDI}], "more_people": 6, "uncertain": 2,
    "cancelled": 0, "waiting": 0,
}  # fmt: skip
SAMPLE_CONTEXTS.update({
    "broadcast/_reason": {"reason": "network: ConnectError"},
    "broadcast/message": {"text": "Rapat koordinasi IDP, Senin 09:00 <di aula> & daring"},
    "broadcast/progress": {"id": 7, "total": 10000, "sent": 3200, "waiting": 6790, "failed": 3,
                           "unreachable": 7, "cancelled": 0, "uncertain": 2, "stopped": 1,
                           "done": False},
    "broadcast/refused": {"reason": "audience_kind", "detail": "kantor:Pusat"},
    "broadcast/report": REPORT,
    "reminder/formulir1_not_started": {"deadline": date(2027, 1, 15)},
    "reminder/formulir1_not_submitted": {"deadline": None},
    "cli/bad_input": {"value": "besok pagi", "expected": "YYYY-MM-DD HH:MM"},
    "cli/missing_input": {"expected": "--to AUDIENCE --text-file FILE"},
    "cli/broadcast_cancelled": {"id": 7, "count": 9500},
    "cli/broadcast_created": {
        "id": 7, "audience": "all", "recipients": 10000, "now": False,
        "zones": [{"zone": "WITA", "local": "2027-01-04 09:00", "utc": "2027-01-04 01:00"}],
        "moved": None,
    },
    "cli/broadcast_list": {"items": [{"id": 7, "audience": "all", "recipients": 10000,
                                      "first_due": "2027-01-04 00:00 UTC", "started": False}]},
    "cli/cuti_bersama_added": {"day": date(2026, 12, 24), "changed": True},
    "cli/cuti_bersama_list": {"days": [date(2026, 12, 24)]},
    "cli/cuti_bersama_removed": {"day": date(2026, 12, 24), "changed": False},
    "cli/reminder_added": {"id": 3, "audience": "stage:not_submitted:2027",
                           "on": date(2027, 1, 11), "at": "09:00", "deadline": date(2027, 1, 15)},
    "cli/reminder_list": {"items": [{"id": 3, "audience": "stage:not_started:2027",
                                     "template": "reminder/formulir1_not_started",
                                     "on": date(2027, 1, 11), "at": "09:00", "done": False}]},
    "cli/reminder_removed": {"id": 3, "removed": True},
    "cli/mail_for": {"name": "Sri Wahyuni"},
    "cli/mail_buttons": {"labels": ["✔ Setujui", "✖ Tolak"], "nip": "197002151995031001"},
})  # fmt: skip

# change requests (issue 3): the administrator's side, in chat and at the command line
CHANGE = {"id": 3, "nip": BUDI, "nama": "Budi Santoso", "field": "nip", "old": BUDI,
          "new": "199004172015031099", "created": date(2026, 11, 29)}  # fmt: skip
SAMPLE_CONTEXTS.update({
    "change/cli_list": {"items": [CHANGE]},
    "change/decided": {**CHANGE, "status": "approved"},
    "change/refused": {"id": 3, "reason": "nip_taken", "problem": None,
                       "detail": f"{BUDI} Budi Santoso"},
    "change/filed": CHANGE,
    "change/request": CHANGE,
    "change/_request": CHANGE,
    "change/_field": {"field": "unit_kerja"},
    "change/list": {"count": 12, "shown": 10},
    "change/not_allowed": {},
    "change/outcome": {**CHANGE, "field": "unit_kerja", "status": "rejected"},
    "progres/overview": {"year": 2026, "employees": 120, "started": 80, "submitted": 45,
                         "units": [{"unit": "Pusat Data", "employees": 20, "started": 5,
                                    "submitted": 1}], "more_units": 3},
    "label/approve": {},
    "label/reject": {},
})  # fmt: skip

# personal data (UU PDP): export, erase, leavers
SAMPLE_CONTEXTS.update({
    "cli/person_exported": {"path": f"data-pribadi-{BUDI}.json",
                            "counts": {"accounts": 1, "plans": 2, "messages": 1204}},
    "cli/person_not_written": {"path": "/nope/x.json", "reason": "No such file or directory"},
    "cli/person_erase_confirm": {"nip": BUDI, "name": "Budi <Santoso>"},
    "cli/person_erase_cancelled": {},
    "cli/person_erased": {"nip": BUDI, "report": {"accounts": 1, "plans_kept": 2,
                                                  "mentions": 3, "new_part": 1}},
    "cli/import_leavers": {"left": 1250},
    "cli/import_leavers_refused": {"name": "organisasi.csv"},
})  # fmt: skip

# the hardening issue, part B: files named on the command line, broadcasts held from the night
MOVED = Msg("broadcast/moved", {"asked": "07:00", "quiet": "21:00–07:00", "zones": [
    {"zone": "WITA", "reason": "passed", "at_once": True, "day": date(2026, 12, 4),
     "at": "08:15"},
    {"zone": "WIT", "reason": "quiet", "at_once": False, "day": date(2026, 12, 5),
     "at": "07:00"}]})  # fmt: skip
SAMPLE_CONTEXTS.update({
    "cli/file_unreadable": {"reason": "encoding", "name": "pengumuman.txt", "detail": ""},
    "cli/file_unwritable": {"reason": "no_folder", "name": "undangan.csv", "detail": "keluar"},
    "cli/file_read_as": {"name": "pengumuman.txt"},
    "broadcast/_count": {"key": "unreachable"},
    "broadcast/_uncertain": {"uncertain": 3, "stopped": 2},
    "broadcast/moved": MOVED.context,
})  # fmt: skip
SAMPLE_CONTEXTS["cli/broadcast_created"] = {**SAMPLE_CONTEXTS["cli/broadcast_created"],
                                            "moved": MOVED}  # fmt: skip
SAMPLE_CONTEXTS["siaran/recipients"] = {"count": 120, "moved": MOVED}
CYCLE_2027 = dates(
    default_cycle(2027, "199001012015031001", datetime(2026, 12, 3, 3, 0, tzinfo=UTC))
)
SAMPLE_CONTEXTS.update({
    "cycle/_dates": CYCLE_2027,
    "cycle/list": {"cycles": [CYCLE_2027], "current": 2027, "suggest": 2028},
    "cycle/confirm": CYCLE_2027,
    "cycle/opened": CYCLE_2027,
    "cycle/checkins_set": CYCLE_2027,
    "cycle/already_open": {"year": 2027},
    "cycle/refused": {"reason": "year", "year": 2030, "this": 2026, "next": 2027},
    "cycle/not_open": {"can_open": False, "coordinators": ["Siti Rahmawati"], "suggest": 2027},
    "label/open_cycle": {"year": 2027},
})  # fmt: skip
SAMPLE_CONTEXTS["form/not_taken"] = {}  # issue 8: safe with several workers
SAMPLE_CONTEXTS.update(TEAM_SAMPLES)  # issue 9: the supervisor's overview
SAMPLE_CONTEXTS.update(DIALOG_SCHEDULE_SAMPLES)  # issue 9: the dialog kinerja's date
SAMPLE_CONTEXTS.update(RECAP_SAMPLES)  # issue 10: Formulir 2 and the documents
SAMPLE_CONTEXTS.update(VERIFY_SAMPLES)  # issue 10: the expertise group's verification
SAMPLE_CONTEXTS.update(HOME_SAMPLES)  # issue 12: the home (Slack's App Home), Slack's texts
SAMPLE_CONTEXTS.update(REPORT_SAMPLES)  # issue 11: JP and progress of the check-ins
SAMPLE_CONTEXTS.update(CHECKIN_SAMPLES)  # issue 11: the quarterly check-in

ALL_TEMPLATES = sorted({(loc, n) for loc in messages.LOCALES for n in messages.template_names(loc)})


def test_both_languages_have_exactly_the_same_templates() -> None:
    assert messages.template_names("id") == messages.template_names("en")
    assert messages.template_names("id"), "no templates found at all"


def test_every_sample_context_belongs_to_a_template_that_still_exists() -> None:
    assert set(SAMPLE_CONTEXTS) == set(messages.template_names("id"))


@pytest.mark.parametrize(("locale", "name"), ALL_TEMPLATES)
def test_every_template_renders_with_its_sample(locale: str, name: str) -> None:
    assert name in SAMPLE_CONTEXTS, f"new template {name}: add a sample context to this test"
    text = messages.render(name, locale, SAMPLE_CONTEXTS[name])
    assert text
    assert "{{" not in text and "{%" not in text


def test_a_variable_missing_from_the_context_is_an_error_not_a_blank() -> None:
    with pytest.raises(UndefinedError):
        messages.render("menu/help", "id", {"roles": ["pegawai"]})


def test_an_unknown_locale_falls_back_to_indonesian() -> None:
    assert messages.render("menu/stale_button", "fr") == messages.render("menu/stale_button", "id")


# --- what people typed is escaped --------------------------------------------------------


@pytest.mark.parametrize("locale", messages.LOCALES)
def test_a_name_with_html_in_it_comes_out_escaped(locale: str) -> None:
    context = {**MENU, "name": "<b>&", "reports": ["<i>Ana</i>"], "group": "R&D"}
    text = messages.render("menu/greeting", locale, context)
    assert "&lt;b&gt;&amp;" in text
    assert "&lt;i&gt;Ana&lt;/i&gt;" in text
    assert "R&amp;D" in text
    assert "<i>" not in text


# --- the menu follows the person's roles -------------------------------------------------

ROLE_SETS = [
    frozenset(c) for n in range(len(EXTRA_ROLES) + 1) for c in combinations(EXTRA_ROLES, n)
]


async def menu_context(roles: frozenset[Role]) -> dict[str, Any]:
    """What handlers.menu really gives a supervisor of 12 people in a group of 3."""
    boss = employee(1, "Sri Wahyuni", "198206202008012002", roles, kelompok_keahlian="SDM")
    staff = [
        employee(10 + i, f"Staf {i:02d}", f"199004172015031{i:03d}", supervisor_nip=boss.nip,
                 kelompok_keahlian="SDM" if i < 2 else None)
        for i in range(12)
    ]  # fmt: skip
    database = FakeDatabase(boss, *staff)
    async with database.uow() as uow:
        return await menu.role_context(uow, boss)


@pytest.mark.parametrize("locale", messages.LOCALES)
@pytest.mark.parametrize("name", ["menu/greeting", "menu/help", "menu/_what_you_can_do"])
@pytest.mark.parametrize("roles", ROLE_SETS, ids=lambda r: "+".join(sorted(r)) or "pegawai")
async def test_the_menu_renders_one_section_per_role_held(
    roles: frozenset[Role], name: str, locale: str
) -> None:
    plain = messages.render(name, locale, await menu_context(frozenset()))
    text = messages.render(name, locale, await menu_context(roles))
    assert text.count("<b>") == plain.count("<b>") + len(roles)
    assert (text == plain) is (not roles)


@pytest.mark.parametrize("locale", messages.LOCALES)
async def test_a_supervisor_sees_ten_reports_by_name_and_a_sign_that_there_are_more(
    locale: str,
) -> None:
    context = await menu_context(frozenset({Role.ATASAN}))
    assert (context["report_count"], len(context["reports"])) == (12, menu.REPORTS_SHOWN)
    text = messages.render("menu/help", locale, context)
    assert "Staf 09" in text and "Staf 10" not in text
    assert "12" in text and "…" in text


def test_an_english_supervisor_of_one_reads_a_singular() -> None:
    one = {**MENU, "roles": ["atasan", "pegawai"], "report_count": 1, "reports": ["Budi"]}
    assert "1 direct report:" in messages.render("menu/help", "en", one)


@pytest.mark.parametrize(("locale", "shown"), [("id", "1.250"), ("en", "1,250")])
def test_organisation_sizes_are_written_with_the_locales_thousands_separator(
    locale: str, shown: str
) -> None:
    assert shown in messages.render("menu/help", locale, MENU)


@pytest.mark.parametrize("locale", messages.LOCALES)
@pytest.mark.parametrize("demo", [True, False])
def test_the_terminal_banner_mentions_demo_data_only_in_demo_mode(locale: str, demo: bool) -> None:
    with_demo = messages.render("cli/chat_banner", locale, {"name": "Budi", "demo": True})
    text = messages.render("cli/chat_banner", locale, {"name": "Budi", "demo": demo})
    assert (text == with_demo) is demo
    assert "IDP_TELEGRAM_TOKEN" not in text or demo


# --- what the core asks for exists -------------------------------------------------------

IMPORT_REASONS = [
    "missing", "too_long", "jenis_pegawai", "golongan", "peran", "zona_waktu", "bahasa",
    "email", "masa_kerja", "atasan_self", "atasan_unknown", "atasan_rejected", "atasan_loop",
    "duplicate", "nip_lost_digits",
    *(f"nip_{code}" for code in
      ("length", "birth_date", "sex_digit", "tmt_month", "tmt_future", "tmt_too_young")),
]  # fmt: skip


@pytest.mark.parametrize("locale", messages.LOCALES)
@pytest.mark.parametrize("reason", IMPORT_REASONS)
def test_every_import_refusal_has_its_own_sentence(reason: str, locale: str) -> None:
    detail = f"{BUDI} 3" if reason == "duplicate" else "x"
    text = messages.render(
        "cli/import_row_error", locale, {"row": 7, "reason": reason, "detail": detail}
    )
    assert text.startswith(("Baris 7: ", "Row 7: "))
    assert f": {reason} {detail}" not in text, "fell through to the generic branch"


@pytest.mark.parametrize("locale", messages.LOCALES)
@pytest.mark.parametrize("reason", ["unknown", "used", "expired", "throttled", "account_taken"])
def test_every_invite_refusal_renders_as_the_core_builds_it(reason: str, locale: str) -> None:
    reply = identity.refusal_reply(reason, locale)
    text = messages.render(reply.text.template, reply.locale, reply.text.context)
    assert text
    if reason == "throttled":
        assert "5" in text and "15" in text


# --- formats -----------------------------------------------------------------------------


def test_dates_are_written_day_month_name_year() -> None:
    assert messages.format_date(date(2026, 11, 29), "id") == "29 November 2026"
    assert messages.format_date(date(2026, 12, 1), "id") == "1 Desember 2026"
    assert messages.format_date(date(2026, 12, 1), "en") == "1 December 2026"
    assert messages.format_date(datetime(2027, 8, 17, 9, 30), "id") == "17 Agustus 2027"


def test_templates_format_dates_and_numbers_through_filters() -> None:
    template = messages.environment("id").from_string("{{ d|date }} · {{ n|number }}")
    assert template.render(d=date(2026, 5, 2), n=1234567) == "2 Mei 2026 · 1.234.567"


def test_numbers_use_dots_in_indonesian_and_commas_in_english() -> None:
    assert messages.format_number(10000, "id") == "10.000"
    assert messages.format_number(10000, "en") == "10,000"
    assert messages.format_number(999, "id") == "999"


def test_the_terminal_gets_plain_text_without_tags_and_entities() -> None:
    html = "<b>Halo</b>, <i>Budi</i> &amp; <code>idp-bot</code>: &lt;b&gt; stays text"
    assert messages.to_plain_text(html) == "Halo, Budi & idp-bot: <b> stays text"


def test_a_rendered_name_reads_back_as_typed_in_the_terminal() -> None:
    text = messages.render("menu/help", "id", {**MENU, "name": "<b>&"})
    assert messages.to_plain_text(text).startswith("Halo, <b>&.")


def _twice(name: str, key: str) -> dict[str, object]:
    sample = dict(SAMPLE_CONTEXTS[name])
    first = dict(sample[key][0])  # type: ignore[index]
    variants = [first, {**first, "id": 99, "deadline": None, "started": False, "when": None}]
    return {**sample, key: variants}


@pytest.mark.parametrize("locale", messages.LOCALES)
@pytest.mark.parametrize(("name", "key"), [("siaran/list", "broadcasts"),
                                           ("pengingat/list", "reminders")])  # fmt: skip
def test_each_listed_item_has_a_line_of_its_own(locale: str, name: str, key: str) -> None:
    """A line ending in a template tag once lost its newline: "…08:00 waktu setempat• #1"."""
    shown = messages.to_plain_text(messages.render(name, locale, _twice(name, key)))
    items = [line for line in shown.splitlines() if line.startswith("• #")]
    assert len(items) == 2, shown


def test_a_report_queued_before_audiences_were_worded_still_renders() -> None:
    """Reports queued by the previous release stored the audience as text ("unit:…")."""
    for locale in messages.LOCALES:
        shown = messages.render("broadcast/report", locale, {**REPORT, "audience": "unit:Pusat"})
        assert "(unit:Pusat)" in shown


SAMPLE_CONTEXTS.update({
    "plan/document": {"jp": 24, "sections": [
        {"key": "A", "title": Msg("form1/title", {"key": "A"}), "item": None,
         "rows": [{"title": Msg("form1/title", {"key": "A.nama"}), "value": ["Budi"]}]},
        {"key": "C", "title": Msg("form1/title", {"key": "C"}), "item": 1,
         "rows": [{"title": Msg("form1/title", {"key": "C.waktu"}),
                   "value": [Msg("label/period", {"start": 4, "end": 6, "year": 2027})]}]}]},
    "plan/rating": {"rating": 2, "required": 3},
    "plan/returned": {"year": 2027, "note": "Perjelas output item 1.", "by": "Sri Wahyuni"},
    "plan/return_intro": {"year": 2027, "employee": "Budi Santoso"},
    "plan/return_prompt": {},
    "plan/return_title": {"key": "review"},
    "plan/return_summary": {"year": 2027, "employee": "Budi Santoso"},
    "plan/return_done": {"year": 2027, "employee": "Budi Santoso"},
    "plan/return_refused": {"reason": "actor"},
    "label/return_plan": {},
})  # fmt: skip
