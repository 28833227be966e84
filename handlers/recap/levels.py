"""The coordinator's recap per level (Formulir 2, rekap oleh Koordinator Pembelajaran): the
database counts employees per need and unit; here the units of one need — or of one
programme, whatever its items said before — become one line."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from handlers.recap.labels import Labels
from handlers.recap.model import LEVELS, LevelCount, Programme
from handlers.reference import methods


@dataclass
class LevelLine:
    level: str
    competency: str
    development: str  # the method's form (Pelatihan, Coaching…)
    method: str  # its classification (Formal / Sosial / Eksperiensial)
    source: str  # the learning source, or the programme's organiser
    start: int
    end: int
    time: str = ""
    units: list[str] = field(default_factory=list)
    employees: int = 0


def class_of(method_form: str) -> str:
    found = methods.find_form(method_form)
    return found.classification.value if found is not None else ""


def fold(
    counts: Iterable[LevelCount], programmes: Mapping[int, Programme], labels: Labels
) -> dict[str, list[LevelLine]]:
    """Lines per level, the most participants first."""
    lines: dict[tuple[object, ...], LevelLine] = {}
    for count in counts:
        programme = programmes.get(count.programme_id) if count.programme_id else None
        if programme is not None:
            key: tuple[object, ...] = ("programme", programme.id)
            new = LevelLine(programme.level, programme.name, labels.method_form(
                programme.method_form), labels.method_class(class_of(programme.method_form)),
                programme.organiser, count.start_month, count.end_month)  # fmt: skip
        else:
            key = (count.level, count.competency, count.method_form, count.learning_source,
                   count.start_month, count.end_month)  # fmt: skip
            competency = count.competency if count.competency != count.description.lower() else None
            new = LevelLine(count.level, labels.competency(competency, count.description),
                            labels.method_form(count.method_form),
                            labels.method_class(count.method_class), count.learning_source,
                            count.start_month, count.end_month)  # fmt: skip
        line = lines.setdefault(key, new)
        line.start, line.end = min(line.start, count.start_month), max(line.end, count.end_month)
        if count.unit not in line.units:
            line.units.append(count.unit)
        line.employees += count.employees
    found: dict[str, list[LevelLine]] = {level: [] for level in LEVELS}
    for line in lines.values():
        line.units.sort()
        line.time = labels.period(line.start, line.end, None)
        found.setdefault(line.level, []).append(line)
    for level_lines in found.values():
        level_lines.sort(key=lambda line: (-line.employees, line.competency))
    return found


def totals(lines: Mapping[str, list[LevelLine]]) -> dict[str, int]:
    """Participants per level (an employee counted once per line they take part in)."""
    return {level: sum(line.employees for line in found) for level, found in lines.items()}
