"""The menu: greeting, help, profile (Formulir 1 A) and language, shaped by the person's roles."""

from __future__ import annotations

from typing import Any

from handlers.access import Action, may
from handlers.effects import Button, Msg, Reply
from handlers.golongan import display_golongan
from handlers.model import LOCALES, Employee, JenisPegawai, Role
from handlers.ports import UnitOfWork

REPORTS_SHOWN = 10


async def role_context(uow: UnitOfWork, person: Employee) -> dict[str, Any]:
    """What the menu says about each role the person holds, from real organisation data."""
    context: dict[str, Any] = {"name": person.nama, "roles": sorted(r.value for r in person.roles)}
    if person.has(Role.ATASAN):
        context["reports"] = await uow.employees.direct_reports(person.id, REPORTS_SHOWN)
        context["report_count"] = await uow.employees.count_direct_reports(person.id)
    if may(person, Action.VERIFY):  # a member of an expertise group, or its coordinator
        group = person.kelompok_keahlian or ""
        context["group"] = group
        context["group_size"] = await uow.employees.count_group_members(group) if group else 0
    if may(person, Action.SEE_PROGRESS):
        context["org_size"] = await uow.employees.count_all()
    return context


async def greeting(uow: UnitOfWork, person: Employee) -> Reply:
    """Greet a newly bound person by name and list what they can do."""
    return Reply(Msg("menu/greeting", await role_context(uow, person)), person.bahasa)


async def help_menu(uow: UnitOfWork, person: Employee) -> Reply:
    """List what the person can do, given their roles."""
    return Reply(Msg("menu/help", await role_context(uow, person)), person.bahasa)


def profile(person: Employee) -> Reply:
    """Show the person's Formulir 1 A data (Data Diri Pegawai)."""
    fields = {
        "nama": person.nama,
        "nip": person.nip,
        "jenis_pegawai": person.jenis_pegawai.value,
        "pangkat_golongan": display_golongan(person.pangkat_golongan, person.jenis_pegawai),
        "pendidikan": person.pendidikan,
        "masa_kerja": person.masa_kerja,
        "jabatan": person.jabatan,
        "unit_kerja": person.unit_kerja,
        "zona_waktu": person.zona_waktu.value,
        "pppk": person.jenis_pegawai is JenisPegawai.PPPK,  # "NI PPPK", not "NIP"
    }
    return Reply(Msg("menu/profile", fields), person.bahasa)


def language_choice(person: Employee) -> Reply:
    """Offer the two languages as buttons."""
    buttons = tuple(Button(Msg(f"label/lang_{code}"), f"lang:{code}") for code in LOCALES)
    return Reply(Msg("menu/language_choose"), person.bahasa, (buttons,))


async def set_language(uow: UnitOfWork, person: Employee, locale: str) -> Reply:
    """Remember the person's language; every later message uses it."""
    if locale not in LOCALES:
        return Reply(Msg("menu/language_unknown", {"choices": list(LOCALES)}), person.bahasa)
    await uow.employees.set_locale(person.id, locale)
    return Reply(Msg("menu/language_set"), locale)
