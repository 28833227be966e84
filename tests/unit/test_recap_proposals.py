"""The programmes the bot proposes: one competency key from several units is one need; typed
descriptions that read alike (rapidfuzz) are one need; a need of one unit is no programme."""

from __future__ import annotations

from handlers.recap.model import NeedCount
from handlers.recap.proposals import propose


def test_the_same_key_or_alike_descriptions_from_several_units_are_proposed() -> None:
    needs = [
        NeedCount("kerja_sama", "Kerja Sama", "Biro Umum", 3),
        NeedCount("kerja_sama", "Kerja Sama", "Pusat Data", 2),
        NeedCount(None, "Analisis Kebijakan Publik", "Biro Umum", 4),
        NeedCount(None, "analisis kebijakan publik.", "Inspektorat", 1),
        NeedCount(None, "Kebijakan Publik, Analisis", "Pusat Data", 1),
        NeedCount(None, "Penulisan Naskah Dinas", "Biro Umum", 5),  # one unit only
        NeedCount("komunikasi", "Komunikasi", "Biro Umum", 2),  # one unit only
    ]
    found = propose(needs)
    assert [(p.name, p.units, p.items) for p in found] == [
        ("Analisis Kebijakan Publik", ["Biro Umum", "Inspektorat", "Pusat Data"], 6),
        ("Kerja Sama", ["Biro Umum", "Pusat Data"], 5),
    ]
    assert found[0].descriptions == ["analisis kebijakan publik", "analisis kebijakan publik.",
                                     "kebijakan publik, analisis"]  # fmt: skip
    assert found[1].keys == ["kerja_sama"]


def test_the_token_changes_when_the_need_does() -> None:
    one = propose([NeedCount("kerja_sama", "Kerja Sama", u, 1) for u in ("A", "B")])[0]
    again = propose([NeedCount("kerja_sama", "Kerja Sama", u, 3) for u in ("A", "C")])[0]
    other = propose([NeedCount("komunikasi", "Komunikasi", u, 1) for u in ("A", "B")])[0]
    assert one.token == again.token != other.token
