"""Self-assessment through a form (*penilaian mandiri melalui formulir*, LAN 605/2025 BAB II A).

The form lists the competencies the employee's jabatan needs, each with its required level:
the nine national competencies (the level imported for the jabatan, else the job level's
default) and the jabatan's technical competencies. The employee rates their current level;
the gaps, largest first, become the priority competencies for Formulir 1 B 4.2 and the
competencies offered for section C.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from handlers.effects import Msg
from handlers.model import Employee
from handlers.ports import JobRequirement, UnitOfWork
from handlers.reference.competencies import (
    NATIONAL,
    CompetencyType,
    default_levels,
    normalize_name,
    technical_key,
)
from handlers.reference.job_level import JobLevel, infer_job_level

RATINGS = range(0, 6)  # 0: not yet at level 1; 1..5: the dictionary's levels
_CLASS_ORDER = {kind: position for position, kind in enumerate(CompetencyType)}


@dataclass(frozen=True)
class RequiredCompetency:
    """A competency to self-assess, at the level the jabatan requires.

    ``key`` is the national competency's key or :func:`technical_key` of the technical one's
    name (the two never collide); ``technical_name`` is set only for technical competencies.
    ``imported``: the level is the jabatan's standard as the admin imported it; False, the
    built-in default for the job level (to be shown as a default, not as the standard).
    """

    key: str
    classification: CompetencyType
    level: int
    technical_name: str | None = None
    imported: bool = True

    @property
    def label(self) -> Msg:
        """The competency's name in the reader's language (a technical one as it was written)."""
        return Msg("ref/competency_label", {"key": self.key, "name": self.technical_name or ""})

    @property
    def sort_name(self) -> str:
        return self.key if self.technical_name is None else normalize_name(self.technical_name)


@dataclass(frozen=True)
class Gap:
    competency: RequiredCompetency
    current: int

    @property
    def size(self) -> int:
        return self.competency.level - self.current


def competencies_to_assess(
    person: Employee, stored: Iterable[JobRequirement], job_level: JobLevel | None = None
) -> list[RequiredCompetency]:
    """The nine national competencies, then the jabatan's technical ones (by name).

    ``stored`` is what ``uow.reference.requirements(person.jabatan)`` returned; ``job_level``
    defaults to the one read from the jabatan.
    """
    levels = default_levels(job_level or infer_job_level(person.jabatan))
    imported: set[str] = set()
    technical: dict[str, RequiredCompetency] = {}
    for requirement in stored:
        if requirement.jenis == CompetencyType.TEKNIS:
            key = technical_key(requirement.kompetensi)
            technical[key] = RequiredCompetency(
                key, CompetencyType.TEKNIS, requirement.level, requirement.kompetensi
            )
        elif requirement.kompetensi in levels:
            levels[requirement.kompetensi] = requirement.level
            imported.add(requirement.kompetensi)
    national = [
        RequiredCompetency(c.key, c.classification, levels[c.key], imported=c.key in imported)
        for c in NATIONAL
    ]
    return national + sorted(technical.values(), key=lambda item: item.sort_name)


async def competencies_for(uow: UnitOfWork, person: Employee) -> list[RequiredCompetency]:
    """Load the jabatan's stored requirements and list what ``person`` should self-assess."""
    return competencies_to_assess(person, await uow.reference.requirements(person.jabatan))


def gaps(required: Iterable[RequiredCompetency], ratings: Mapping[str, int]) -> list[Gap]:
    """Competencies rated below their required level, the largest gap first.

    Ties go by classification (managerial, socio-cultural, technical), then by name.
    Competencies not rated are left out; a rating outside 0..5 is a ``ValueError``.
    """
    found = []
    for competency in required:
        if competency.key not in ratings:
            continue
        current = ratings[competency.key]
        if current not in RATINGS:
            raise ValueError(f"rating {current!r} for {competency.key} is not 0..5")
        if current < competency.level:
            found.append(Gap(competency, current))
    return sorted(
        found,
        key=lambda gap: (
            -gap.size,
            _CLASS_ORDER[gap.competency.classification],
            gap.competency.sort_name,
        ),
    )
