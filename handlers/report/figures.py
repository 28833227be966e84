"""The check-in figures, computed from plain values: where each item stands, JP planned and
realized against the regulation's figures, items per quarter — for one person, each member
of a team, each unit, or everyone.

Decisions (the issue is silent): an item's realized JP is what its latest check-in reported
(the employee gives the JP realized so far); a cancelled item leaves the planned JP and the
planned items but keeps the JP it realized; an item is late once the check-in date of the
quarter it is due by has passed and it is neither done nor cancelled; it counts as done in
the quarter whose check-in first said so.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from handlers.checkin.model import ItemStatus
from handlers.model import JenisPegawai
from handlers.report.model import (
    PNS_MINIMUM_JP,
    PPPK_MAXIMUM_JP,
    QUARTERS,
    CheckinAnswer,
    Holder,
    PlannedItem,
    Standing,
)


@dataclass(frozen=True)
class QuarterCount:
    """Items due by ``quarter`` (cancelled ones left out) and items done in it."""

    quarter: int
    planned: int
    done: int
    jp_realized: int  # JP reported in this quarter beyond what was reported before


@dataclass(frozen=True)
class Figures:
    """One group's year: a person, a team member, a unit, or everyone."""

    label: str
    employees: int
    pns: int
    pppk: int
    jp_planned: int
    jp_realized: int
    jp_target: int  # the PNS minimum summed: 20 JP per PNS
    jp_cap: int  # the PPPK maximum summed: 24 JP per PPPK
    pns_below: int  # PNS whose realized JP is under 20
    pppk_over: int  # PPPK whose planned or realized JP is over 24
    done: int
    running: int
    late: int
    cancelled: int
    not_yet: int
    quarters: tuple[QuarterCount, ...]

    @property
    def items(self) -> int:
        return self.done + self.running + self.late + self.cancelled + self.not_yet


@dataclass(frozen=True)
class Year:
    """Everything the figures read for a year, and how far the year is."""

    holders: Sequence[Holder]
    items: Sequence[PlannedItem]
    answers: Sequence[CheckinAnswer]
    quarters_past: int  # check-in dates before today (0–4)


def quarters_past(checkins: Sequence[date], today: date) -> int:
    """How many of the cycle's check-in dates are behind ``today``."""
    return sum(1 for day in checkins if day < today)


def latest(answers: Iterable[CheckinAnswer]) -> CheckinAnswer | None:
    return max(answers, key=lambda answer: answer.quarter, default=None)


def standing(item: PlannedItem, answers: Sequence[CheckinAnswer], past: int) -> Standing:
    """Where ``item`` stands, from its check-ins (any order) and the quarters past."""
    last = latest(answers)
    status = last.status if last is not None else ItemStatus.BELUM
    if status is ItemStatus.TERLAKSANA:
        return Standing.DONE
    if status is ItemStatus.BATAL:
        return Standing.CANCELLED
    if item.due_quarter <= past:
        return Standing.LATE
    return Standing.RUNNING if status is ItemStatus.BERJALAN else Standing.NOT_YET


def realized_jp(answers: Sequence[CheckinAnswer]) -> int:
    """The JP the latest check-in that gave any reported (0 when none did)."""
    return next((a.jp for a in sorted(answers, key=lambda a: -a.quarter) if a.jp is not None), 0)


def jp_by_quarter(answers: Sequence[CheckinAnswer]) -> dict[int, int]:
    """What each quarter added to the item's realized JP (a lower report adds nothing)."""
    added: dict[int, int] = {}
    so_far = 0
    for answer in sorted(answers, key=lambda a: a.quarter):
        if answer.jp is not None:
            added[answer.quarter] = max(0, answer.jp - so_far)
            so_far = max(so_far, answer.jp)
    return added


def done_in(answers: Sequence[CheckinAnswer]) -> int | None:
    """The quarter whose check-in first said the item was done."""
    return min((a.quarter for a in answers if a.status is ItemStatus.TERLAKSANA), default=None)


@dataclass(frozen=True)
class Tally:
    """One employee's year: each of their items looked at once."""

    jp_planned: int
    jp_realized: int
    standings: Counter[Standing]
    planned: tuple[int, ...]  # items due per quarter (cancelled ones left out)
    done: tuple[int, ...]  # items done per quarter
    jp: tuple[int, ...]  # JP added per quarter


def tally(items: Sequence[PlannedItem], answers: Mapping[int, list[CheckinAnswer]],
          past: int) -> Tally:  # fmt: skip
    standings: Counter[Standing] = Counter()
    planned, done, jp = Counter[int](), Counter[int](), Counter[int]()
    jp_planned = jp_realized = 0
    for item in items:
        found = answers.get(item.item_id, [])
        standings[at := standing(item, found, past)] += 1
        jp_realized += realized_jp(found)
        if at is not Standing.CANCELLED:
            jp_planned += item.jp or 0
            planned[item.due_quarter] += 1
        if (quarter := done_in(found)) is not None:
            done[quarter] += 1
        jp.update(jp_by_quarter(found))
    return Tally(jp_planned, jp_realized, standings, tuple(planned[q] for q in QUARTERS),
                 tuple(done[q] for q in QUARTERS), tuple(jp[q] for q in QUARTERS))  # fmt: skip


def tallies(year: Year) -> dict[int, Tally]:
    """Each holder's tally, every item and answer indexed once."""
    items: dict[int, list[PlannedItem]] = defaultdict(list)
    for item in year.items:
        items[item.employee_id].append(item)
    answers: dict[int, list[CheckinAnswer]] = defaultdict(list)
    for answer in year.answers:
        answers[answer.item_id].append(answer)
    return {h.employee_id: tally(items[h.employee_id], answers, year.quarters_past)
            for h in year.holders}  # fmt: skip


def summed(label: str, holders: Sequence[Holder], found: Mapping[int, Tally]) -> Figures:
    """The figures of ``holders``, from their tallies."""
    pns = [found[h.employee_id] for h in holders if h.jenis_pegawai is JenisPegawai.PNS]
    pppk = [found[h.employee_id] for h in holders if h.jenis_pegawai is JenisPegawai.PPPK]
    mine = [found[h.employee_id] for h in holders]
    standings = sum((t.standings for t in mine), Counter[Standing]())
    return Figures(
        label=label, employees=len(holders), pns=len(pns), pppk=len(pppk),
        jp_planned=sum(t.jp_planned for t in mine), jp_realized=sum(t.jp_realized for t in mine),
        jp_target=PNS_MINIMUM_JP * len(pns), jp_cap=PPPK_MAXIMUM_JP * len(pppk),
        pns_below=sum(1 for t in pns if t.jp_realized < PNS_MINIMUM_JP),
        pppk_over=sum(1 for t in pppk if max(t.jp_planned, t.jp_realized) > PPPK_MAXIMUM_JP),
        done=standings[Standing.DONE], running=standings[Standing.RUNNING],
        late=standings[Standing.LATE], cancelled=standings[Standing.CANCELLED],
        not_yet=standings[Standing.NOT_YET],
        quarters=tuple(QuarterCount(q, sum(t.planned[n] for t in mine),
                                    sum(t.done[n] for t in mine), sum(t.jp[n] for t in mine))
                       for n, q in enumerate(QUARTERS)),
    )  # fmt: skip


def figures(label: str, year: Year) -> Figures:
    """The figures of everyone in ``year``."""
    return summed(label, year.holders, tallies(year))


def grouped(
    year: Year, key: Callable[[Holder], tuple[str, int]], found: Mapping[int, Tally]
) -> list[Figures]:
    """The figures of each group of holders, by the group's name; ``key`` gives a holder's
    group as (name, a number telling apart groups of one name)."""
    groups: dict[tuple[str, int], list[Holder]] = defaultdict(list)
    for holder in year.holders:
        groups[key(holder)].append(holder)
    return [summed(name, members, found) for (name, _), members in sorted(groups.items())]


def by_unit(year: Year, found: Mapping[int, Tally] | None = None) -> list[Figures]:
    return grouped(year, lambda holder: (holder.unit, 0), found or tallies(year))


def by_person(year: Year, found: Mapping[int, Tally] | None = None) -> list[Figures]:
    return grouped(year, lambda holder: (holder.nama, holder.employee_id), found or tallies(year))
