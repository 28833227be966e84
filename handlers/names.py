"""A unit's or an expertise group's name as someone typed it, matched against the stored
names regardless of case — the broadcast form and the command line agree on which name is meant."""

from __future__ import annotations

from collections.abc import Iterable


def canonical_name(typed: str, names: Iterable[str]) -> str | None:
    """The stored name ``typed`` means (any case, outer spaces ignored), or None."""
    wanted = typed.strip().casefold()
    return next((name for name in names if name.casefold() == wanted), None)
