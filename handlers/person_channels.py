"""What the bot learns about a person from their chat channels: which one they use now (their
notices go there, never to two) and, where the organisation file gave none, their time zone.
"""

from __future__ import annotations

from handlers.model import Employee, Zone
from handlers.ports import UnitOfWork

# IANA zones of Indonesia's three time zones (a person's platform setting names one of these,
# or a city sharing its offset); any other zone leaves the person's zone as it is.
ZONE_OF_TZ = {
    "Asia/Jakarta": Zone.WIB, "Asia/Pontianak": Zone.WIB,
    "Asia/Makassar": Zone.WITA, "Asia/Ujung_Pandang": Zone.WITA,
    "Asia/Jayapura": Zone.WIT,
}  # fmt: skip


async def note_channel(uow: UnitOfWork, person: Employee, channel: str) -> None:
    """Remember that ``person`` wrote on ``channel``: one write when it changed, none else."""
    if person.last_channel != channel:
        await uow.employees.set_last_channel(person.id, channel)


def zone_of(tz_name: str | None) -> Zone | None:
    """Indonesia's zone for an IANA time zone name, None for any other."""
    return ZONE_OF_TZ.get(tz_name or "")


async def adopt_platform_zone(uow: UnitOfWork, employee_id: int, tz_name: str | None) -> bool:
    """Take the zone a person set on their chat platform (Slack's ``tz``) when the
    organisation file gave them none; whether their zone changed."""
    zone = zone_of(tz_name)
    if zone is None:
        return False
    return await uow.employees.adopt_zone(employee_id, zone)
