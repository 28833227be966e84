"""Job levels (*jenjang jabatan*) of the ASN and how to read one from a free-text *jabatan*.

Names are templates (``ref/job_level``, ``{"key": ..., "part": "name"}``). The inference is a
heuristic on Indonesian job titles: the organisation import carries the title as people write
it ("Analis SDM Aparatur Ahli Pertama", "Kepala Bidang Evaluasi", "Kasubbag Umum"), not a
level. Where it guesses wrong, the admin states the levels for that jabatan with
``idp-bot competencies import`` (an imported level always wins over the default).

After lower-casing, dropping punctuation and an acting prefix (Plt./Plh./Pj.), first match wins:

1. a functional grade anywhere in the title: Ahli Utama / Ahli Madya / Ahli Muda / Ahli
   Pertama, Penyelia / Mahir / Terampil / Pemula → that functional level;
2. a title that *starts with* a structural post (so "Analis pada Deputi Bidang …" or
   "Pengelola Keuangan Biro Umum" stay Pelaksana):

   - Pengawas: Kepala Subbagian/Subbidang/Seksi/Subseksi/Urusan, Kasubbag, Kasi, Lurah;
   - JPT Utama: Kepala Lembaga;
   - JPT Pratama (checked before JPT Madya): Asisten Deputi, Sekretaris Deputi/Direktorat
     Jenderal/Inspektorat Utama, Kepala Badan … of a province/regency/city/"Daerah";
   - JPT Madya: Sekretaris Jenderal/Utama, Direktur Jenderal, Inspektur Jenderal, Deputi,
     Staf Ahli Menteri, Sekretaris Daerah Provinsi, Kepala Badan;
   - JPT Pratama: Kepala Pusat, Kepala Biro, Direktur, Inspektur, Kepala Dinas, Sekretaris
     Daerah, Asisten, Staf Ahli, Kepala Balai Besar;
   - Administrator: Kepala Bagian/Bidang/Subdirektorat/Kantor/Balai, Sekretaris
     Dinas/Badan/Inspektorat/Kecamatan, Camat;
   - an explicit "JPT Utama/Madya/Pratama", "Administrator" or "Pengawas";
3. anything else → Pelaksana.
"""

from __future__ import annotations

import re
from enum import StrEnum

from handlers.effects import Msg


class JobLevel(StrEnum):
    """Jenjang jabatan: structural (JPT, administrator, pengawas, pelaksana) or functional."""

    JPT_UTAMA = "jpt_utama"
    JPT_MADYA = "jpt_madya"
    JPT_PRATAMA = "jpt_pratama"
    ADMINISTRATOR = "administrator"
    PENGAWAS = "pengawas"
    PELAKSANA = "pelaksana"
    AHLI_UTAMA = "ahli_utama"
    AHLI_MADYA = "ahli_madya"
    AHLI_MUDA = "ahli_muda"
    AHLI_PERTAMA = "ahli_pertama"
    PENYELIA = "penyelia"
    MAHIR = "mahir"
    TERAMPIL = "terampil"
    PEMULA = "pemula"

    @property
    def name_msg(self) -> Msg:
        return Msg("ref/job_level", {"key": self.value, "part": "name"})


_FUNCTIONAL = {
    "ahli utama": JobLevel.AHLI_UTAMA,
    "ahli madya": JobLevel.AHLI_MADYA,
    "ahli muda": JobLevel.AHLI_MUDA,
    "ahli pertama": JobLevel.AHLI_PERTAMA,
    "penyelia": JobLevel.PENYELIA,
    "mahir": JobLevel.MAHIR,
    "terampil": JobLevel.TERAMPIL,
    "pemula": JobLevel.PEMULA,
}
_GRADE = re.compile(r"\b(" + "|".join(_FUNCTIONAL) + r")\b")

_REGION = r"(daerah|provinsi|kabupaten|kota)"
_STRUCTURAL: tuple[tuple[JobLevel, str], ...] = (
    (
        JobLevel.PENGAWAS,
        r"kepala sub ?(bagian|bidang|seksi)|kepala (seksi|urusan)|kasubb?ag|kasubb?id|kasi|kaur"
        r"|lurah",
    ),
    (JobLevel.JPT_UTAMA, r"kepala lembaga"),
    (
        JobLevel.JPT_PRATAMA,
        rf"asisten deputi|sekretaris (deputi|direktorat jenderal|ditjen|inspektorat utama)"
        rf"|kepala badan .*\b{_REGION}",
    ),
    (
        JobLevel.JPT_MADYA,
        r"sekretaris (jenderal|utama|daerah provinsi)|sekjen|sestama|direktur jenderal|dirjen"
        r"|inspektur jenderal|irjen|deputi|staf ahli menteri|kepala badan",
    ),
    (
        JobLevel.JPT_PRATAMA,
        r"kepala (pusat|biro|dinas|balai besar)|kapus|kadis|direktur|inspektur"
        r"|sekretaris daerah|sekda|asisten|staf ahli",
    ),
    (
        JobLevel.ADMINISTRATOR,
        r"kepala (bagian|bidang|subdirektorat|kantor|balai)|kabag|kabid|kasubdit"
        r"|sekretaris (dinas|badan|inspektorat|kecamatan|camat)|camat",
    ),
    (JobLevel.JPT_UTAMA, r"(jabatan )?(jpt|pimpinan tinggi) utama"),
    (JobLevel.JPT_MADYA, r"(jabatan )?(jpt|pimpinan tinggi) madya"),
    (JobLevel.JPT_PRATAMA, r"(jabatan )?(jpt|pimpinan tinggi) pratama"),
    (JobLevel.ADMINISTRATOR, r"(jabatan )?administrator$"),
    (JobLevel.PENGAWAS, r"(jabatan )?pengawas$"),
)
_STARTS = tuple((level, re.compile(rf"^(?:{pattern})\b")) for level, pattern in _STRUCTURAL)
_PUNCTUATION = re.compile(r"[\s.,;:()/\-]+")
_ACTING = re.compile(r"^(plt|plh|pj|pjs) ")


def infer_job_level(jabatan: str) -> JobLevel:
    """Read the job level from a job title; anything unrecognised is Pelaksana."""
    text = _ACTING.sub("", _PUNCTUATION.sub(" ", jabatan.casefold()).strip())
    grade = _GRADE.search(text)
    if grade:
        return _FUNCTIONAL[grade.group(1)]
    for level, pattern in _STARTS:
        if pattern.search(text):
            return level
    return JobLevel.PELAKSANA
