"""What the check-in tells people through the outbox, and the buttons that come with it:
the employee asked (and reminded after "ingatkan besok"), the supervisor told of a check-in
sent, the employee told of the review and of each amendment's verdict, the expertise group
told of an agreed amendment (its item is to be verified again)."""

from __future__ import annotations

from datetime import datetime

from handlers.checkin.ports import Checkin
from handlers.dialog.acting import notice_recipients
from handlers.effects import Button, Msg, Reply
from handlers.model import Employee, Role
from handlers.notify import Notify, notify
from handlers.ports import UnitOfWork

BUTTON = "ci"  # ci:<action>:<id>


def button(label: str, action: str, number: int) -> Button:
    return Button(Msg("checkin/label", {"key": label}), f"{BUTTON}:{action}:{number}")


def asked_buttons(checkin_id: int) -> tuple[tuple[Button, ...], ...]:
    return ((button("start", "start", checkin_id),), (button("snooze", "snooze", checkin_id),))


async def ask(
    uow: UnitOfWork,
    person: Employee,
    checkin: Checkin,
    due_at: datetime,
    at: datetime,
    template: str = "checkin/asked",
    key: str = "asked",
) -> bool:
    context = {"name": person.nama, "quarter": checkin.quarter, "year": checkin.year}
    return await notify(
        uow,
        Notify(
            person.id,
            Msg(template, context),
            due_at=due_at,
            buttons=asked_buttons(checkin.id),
            dedupe_key=f"checkin-{key}:{checkin.id}",
        ),
        at,
    )


async def submitted(
    uow: UnitOfWork,
    person: Employee,
    checkin: Checkin,
    items: int,
    proposed: int,
    at: datetime,
    key: str = "sent",
) -> list[str]:
    """Tell whoever acts as the supervisor; their names."""
    told = []
    for supervisor, by_coordinator in await notice_recipients(uow, person, at):
        context = {
            "employee": person.nama,
            "quarter": checkin.quarter,
            "year": checkin.year,
            "items": items,
            "amendments": proposed,
            "by_coordinator": by_coordinator,
        }
        await notify(
            uow,
            Notify(
                supervisor.id,
                Msg("checkin/submitted_notice", context),
                buttons=((button("view", "view", checkin.id),),),
                dedupe_key=f"checkin-{key}:{checkin.id}:{supervisor.id}",
            ),
            at,
        )
        told.append(supervisor.nama)
    return told


def sent_reply(person: Employee, checkin: Checkin, told: list[str]) -> Reply:
    context = {"quarter": checkin.quarter, "year": checkin.year, "told": told}
    return Reply(
        Msg("checkin/sent", context), person.bahasa, buttons=((button("add", "add", checkin.id),),)
    )


async def reviewed(
    uow: UnitOfWork,
    owner: Employee,
    supervisor: Employee,
    checkin: Checkin,
    feedback: list[dict[str, object]],
    note: str | None,
    at: datetime,
) -> None:
    context = {
        "by": supervisor.nama,
        "quarter": checkin.quarter,
        "year": checkin.year,
        "feedback": feedback,
        "note": note,
    }
    await notify(
        uow,
        Notify(
            owner.id,
            Msg("checkin/reviewed_notice", context),
            dedupe_key=f"checkin-reviewed:{checkin.id}",
        ),
        at,
    )


async def decided(
    uow: UnitOfWork,
    owner: Employee,
    supervisor: Employee,
    amendment: dict[str, object],
    at: datetime,
) -> None:
    """The employee learns the verdict; an agreed change goes on to the expertise group."""
    context = {"by": supervisor.nama, "employee": owner.nama, **amendment}
    await notify(
        uow,
        Notify(
            owner.id,
            Msg("checkin/amendment_decided", context),
            dedupe_key=f"checkin-amend:{amendment['id']}",
        ),
        at,
    )
    if amendment.get("verdict") != "agreed" or owner.kelompok_keahlian is None:
        return
    for member_id in await uow.employees.ids_with_role(Role.KELOMPOK_KEAHLIAN):
        member = await uow.employees.by_id(member_id)
        if member is None or member.kelompok_keahlian != owner.kelompok_keahlian:
            continue
        await notify(
            uow,
            Notify(
                member.id,
                Msg("checkin/amendment_to_group", context),
                dedupe_key=f"checkin-amend-group:{amendment['id']}:{member.id}",
            ),
            at,
        )
