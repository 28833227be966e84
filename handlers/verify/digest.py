"""The members' digest, as a pure function of what awaits each group: one message per member
per working day ("12 item dari 4 rencana menunggu verifikasi"), never one per item. Its
dedupe key names the member and their calendar day, so a restart sends nothing twice."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, time

from handlers.dialog.oversight_ports import Someone
from handlers.verify.ports import GroupCount

DIGEST_AT = time(9, 0)  # on the member's wall clock, moved off quiet hours


@dataclass(frozen=True)
class Digest:
    recipient: Someone
    group: str
    items: int
    plans: int
    day: date  # the recipient's calendar day

    @property
    def dedupe_key(self) -> str:
        return f"verify:digest:{self.recipient.id}:{self.day.isoformat()}"

    @property
    def context(self) -> dict[str, object]:
        return {"group": self.group, "items": self.items, "plans": self.plans}


def digests(
    counts: Sequence[GroupCount], members: Mapping[str, Sequence[Someone]], day: date
) -> list[Digest]:
    """One digest per member of each group with items waiting, for ``day``."""
    return [Digest(member, count.group, count.items, count.plans, day)
            for count in counts if count.items
            for member in members.get(count.group, ())]  # fmt: skip
