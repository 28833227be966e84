"""Files named on the command line: read them, or say in one line why they cannot be read.

Every ``idp-bot`` command that takes a file (``broadcast --text-file``, ``org import``,
``priorities import``, ``competencies import``) goes through here, so a file that is missing,
a folder, not readable or not text gets the same one clear line (``cli/file_unreadable``)
and a non-zero exit, never a traceback.

Text is read as UTF-8, with or without the byte-order mark Excel and Notepad write. What is
not UTF-8 is read as Windows-1252 — what Notepad and Excel save as "ANSI" on Indonesian and
English Windows — when every byte is a printable character there, and the command says it
read it so; anything else (UTF-16 or a binary file: full of NUL characters, or bytes
Windows-1252 does not define) is refused.
"""

from __future__ import annotations

import codecs
from pathlib import Path
from typing import Any

UTF8 = "utf-8-sig"  # also reads plain UTF-8; drops a byte-order mark
WINDOWS_1252 = "cp1252"
CHUNK = 1 << 16
NUL_SHARE = 100  # more than one NUL in this many characters: UTF-16 or binary, not text


class FileProblem(ValueError):
    """Why a file cannot be used; ``reason`` names a branch of ``cli/file_unreadable``:
    ``not_found``, ``directory``, ``no_permission``, ``encoding`` or ``os`` (``detail``: the
    operating system's words); for a file to write (``cli/file_unwritable``) also
    ``no_folder``. Subclasses add reasons of their own (``bot.orgfile``)."""

    def __init__(self, reason: str, name: str, detail: str = "") -> None:
        super().__init__(f"{name}: {reason} {detail}".strip())
        self.reason, self.name, self.detail = reason, name, detail

    def context(self) -> dict[str, Any]:
        return {"reason": self.reason, "name": self.name, "detail": self.detail}


def os_problem(error: OSError, path: Path) -> FileProblem:
    """The one-line reason for an operating-system error on ``path``."""
    if isinstance(error, FileNotFoundError):
        return FileProblem("not_found", path.name)
    if isinstance(error, IsADirectoryError):
        return FileProblem("directory", path.name)
    if isinstance(error, PermissionError):
        return FileProblem("no_permission", path.name)
    return FileProblem("os", path.name, error.strerror or type(error).__name__)


def text_encoding(path: Path) -> str:
    """:data:`UTF8` or :data:`WINDOWS_1252`, whichever reads the whole file; else
    :class:`FileProblem` (``encoding``), as for any file that cannot be opened."""
    try:
        if path.is_dir():  # some systems open a folder and fail only on reading
            raise IsADirectoryError(path)
        with path.open("rb") as handle:
            if _decodes(handle, UTF8):
                return UTF8
            handle.seek(0)
            if _decodes(handle, WINDOWS_1252):
                return WINDOWS_1252
    except OSError as error:
        raise os_problem(error, path) from None
    raise FileProblem("encoding", path.name)


def read_text(path: Path) -> tuple[str, str]:
    """The file's text and the encoding it was read in (see :func:`text_encoding`)."""
    encoding = text_encoding(path)
    try:
        return path.read_text(encoding=encoding), encoding
    except OSError as error:
        raise os_problem(error, path) from None


def check_writable(path: Path) -> None:
    """Raise :class:`FileProblem` if ``path`` cannot be written (no such folder, a folder,
    no permission) — asked before doing work whose result would go there."""
    folder = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise FileProblem("directory", path.name)
    if not folder.is_dir():
        raise FileProblem("no_folder", path.name, str(folder))
    try:
        with path.open("a"):
            pass
    except OSError as error:
        raise os_problem(error, path) from None


def _decodes(handle: Any, encoding: str) -> bool:
    """Whether the rest of ``handle`` is text in ``encoding``: it decodes, and NUL characters
    are rare — in UTF-16 every other byte of Latin text is NUL, and most binary files are full
    of them (a one-byte encoding such as Windows-1252 would decode either). A stray NUL in a
    text is left, like every other control character, to the importer, which refuses its row
    naming the row and column."""
    decoder = codecs.getincrementaldecoder(encoding)()
    characters = nuls = 0
    try:
        while chunk := handle.read(CHUNK):
            text = decoder.decode(chunk)
            characters, nuls = characters + len(text), nuls + text.count("\x00")
        text = decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    characters, nuls = characters + len(text), nuls + text.count("\x00")
    return nuls * NUL_SHARE <= characters
