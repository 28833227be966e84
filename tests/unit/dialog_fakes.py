"""In-memory dialog kinerja storage for the unit tests' fake unit of work."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime

from handlers.dialog.model import Appointment, Window
from handlers.effects import Attachment


@dataclass
class DialogState:
    windows: dict[tuple[int, str], Window] = field(default_factory=dict)
    appointments: dict[int, Appointment] = field(default_factory=dict)
    files: dict[int, Attachment] = field(default_factory=dict)
    units: set[str] = field(default_factory=set)


class FakeDialogSchedule:
    def __init__(self, state: DialogState) -> None:
        self.state = state

    async def window(self, year: int, unit: str) -> Window | None:
        return self.state.windows.get((year, unit))

    async def windows(self, year: int) -> list[Window]:
        return [w for (y, _), w in sorted(self.state.windows.items()) if y == year]

    async def unit_exists(self, unit: str) -> bool:
        return unit in self.state.units

    async def set_window(self, year: int, window: Window, by: str, at: datetime) -> None:
        assert window.unit is not None
        self.state.windows[(year, window.unit)] = window

    async def appointment(self, plan_id: int) -> Appointment | None:
        return self.state.appointments.get(plan_id)

    async def save_appointment(self, appointment: Appointment, at: datetime) -> bool:
        stored = self.state.appointments.get(appointment.plan_id)
        if (stored.revision if stored else 0) != appointment.revision - 1:
            return False
        self.state.appointments[appointment.plan_id] = appointment
        return True


class FakeFiles:
    def __init__(self, state: DialogState) -> None:
        self.state = state

    async def store(self, attachment: Attachment, at: datetime) -> Attachment:
        stored = replace(attachment, file_id=len(self.state.files) + 1)
        self.state.files[stored.file_id or 0] = stored
        return stored

    async def load(self, file_id: int) -> Attachment | None:
        return self.state.files.get(file_id)
