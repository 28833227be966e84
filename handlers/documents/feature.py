"""``/unduh`` (``/download``): Formulir 1 as a DOCX file."""

from __future__ import annotations

from handlers.documents import download
from handlers.effects import Reply
from handlers.features import Command, Feature, Turn


async def unduh(turn: Turn, argument: str) -> list[Reply]:
    return await download.command(turn.uow, turn.person, argument, await turn.open_year())


FEATURE = Feature("documents", commands=(Command(("unduh", "download"), unduh, needs_cycle=True),))
