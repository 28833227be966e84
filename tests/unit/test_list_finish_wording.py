"""Pressing "Selesai" on a list with nothing in it asks for what the list takes: typed
entries when it has no choices (section B's 1.1), a pick (or a typed one) otherwise."""

from __future__ import annotations

import messages
from handlers.effects import Msg
from handlers.forms.kinds import finish_multi
from handlers.forms.model import Choice, Kind, Step

PICKED = [Choice("1.1", Msg("label/ada"))]


def _step(allow_text: bool) -> Step:
    return Step("B.1.1", Kind.MULTI, Msg("form/x"), Msg("form/x"), "B", allow_text=allow_text)


def _refusal(step: Step, options: list[Choice]) -> dict[str, str]:
    error = finish_multi(step, options, {}).error
    assert error is not None
    return {
        locale: messages.render(error.template, locale, error.context) for locale in ("id", "en")
    }


def test_an_empty_typed_list_asks_to_type_not_to_choose() -> None:
    said = _refusal(_step(allow_text=True), [])
    assert said["id"].startswith("Ketik setidaknya satu") and "Pilih" not in said["id"]
    assert said["en"].startswith("Type at least one") and "Pick" not in said["en"]


def test_a_list_of_choices_still_asks_to_pick() -> None:
    assert _refusal(_step(allow_text=False), PICKED)["id"].startswith("Pilih setidaknya satu")
    assert _refusal(_step(allow_text=True), PICKED)["en"].startswith("Pick or type at least one")
