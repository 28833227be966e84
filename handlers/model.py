"""Domain model: employees (Pegawai ASN), their roles and the values that describe them."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Role(StrEnum):
    """What a person may do in the IDP cycle (DOMAIN.md, "Roles")."""

    PEGAWAI = "pegawai"  # employee
    ATASAN = "atasan"  # supervisor
    KELOMPOK_KEAHLIAN = "kelompok_keahlian"  # expertise group member
    # the group's coordinator (Koordinator Kelompok Keahlian, BAB I D): a member who also
    # marks the group's recap done
    KOORDINATOR_KELOMPOK_KEAHLIAN = "koordinator_kelompok_keahlian"
    KOORDINATOR_PEMBELAJARAN = "koordinator_pembelajaran"  # learning coordinator (CLO)
    DEWAN_PENGARAH = "dewan_pengarah"  # steering board
    ADMIN = "admin"  # Unit SDM / administrator


class JenisPegawai(StrEnum):
    """Employee type: civil servant (PNS) or contract government employee (PPPK)."""

    PNS = "PNS"
    PPPK = "PPPK"


class Zone(StrEnum):
    """Indonesia's three time zones."""

    WIB = "WIB"
    WITA = "WITA"
    WIT = "WIT"

    @property
    def tz_name(self) -> str:
        return {"WIB": "Asia/Jakarta", "WITA": "Asia/Makassar", "WIT": "Asia/Jayapura"}[self.value]


LOCALES = ("id", "en")

# A plan's status (the lifecycle's states: handlers/plan/lifecycle.py). SENT: out of the
# employee's hands; a returned plan is theirs to change and send again.
DRAFT, SUBMITTED, RETURNED = "draft", "submitted", "returned"
SENT = frozenset({SUBMITTED, "scheduled", "in_dialogue", "awaiting_confirm", "agreed",
                  "verified"})  # fmt: skip


@dataclass(frozen=True)
class Employee:
    """A Pegawai ASN as the organisation import knows them (Formulir 1 section A and more)."""

    id: int
    nip: str
    nama: str
    jenis_pegawai: JenisPegawai
    pangkat_golongan: str
    pendidikan: str
    masa_kerja: str
    jabatan: str
    unit_kerja: str
    roles: frozenset[Role] = field(default_factory=lambda: frozenset({Role.PEGAWAI}))
    supervisor_nip: str | None = None
    kelompok_keahlian: str | None = None
    email: str | None = None
    zona_waktu: Zone = Zone.WIB
    bahasa: str = "id"
    last_channel: str | None = None  # the channel of their last update (where notices go)

    def has(self, role: Role) -> bool:
        return role in self.roles


@dataclass(frozen=True)
class Account:
    """A chat account (Telegram user, Slack user, terminal session) bound to an employee."""

    channel: str
    external_id: str
    employee_id: int
    address: str | None = None  # where the channel delivers to it (a Telegram chat id)
