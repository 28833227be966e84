"""``/jadwal``: where each dialog kinerja date stands, with what can be done about it — for
a supervisor, every report (direct, or theirs as Plt/Plh) whose plan waits for a date or
has one; for an employee, their own plan's. The same buttons as the notices, so nothing
depends on finding an old message (in the terminal demo, where notices are printed for
someone else, this is the way in)."""

from __future__ import annotations

from datetime import datetime

from handlers.cycle import current_cycle
from handlers.dialog.model import Appointment
from handlers.dialog.schedule import BUTTON, answer_buttons
from handlers.dialog.slot import shown
from handlers.dialog.team import team_of
from handlers.effects import Button, Msg, Reply
from handlers.model import Employee
from handlers.plan.lifecycle import State
from handlers.ports import UnitOfWork

SHOWN = 20  # plans listed; a supervisor of more sees the first by name and /bawahan has all
WAITING = (State.SUBMITTED.value, State.SCHEDULED.value)


def entry(plan_id: int, name: str, state: str, appointment: Appointment | None,
          person: Employee) -> tuple[dict[str, object], tuple[Button, ...]]:  # fmt: skip
    """One plan's line and its buttons, for ``person`` (one side of it)."""
    agreed = appointment.starts_at if appointment else None
    offered = appointment.proposed_at if appointment else None
    line: dict[str, object] = {"name": name, "state": state,
            "agreed": shown(agreed, person.zona_waktu) if agreed else None,
            "offered": shown(offered, person.zona_waktu) if offered else None,
            "mine": appointment is not None and appointment.proposed_by == person.id}  # fmt: skip
    label = {"name": name}
    buttons: list[Button] = []
    if offered is not None and appointment is not None and not line["mine"]:
        [[take], _] = answer_buttons(plan_id, appointment.revision)
        buttons.append(Button(Msg("dialog/schedule/label", {"key": "accept", **label}),
                              take.payload))  # fmt: skip
    key = "move" if agreed or offered else "schedule"
    buttons.append(Button(Msg("dialog/schedule/label", {"key": key, **label}),
                          f"{BUTTON}:sched:{plan_id}"))  # fmt: skip
    if agreed or offered:
        buttons.append(Button(Msg("dialog/schedule/label", {"key": "cancel", **label}),
                              f"{BUTTON}:cancel:{plan_id}"))  # fmt: skip
    return line, tuple(buttons)


async def listing(uow: UnitOfWork, person: Employee, now: datetime) -> list[Reply]:
    """The person's dialogues of the cycle being planned: their team's, then their own."""
    cycle = await current_cycle(uow, now)
    if cycle is None:
        return [Reply(Msg("dialog/schedule/listing", {"year": None, "lines": []}), person.bahasa)]
    lines: list[dict[str, object]] = []
    rows: list[tuple[Button, ...]] = []
    members, _ = await team_of(uow, person, cycle.year, now)
    team = [(m.plan_id, m.nama) for m in members if m.plan_id is not None and m.status in WAITING]
    team = team[:SHOWN]
    own = await uow.plans.for_year(person.id, cycle.year)
    mine = [(own.id, "")] if own is not None and own.status in WAITING else []
    for plan_id, name in [*team, *mine]:
        plan = await uow.plans.get(plan_id)
        if plan is None:
            continue
        line, buttons = entry(plan_id, name, plan.status, await uow.dialog.appointment(plan_id),
                              person)  # fmt: skip
        lines.append(line)
        rows.append(buttons)
    context = {"year": cycle.year, "lines": lines}
    return [Reply(Msg("dialog/schedule/listing", context), person.bahasa, buttons=tuple(rows))]
