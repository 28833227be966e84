"""Organisation import: validate the admin's rows and upsert the good ones by NIP.

Every bad row is reported with its row number and reason; good rows still load; a row is
either written whole or not at all (validation happens before any write, and the whole
import is one transaction).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime

from handlers.golongan import normalize_golongan
from handlers.model import LOCALES, JenisPegawai, Role, Zone
from handlers.nip import NipError, check_nip
from handlers.ports import OrgRecord, UnitOfWork

COLUMNS = (
    "nip", "nama", "jenis_pegawai", "pangkat_golongan", "pendidikan", "masa_kerja", "jabatan",
    "unit_kerja", "nip_atasan", "kelompok_keahlian", "peran", "email", "zona_waktu", "bahasa",
)  # fmt: skip
REQUIRED = ("nip", "nama", "jenis_pegawai", "pangkat_golongan", "jabatan", "unit_kerja")
MAX_FIELD = 200
_MASA_KERJA = re.compile(
    r"^\s*(\d{1,2})\s*(?:tahun|thn|th|t|years?|y|[/\-.])?"  # years
    r"\s*(?:(\d{1,2})\s*(?:bulan|bln|bl|b|months?|m)?)?\s*$",  # months
    re.IGNORECASE,
)
# Unicode's control characters (Cc), and the invisible ones that change how a name is shown or
# compared: zero-width spaces and joiners, bidirectional overrides (a name that reads
# backwards), the word joiner and a byte-order mark inside a cell.
_CONTROL = re.compile(
    "[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]"
)
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
# A NIP a spreadsheet kept as a number: "1.97203141998031e+17", "1,97203E+17", "…031.0".
# Its last digits are gone (15 significant digits); no NIP can be rebuilt from it.
_NUMBER_NIP = re.compile(r"^\d+(?:[.,]\d+)?(?:[eE]\+?\d+|[.,]0+)$")


@dataclass(frozen=True)
class RowError:
    row: int
    reason: str
    detail: str = ""


@dataclass(frozen=True)
class ImportReport:
    loaded: int
    errors: list[RowError]
    left: int | None = None  # people made leavers (None: not asked to)


class NobodyInFile(ValueError):
    """``deactivate_missing`` with a file that names nobody: it would make everyone a leaver."""


class RowRejected(ValueError):
    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(reason)
        self.reason, self.detail = reason, detail


def reject_control_characters(row: Mapping[str, str]) -> None:
    """A control character (NUL, a line break or tab inside a cell, DEL…) has no place in
    these one-line fields, and PostgreSQL refuses a NUL outright: the row is refused, naming
    the column only (never the value: it is personal data)."""
    for key, value in row.items():
        if _CONTROL.search(value):
            raise RowRejected("control_character", key)


def normalize_masa_kerja(value: str) -> str:
    """ "5 tahun 3 bulan", "5/3", "5 th 3 bl" → "5 tahun 3 bulan"; "" stays ""."""
    if not value.strip():
        return ""
    match = _MASA_KERJA.match(value)
    if not match or int(match.group(2) or 0) > 11:
        raise RowRejected("masa_kerja", value)
    return f"{int(match.group(1))} tahun {int(match.group(2) or 0)} bulan"


def parse_row(raw: Mapping[str, str]) -> OrgRecord:
    """Validate one row; raise :class:`RowRejected` with the first problem found."""
    row = {key: (raw.get(key) or "").strip() for key in COLUMNS}
    reject_control_characters(row)
    for key in REQUIRED:
        if not row[key]:
            raise RowRejected("missing", key)
    too_long = [key for key, value in row.items() if len(value) > MAX_FIELD]
    if too_long:
        raise RowRejected("too_long", too_long[0])
    try:
        jenis = JenisPegawai(row["jenis_pegawai"].upper())
    except ValueError:
        raise RowRejected("jenis_pegawai", row["jenis_pegawai"]) from None
    if _NUMBER_NIP.match(row["nip"]):
        raise RowRejected("nip_lost_digits", row["nip"])
    try:
        nip = check_nip(row["nip"], jenis)
    except NipError as error:
        raise RowRejected(f"nip_{error.code}", row["nip"]) from None
    golongan = normalize_golongan(row["pangkat_golongan"], jenis)
    if golongan is None:
        raise RowRejected("golongan", f"{row['pangkat_golongan']} ({jenis.value})")
    roles = {part.strip().lower() for part in row["peran"].split(",") if part.strip()}
    unknown = sorted(roles - {role.value for role in Role})
    if unknown:
        raise RowRejected("peran", ", ".join(unknown))
    zone = (row["zona_waktu"] or Zone.WIB.value).upper()
    if zone not in Zone.__members__:
        raise RowRejected("zona_waktu", row["zona_waktu"])
    bahasa = (row["bahasa"] or LOCALES[0]).lower()
    if bahasa not in LOCALES:
        raise RowRejected("bahasa", row["bahasa"])
    if row["email"] and not _EMAIL.match(row["email"]):
        raise RowRejected("email", row["email"])
    atasan = row["nip_atasan"].replace(" ", "") or None
    if atasan == nip:
        raise RowRejected("atasan_self", atasan)
    return OrgRecord(
        nip=nip,
        nama=row["nama"],
        jenis_pegawai=jenis.value,
        pangkat_golongan=golongan,
        pendidikan=row["pendidikan"],
        masa_kerja=normalize_masa_kerja(row["masa_kerja"]),
        jabatan=row["jabatan"],
        unit_kerja=row["unit_kerja"],
        nip_atasan=atasan,
        kelompok_keahlian=row["kelompok_keahlian"] or None,
        peran=frozenset(roles | {Role.PEGAWAI.value}),
        email=row["email"] or None,
        zona_waktu=zone,
        bahasa=bahasa,
        zona_waktu_given=bool(row["zona_waktu"]),
    )


def _reject_broken_links(
    good: dict[str, tuple[int, OrgRecord]],
    known: dict[str, str | None],
    rejected: set[str],
    errors: list[RowError],
) -> None:
    """Drop rows whose supervisor is nowhere or forms a loop, and rows that lean on them."""
    while True:
        links = {**known, **{nip: rec.nip_atasan for nip, (_, rec) in good.items()}}
        dropped = []
        for nip, (row, record) in good.items():
            boss = record.nip_atasan
            if boss is None:
                continue
            if boss not in links:
                reason = "atasan_rejected" if boss in rejected else "atasan_unknown"
                errors.append(RowError(row, reason, boss))
            elif _in_loop(nip, links):
                errors.append(RowError(row, "atasan_loop", boss))
            else:
                continue
            dropped.append(nip)
        if not dropped:
            return
        for nip in dropped:
            del good[nip]  # a stored employee keeps their stored supervisor (in ``known``)
            rejected.add(nip)


def _in_loop(start: str, links: Mapping[str, str | None]) -> bool:
    """True if following supervisors from ``start`` comes back to ``start``."""
    seen, current = {start}, links.get(start)
    while current is not None:
        if current == start:
            return True
        if current in seen:
            return False
        seen.add(current)
        current = links.get(current)
    return False


def validate(
    rows: Iterable[tuple[int, Mapping[str, str]]], known: dict[str, str | None]
) -> tuple[list[OrgRecord], list[RowError]]:
    """Split rows into records to load and errors; ``known`` maps stored NIPs to supervisors."""
    good: dict[str, tuple[int, OrgRecord]] = {}
    errors: list[RowError] = []
    rejected: set[str] = set()
    for number, raw in rows:
        try:
            record = parse_row(raw)
        except RowRejected as problem:
            errors.append(RowError(number, problem.reason, problem.detail))
            rejected.add((raw.get("nip") or "").replace(" ", ""))
            continue
        if record.nip in good:
            errors.append(RowError(number, "duplicate", f"{record.nip} {good[record.nip][0]}"))
            continue
        good[record.nip] = (number, record)
    _reject_broken_links(good, dict(known), rejected, errors)
    errors.sort(key=lambda error: error.row)
    return [record for _, record in sorted(good.values(), key=lambda item: item[0])], errors


def nips_in_file(rows: Iterable[tuple[int, Mapping[str, str]]]) -> set[str]:
    """Every NIP the file names, refused rows included: a typo elsewhere in a row must not
    make its person a leaver."""
    return {nip for _, raw in rows if (nip := (raw.get("nip") or "").replace(" ", ""))}


async def import_rows(
    uow: UnitOfWork,
    rows: Iterable[tuple[int, Mapping[str, str]]],
    progress: Callable[[int, int], None] | None = None,
    *,
    deactivate_missing_at: datetime | None = None,
) -> ImportReport:
    """Validate and upsert the organisation in one transaction; report each bad row.

    With ``deactivate_missing_at``, the file is the whole organisation: the active people it
    does not name become leavers at that moment, and no row may name one as supervisor."""
    rows = list(rows)
    known = await uow.employees.supervisor_links()
    present: set[str] = set()
    if deactivate_missing_at is not None:
        present = nips_in_file(rows)
        if not present:
            raise NobodyInFile()
        known = {nip: boss for nip, boss in known.items() if nip in present}
    records, errors = validate(rows, known)
    loaded = await uow.organisation.upsert(records, progress)
    left = None
    if deactivate_missing_at is not None:
        left = await uow.organisation.deactivate_missing(present, deactivate_missing_at)
    await uow.commit()
    return ImportReport(loaded=loaded, errors=errors, left=left)
