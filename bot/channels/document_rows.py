"""A document a person sent, read as a table (CSV or XLSX) by the command line's reader:
the same for every channel once the bytes are fetched."""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from pathlib import Path

from bot.orgfile import load
from bot.textfile import FileProblem
from handlers.ports import UnreadableFile


def rows_of(data: bytes, name: str, required: Sequence[str]) -> list[tuple[int, dict[str, str]]]:
    """The rows of the file ``name`` holding ``data``; :class:`UnreadableFile` otherwise."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / (Path(name).name or "file")
        path.write_bytes(data)
        try:
            return load(path, required).rows
        except FileProblem as problem:
            raise UnreadableFile(problem.context()) from None
