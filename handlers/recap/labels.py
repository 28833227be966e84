"""Formulir 2's cell texts in the reader's language, each rendered once per export: a recap
of 400,000 rows names a handful of methods, levels and periods over and over."""

from __future__ import annotations

from functools import cache

import messages
from handlers.effects import Msg
from handlers.plan.document import period
from handlers.plan.model import CompetencySource, ItemVersion
from handlers.reference import methods


def plain(message: Msg, locale: str) -> str:
    return messages.to_plain_text(messages.render(message.template, locale, message.context))


class Labels:
    """Texts of one locale and cycle year."""

    def __init__(self, locale: str, year: int) -> None:
        self.locale, self.year = locale, year
        self.text = cache(self._text)

    def _text(self, template: str, *pairs: tuple[str, object]) -> str:
        return plain(Msg(template, dict(pairs)), self.locale)

    def columns(self, table: str) -> list[str]:
        """The column titles of ``table`` (``group`` or ``level``), one per line of
        ``recap/columns_<table>``."""
        return self.text(f"recap/columns_{table}").splitlines()

    def classification(self, key: str) -> str:
        return self.text("form1/value", ("kind", "klasifikasi"), ("key", key))

    def method_class(self, key: str) -> str:
        found = methods.class_name(key)
        return self.text(found.template, *sorted(found.context.items()))

    def method_form(self, key: str) -> str:
        return self.text("ref/method", ("key", key), ("part", "name"))

    def level(self, key: str) -> str:
        return self.text("recap/level", ("key", key))

    def priority(self, key: str) -> str:
        return self.text("recap/priority", ("key", key))

    def competency(self, key: str | None, description: str) -> str:
        if key is None:
            return description
        return self.text("ref/competency_label", ("key", key), ("name", description))

    def period(self, start: int, end: int, quarter: int | None) -> str:
        pairs = [("start", start), ("end", end), ("year", self.year)]
        if quarter is not None:
            pairs.append(("quarter", quarter))
        return self.text("label/period", *sorted(pairs))

    def version_competency(self, version: ItemVersion) -> str:
        key = version.competency_key
        gap = version.competency_source is CompetencySource.GAP
        return self.competency(key if gap else None, version.competency_description)

    def version_period(self, version: ItemVersion) -> str:
        found = period(version, self.year)
        return self.text(found.template, *sorted(found.context.items()))
