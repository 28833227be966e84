"""The dialog kinerja's agreement in memory (storage/dialog_agreements.py): the agreed
versions go into the fake plan records' contents, beside the proposed ones."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from handlers.plan.model import Item, ItemDecision, ItemVersion, Stage
from tests.unit.fakes_forms import FormState


class FakeAgreements:
    def __init__(self, state: FormState) -> None:
        self.state = state

    async def decisions(self, plan_id: int, submission: int) -> dict[int, ItemDecision]:
        return dict(self.state.decisions.get((plan_id, submission), {}))

    async def decide(
        self, plan_id: int, submission: int, decision: ItemDecision, agreed: ItemVersion | None
    ) -> None:
        await self.withdraw(plan_id, submission, decision.item_id)
        self.state.decisions.setdefault((plan_id, submission), {})[decision.item_id] = decision
        if agreed is not None:
            self._change(plan_id, submission, decision.item_id, agreed)

    async def withdraw(self, plan_id: int, submission: int, item_id: int) -> None:
        self.state.decisions.get((plan_id, submission), {}).pop(item_id, None)
        self._change(plan_id, submission, item_id, None)

    def _change(
        self, plan_id: int, submission: int, item_id: int, agreed: ItemVersion | None
    ) -> None:
        """The submission's items with ``item_id``'s agreed version set (None: removed); an
        item left with no version at all is no item of this submission."""
        content = self.state.contents[plan_id][submission - 1]
        position = next(p for (plan, p), i in self.state.item_ids.items()
                        if plan == plan_id and i == item_id)  # fmt: skip
        found = next((i for i in content.items if i.id == item_id), Item(position, {}, item_id))
        versions = {s: v for s, v in found.versions.items() if s is not Stage.AGREED}
        if agreed is not None:
            versions[Stage.AGREED] = agreed
        others = [i for i in content.items if i.id != item_id]
        items = sorted([*others, *([replace(found, versions=versions)] if versions else [])],
                       key=lambda i: i.position)  # fmt: skip
        self.state.contents[plan_id][submission - 1] = replace(content, items=tuple(items))

    async def new_item(self, plan_id: int) -> tuple[int, int]:
        ids = self.state.item_ids
        last = max((p for (plan, p) in ids if plan == plan_id), default=0)
        ids[(plan_id, last + 1)] = len(ids) + 1
        return ids[(plan_id, last + 1)], last + 1

    async def note(self, plan_id: int, submission: int) -> str | None:
        return self.state.notes.get((plan_id, submission))

    async def set_note(self, plan_id: int, submission: int, note: str, at: datetime) -> None:
        self.state.notes[(plan_id, submission)] = note
