"""The programmes the bot proposes to the coordinator: verified items outside any programme
that share a need across several units — the same competency key, or descriptions typed
alike (rapidfuzz's token-sort ratio, so "Analisis Kebijakan Publik" and "analisis kebijakan
publik." meet)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from handlers.recap.model import NeedCount

SIMILAR = 85  # token-sort ratio from which two typed descriptions are one need


@dataclass
class Proposal:
    name: str  # the description most items give
    keys: list[str] = field(default_factory=list)
    descriptions: list[str] = field(default_factory=list)  # lower-cased
    units: list[str] = field(default_factory=list)
    items: int = 0

    @property
    def token(self) -> str:
        """Short and stable for the same need: a button proposing it carries it, so a press
        after the needs changed finds it stale rather than creating something else."""
        seen = "|".join(sorted(self.keys) + sorted(self.descriptions))
        return hashlib.sha256(seen.encode()).hexdigest()[:8]


def propose(needs: Iterable[NeedCount]) -> list[Proposal]:
    """Needs of two or more units, the most items first."""
    by_key: dict[str, Proposal] = {}
    typed: dict[str, Proposal] = {}  # a representative description → its proposal
    for need in needs:
        lowered = need.description.lower()
        if need.competency_key is not None:
            found = by_key.setdefault(need.competency_key, Proposal(need.description))
            if need.competency_key not in found.keys:
                found.keys.append(need.competency_key)
        else:
            match = process.extractOne(lowered, list(typed), scorer=fuzz.token_sort_ratio,
                                       score_cutoff=SIMILAR)  # fmt: skip
            found = (
                typed[match[0]] if match else typed.setdefault(lowered, Proposal(need.description))
            )
            if lowered not in found.descriptions:
                found.descriptions.append(lowered)
        if need.unit not in found.units:
            found.units.append(need.unit)
        found.items += need.items
    shared = [p for p in (*by_key.values(), *typed.values()) if len(p.units) > 1]
    for proposal in shared:
        proposal.units.sort()
    return sorted(shared, key=lambda p: (-p.items, p.name))
