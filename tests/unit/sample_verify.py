"""Sample contexts of the verification's templates (messages/*/verify/), built by the same
view functions the chat uses, so a template and its caller cannot drift apart."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from typing import Any

from handlers.effects import Msg
from handlers.plan.model import Item, Priority, Stage
from handlers.verify import view
from handlers.verify.ports import AwaitingItem, GroupCount, Verification
from handlers.verify.queue import batches
from handlers.verify.skp import skp_text
from tests.integration.test_plan_records import CONTENT, VERSION

AT = datetime(2027, 2, 3, 2, 0, tzinfo=UTC)
ITEM = AwaitingItem(11, 1, 7, 1, 4, "Budi Santoso", "Pusat Pengembangan Kompetensi",
                    "Pengembangan SDM", AT, VERSION, "Motivasi dibahas.", None)  # fmt: skip
OTHER = replace(ITEM, item_id=12, plan_id=8, owner_id=5, owner="Dewi Lestari", reason="Penting.")
VERIFIED = replace(VERSION, method_form="e_learning", execution_level="operasional")
D_ITEMS = (Item(1, {Stage.AGREED: VERSION, Stage.VERIFIED: VERIFIED}, 11),
           Item(2, {Stage.AGREED: VERSION, Stage.VERIFIED: VERSION}, 12))  # fmt: skip
D_CONTENT = replace(CONTENT, items=D_ITEMS)
CHECK = Verification(11, 1, 7, Priority.TINGGI, "Selaraskan dengan forum.", 3, AT, "Sri Wahyuni")
D = view.formulir_d(D_CONTENT, {11: CHECK}, 2027, employee="Budi Santoso", own=True, notice=True)
assert D is not None
BATCH = batches([ITEM, OTHER])[0]


def context(msg: Msg) -> dict[str, Any]:
    return dict(msg.context)


VERIFY_SAMPLES: dict[str, dict[str, Any]] = {
    "verify/label": {"key": "batch", "competency": "Analisis Kebijakan", "people": 8},
    "verify/digest": {"group": "Pengembangan SDM", "items": 12, "plans": 4,
                      "deadline": date(2027, 4, 30)},
    "verify/_item": {"item": view.entry(OTHER)},
    "verify/queue": context(view.queue([ITEM, OTHER], "id", verifies=False,
                                       groups=[GroupCount("Pengembangan SDM", 2, 2)]).text),
    "verify/groups": context(view.grouped([ITEM, OTHER], "id").text),
    "verify/card": context(view.card(OTHER, 2027)),
    "verify/batch_card": context(view.batch_card(BATCH, 2027)),
    "verify/prompt": {"key": "prioritas"},
    "verify/title": {"key": "vrf_batch"},
    "verify/priority": {"key": "sedang"},
    "verify/review": {"mode": "vrf_batch", "count": 2, "owners": ["Budi Santoso", "Dewi"],
                      "owner": None, "refs": [[7, 11, 1]], "year": 2027},
    "verify/done": {"done": [{"owner": "Budi Santoso", "position": 1}],
                    "taken": [{"owner": "Dewi Lestari", "verifier": "Sri Wahyuni", "at": AT}],
                    "gone": 1, "plans": 1},
    "verify/adjusted": {"owner": "Budi Santoso"},
    "verify/adjust_intro": {"owner": "Budi Santoso", "position": 2},
    "verify/refused": {"reason": "taken", "verifier": "Sri Wahyuni", "at": AT},
    "verify/formulir_d": context(D),
    "verify/recap_done": {"group": "Pengembangan SDM", "year": 2027, "by": "Sri Wahyuni"},
    "verify/recap_marked": {"group": "Pengembangan SDM", "year": 2027},
    "verify/skp": context(skp_text(D_CONTENT, 2027)),
    "verify/skp_not_yet": {"year": 2027, "status": "agreed"},
    "home/await_verify": {"count": 12},
}  # fmt: skip
