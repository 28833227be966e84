"""Pangkat/Golongan: PNS ranks I/a … IV/e with their pangkat names, PPPK golongan I … XVII."""

from __future__ import annotations

import re

from handlers.model import JenisPegawai

PNS_PANGKAT: dict[str, str] = {
    "I/a": "Juru Muda",
    "I/b": "Juru Muda Tingkat I",
    "I/c": "Juru",
    "I/d": "Juru Tingkat I",
    "II/a": "Pengatur Muda",
    "II/b": "Pengatur Muda Tingkat I",
    "II/c": "Pengatur",
    "II/d": "Pengatur Tingkat I",
    "III/a": "Penata Muda",
    "III/b": "Penata Muda Tingkat I",
    "III/c": "Penata",
    "III/d": "Penata Tingkat I",
    "IV/a": "Pembina",
    "IV/b": "Pembina Tingkat I",
    "IV/c": "Pembina Utama Muda",
    "IV/d": "Pembina Utama Madya",
    "IV/e": "Pembina Utama",
}

PPPK_GOLONGAN: tuple[str, ...] = (
    "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX",
    "X", "XI", "XII", "XIII", "XIV", "XV", "XVI", "XVII",
)  # fmt: skip

_PNS_BY_KEY = {g.upper(): g for g in PNS_PANGKAT}
_TINGKAT = re.compile(r"\bTk\.?\s*I\b", re.IGNORECASE)  # "Penata Muda Tk. I"
_GOLONGAN_WORD = re.compile(r"^\s*gol(?:ongan|\.)?\s+", re.IGNORECASE)  # "Golongan IX"


def normalize_golongan(value: str, jenis: JenisPegawai) -> str | None:
    """Return the canonical golongan ("III/a", "IX") for ``value``, or None if unknown.

    Accepts the bare golongan ("iii/a", "III / A") or "Pangkat, golongan"
    ("Penata Muda, III/a"); for PNS a pangkat name that contradicts the golongan is refused.
    """
    text = value.strip()
    pangkat = ""
    if "," in text:
        pangkat, text = (part.strip() for part in text.rsplit(",", 1))
        pangkat = _TINGKAT.sub("Tingkat I", pangkat)
    key = _GOLONGAN_WORD.sub("", text).replace(" ", "").upper()
    if jenis is JenisPegawai.PNS:
        golongan = _PNS_BY_KEY.get(key)
        if golongan is None or (pangkat and pangkat.lower() != PNS_PANGKAT[golongan].lower()):
            return None
        return golongan
    return key if key in PPPK_GOLONGAN and not pangkat else None


def display_golongan(golongan: str, jenis: JenisPegawai) -> str:
    """How Formulir 1 A writes it: "Penata Muda, III/a" for PNS, "Golongan IX" for PPPK."""
    if jenis is JenisPegawai.PNS and golongan in PNS_PANGKAT:
        return f"{PNS_PANGKAT[golongan]}, {golongan}"
    return f"Golongan {golongan}"
