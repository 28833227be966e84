"""An in-memory :class:`handlers.ports.Reference` for unit tests, and a unit of work that holds
only it (enough for the reference imports and the self-assessment).

``tests.unit.fakes.FakeUnitOfWork`` uses it on the fake database's lists.
"""

from __future__ import annotations

from collections.abc import Callable
from types import TracebackType
from typing import Self, TypeVar

from handlers.ports import JobRequirement, Priority
from handlers.reference.competencies import normalize_name

T = TypeVar("T")


class FakeReference:
    """Reference data in lists: its own, or a fake database's (``priorities`` and
    ``requirements`` are kept as given and changed in place)."""

    def __init__(
        self,
        units: list[str] | None = None,
        priorities: list[Priority] | None = None,
        requirements: list[JobRequirement] | None = None,
    ) -> None:
        self.units = list(units or [])
        self.stored_priorities: list[Priority] = [] if priorities is None else priorities
        self.stored_requirements: list[JobRequirement] = (
            [] if requirements is None else requirements
        )

    async def priorities(self, year: int, unit: str | None) -> list[Priority]:
        mine = [p for p in self.stored_priorities if p.year == year]
        return [p for p in mine if p.unit_kerja is None] + [
            p for p in mine if unit and p.unit_kerja == unit
        ]

    async def requirements(self, jabatan: str) -> list[JobRequirement]:
        wanted = normalize_name(jabatan)
        return [r for r in self.stored_requirements if normalize_name(r.jabatan) == wanted]

    async def unit_names(self) -> list[str]:
        return sorted(self.units)

    async def save_priorities(self, records: list[Priority], *, replace_years: bool) -> int:
        def same(a: Priority, b: Priority) -> bool:
            key_a = a.competency_key or normalize_name(a.kompetensi)
            key_b = b.competency_key or normalize_name(b.kompetensi)
            return (a.year, a.unit_kerja, key_a) == (b.year, b.unit_kerja, key_b)

        if replace_years:
            years = {r.year for r in records}
            self.stored_priorities[:] = [p for p in self.stored_priorities if p.year not in years]
        for record in records:
            self._upsert(self.stored_priorities, record, same)
        return len(records)

    async def save_requirements(
        self, records: list[JobRequirement], *, replace_jabatan: bool
    ) -> int:
        def same(a: JobRequirement, b: JobRequirement) -> bool:
            return (normalize_name(a.jabatan), a.jenis, normalize_name(a.kompetensi)) == (
                normalize_name(b.jabatan), b.jenis, normalize_name(b.kompetensi),
            )  # fmt: skip

        if replace_jabatan:
            names = {normalize_name(r.jabatan) for r in records}
            self.stored_requirements[:] = [
                r for r in self.stored_requirements if normalize_name(r.jabatan) not in names
            ]
        for record in records:
            self._upsert(self.stored_requirements, record, same)
        return len(records)

    @staticmethod
    def _upsert(items: list[T], record: T, same: Callable[[T, T], bool]) -> None:
        for position, item in enumerate(items):
            if same(item, record):
                items[position] = record
                return
        items.append(record)


class ReferenceOnlyUnitOfWork:
    """A unit of work with just ``reference``; counts commits."""

    def __init__(self, reference: FakeReference) -> None:
        self.reference = reference
        self.commits = 0

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        return None

    async def commit(self) -> None:
        self.commits += 1

    async def rollback(self) -> None:
        return None
