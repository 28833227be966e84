"""Who may do what: the one place every feature asks, none asks a neighbour.

Two kinds of question. *Agency actions* (open a cycle, broadcast, set reminders, see the
progress of everyone, decide the corrections employees asked for) depend on the person's
roles alone. *Plan actions* depend on what the person is to the plan's owner — the owner
themselves, their direct supervisor, a learning coordinator, a member of the owner's
expertise group, an admin (:func:`relation`); the plan's lifecycle table
(:mod:`handlers.plan.lifecycle`) names which of these fires each transition, and
:data:`PLAN_READERS` who reads a sent plan.

The administrator at the command line is an :class:`Operator` and acts as an admin.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from handlers.model import Employee, Role


@dataclass(frozen=True)
class Operator:
    """The administrator at the command line (``idp-bot broadcast``…): acts as an admin."""


Actor = Employee | Operator


class Action(StrEnum):
    OPEN_CYCLE = "open_cycle"  # /siklus buka, idp-bot cycle open
    BROADCAST = "broadcast"  # /siaran, idp-bot broadcast
    SET_REMINDERS = "set_reminders"  # /pengingat
    SEE_PROGRESS = "see_progress"  # /progres: everyone's Formulir 1, per unit
    DECIDE_CHANGES = "decide_changes"  # /perubahan: NIP or unit corrections
    PREPARE_DIALOGUES = "prepare_dialogues"  # /dialog: the dialogue window and guide
    PUBLISH_PRIORITIES = "publish_priorities"  # the year's priority competencies, as a file
    RECAP_ANY_GROUP = "recap_any_group"  # /rekap: any expertise group's Formulir 2
    RECAP_LEVELS = "recap_levels"  # /rekap level, /rekap program: the coordinator's recap


class Relation(StrEnum):
    """What a person is to a plan's owner."""

    EMPLOYEE = "employee"  # the plan's owner
    SUPERVISOR = "supervisor"  # their direct supervisor (atasan langsung)
    COORDINATOR = "coordinator"  # a learning coordinator (koordinator pembelajaran)
    EXPERTISE_GROUP = "expertise_group"  # a member of the owner's kelompok keahlian
    ADMIN = "admin"  # the HR admin (Unit SDM), in the chat or at the command line


STAFF = frozenset({Role.KOORDINATOR_PEMBELAJARAN, Role.ADMIN})
ROLES_FOR: dict[Action, frozenset[Role]] = {
    Action.OPEN_CYCLE: STAFF,
    Action.BROADCAST: STAFF,
    Action.SET_REMINDERS: STAFF,
    Action.SEE_PROGRESS: STAFF,
    Action.DECIDE_CHANGES: frozenset({Role.ADMIN}),
    Action.PREPARE_DIALOGUES: STAFF,
    Action.PUBLISH_PRIORITIES: frozenset({Role.DEWAN_PENGARAH}),
    Action.RECAP_ANY_GROUP: STAFF,
    Action.RECAP_LEVELS: STAFF,
}
# A sent plan (and its history) is read by the owner, their supervisor (direct or acting),
# the coordinators, the owner's expertise group and the admin; a draft by the owner alone
# (handlers/dialog/rights.py checks both).
PLAN_READERS = frozenset({Relation.EMPLOYEE, Relation.SUPERVISOR, Relation.COORDINATOR,
                          Relation.EXPERTISE_GROUP, Relation.ADMIN})  # fmt: skip


def may(actor: Actor, action: Action) -> bool:
    """May ``actor`` take this agency action? The operator may take any."""
    if isinstance(actor, Operator):
        return True
    return any(actor.has(role) for role in ROLES_FOR[action])


def relation(
    person: Employee, owner: Employee, *, acting: bool = False, unsupervised: bool = False
) -> frozenset[Relation]:
    """What ``person`` is to ``owner``'s plan (several at once, or none: a stranger).
    ``acting``: ``person`` is the owner's acting supervisor (Plt/Plh) today, a supervisor
    too; ``unsupervised``: the owner has neither a supervisor nor an acting one, so the
    coordinators act as theirs (handlers/dialog/acting.py finds both)."""
    found = set()
    if person.id == owner.id:
        found.add(Relation.EMPLOYEE)
    if owner.supervisor_nip is not None and person.nip == owner.supervisor_nip:
        found.add(Relation.SUPERVISOR)
    if acting and person.id != owner.id:
        found.add(Relation.SUPERVISOR)
    if person.has(Role.KOORDINATOR_PEMBELAJARAN):
        found.add(Relation.COORDINATOR)
        if unsupervised and person.id != owner.id:
            found.add(Relation.SUPERVISOR)
    if (person.has(Role.KELOMPOK_KEAHLIAN) and owner.kelompok_keahlian is not None
            and person.kelompok_keahlian == owner.kelompok_keahlian):  # fmt: skip
        found.add(Relation.EXPERTISE_GROUP)
    if person.has(Role.ADMIN):
        found.add(Relation.ADMIN)
    return frozenset(found)


def may_recap_group(actor: Actor, group: str) -> bool:
    """May ``actor`` read ``group``'s Formulir 2? Its members, the coordinators, the admin."""
    if may(actor, Action.RECAP_ANY_GROUP):
        return True
    assert isinstance(actor, Employee)
    return actor.has(Role.KELOMPOK_KEAHLIAN) and actor.kelompok_keahlian == group


# Who gets another person's Formulir 1 as a document (/unduh): the owner, their supervisor,
# the coordinators and the admin (the expertise group reads its recap instead).
DOCUMENT_READERS = frozenset({Relation.EMPLOYEE, Relation.SUPERVISOR, Relation.COORDINATOR,
                              Relation.ADMIN})  # fmt: skip


def may_read_plan(reader: Employee, owner: Employee) -> bool:
    """May ``reader`` read ``owner``'s sent plan through its button?"""
    return bool(relation(reader, owner) & PLAN_READERS)
