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

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
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


def figures(label: str, year: Year) -> Figures:
    """The figures of everyone and every item in ``year`` (already cut to the group)."""
    answers: dict[int, list[CheckinAnswer]] = defaultdict(list)
    for answer in year.answers:
        answers[answer.item_id].append(answer)
    standings = {item.item_id: standing(item, answers[item.item_id], year.quarters_past)
                 for item in year.items}  # fmt: skip
    counted = {s: sum(1 for found in standings.values() if found is s) for s in Standing}
    live = [item for item in year.items if standings[item.item_id] is not Standing.CANCELLED]
    planned: dict[int, int] = defaultdict(int)
    realized: dict[int, int] = defaultdict(int)
    for item in year.items:
        realized[item.employee_id] += realized_jp(answers[item.item_id])
    for item in live:
        planned[item.employee_id] += item.jp or 0
    pns = [h for h in year.holders if h.jenis_pegawai is JenisPegawai.PNS]
    pppk = [h for h in year.holders if h.jenis_pegawai is JenisPegawai.PPPK]
    return Figures(
        label=label, employees=len(year.holders), pns=len(pns), pppk=len(pppk),
        jp_planned=sum(planned.values()), jp_realized=sum(realized.values()),
        jp_target=PNS_MINIMUM_JP * len(pns),
        pns_below=sum(1 for h in pns if realized[h.employee_id] < PNS_MINIMUM_JP),
        pppk_over=sum(1 for h in pppk if max(planned[h.employee_id], realized[h.employee_id])
                      > PPPK_MAXIMUM_JP),
        done=counted[Standing.DONE], running=counted[Standing.RUNNING],
        late=counted[Standing.LATE], cancelled=counted[Standing.CANCELLED],
        not_yet=counted[Standing.NOT_YET],
        quarters=tuple(_quarter(q, live, year.items, answers) for q in QUARTERS),
    )  # fmt: skip


def _quarter(
    quarter: int,
    live: Sequence[PlannedItem],
    items: Sequence[PlannedItem],
    answers: dict[int, list[CheckinAnswer]],
) -> QuarterCount:
    return QuarterCount(
        quarter=quarter,
        planned=sum(1 for item in live if item.due_quarter == quarter),
        done=sum(1 for item in items if done_in(answers[item.item_id]) == quarter),
        jp_realized=sum(jp_by_quarter(answers[item.item_id]).get(quarter, 0) for item in items),
    )


def grouped(year: Year, key: Callable[[Holder], tuple[str, int]]) -> list[Figures]:
    """The figures of each group of holders, by the group's name; ``key`` gives a holder's
    group as (name, a number telling apart groups of one name)."""
    groups: dict[tuple[str, int], set[int]] = defaultdict(set)
    for holder in year.holders:
        groups[key(holder)].add(holder.employee_id)
    return [figures(name, only(year, members)) for (name, _), members in sorted(groups.items())]


def only(year: Year, employees: set[int]) -> Year:
    """``year`` cut to the given employees."""
    items = [item for item in year.items if item.employee_id in employees]
    ids = {item.item_id for item in items}
    return Year(
        holders=[h for h in year.holders if h.employee_id in employees],
        items=items,
        answers=[a for a in year.answers if a.item_id in ids],
        quarters_past=year.quarters_past,
    )


def by_unit(year: Year) -> list[Figures]:
    return grouped(year, lambda holder: (holder.unit, 0))


def by_person(year: Year) -> list[Figures]:
    return grouped(year, lambda holder: (holder.nama, holder.employee_id))
