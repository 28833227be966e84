"""How a file named on the command line is read: UTF-8 (with or without the mark Excel and
Notepad write), else Windows-1252, else refused — and why a file cannot be used, in one word
the one-line message is chosen by."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bot.textfile import UTF8, WINDOWS_1252, FileProblem, read_text, text_encoding

TEXT = "Rapat “penting” di kafé — Senin"


@pytest.mark.parametrize(
    ("content", "encoding"),
    [
        (TEXT.encode("utf-8"), UTF8),
        (TEXT.encode("utf-8-sig"), UTF8),
        (TEXT.encode("cp1252"), WINDOWS_1252),
        (b"", UTF8),
    ],
    ids=["utf8", "utf8-bom", "windows-1252", "empty"],
)
def test_text_is_read_in_the_encoding_it_was_saved_in(
    tmp_path: Path, content: bytes, encoding: str
) -> None:
    path = tmp_path / "pengumuman.txt"
    path.write_bytes(content)
    assert text_encoding(path) == encoding
    assert read_text(path) == (TEXT if content else "", encoding)


@pytest.mark.parametrize(
    "content",
    [TEXT.encode("utf-16"), b"\x00\x01\x02PK\x03\x04", "abc\x81".encode("latin-1")],
    ids=["utf16", "binary", "undefined-in-1252"],
)
def test_what_is_neither_utf8_nor_windows_1252_is_refused(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "aneh.txt"
    path.write_bytes(content)
    with pytest.raises(FileProblem) as problem:
        text_encoding(path)
    assert (problem.value.reason, problem.value.name) == ("encoding", "aneh.txt")


def test_a_file_this_user_may_not_read_is_named_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "terkunci.txt"
    path.write_text(TEXT, encoding="utf-8")

    def refuse(self: Path, *args: Any, **kwargs: Any) -> Any:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "open", refuse)  # root reads every file: refuse it by hand
    with pytest.raises(FileProblem) as problem:
        read_text(path)
    assert problem.value.reason == "no_permission"


@pytest.mark.parametrize(("make", "reason"), [("missing", "not_found"), ("folder", "directory")])
def test_a_missing_file_or_a_folder_is_named_so(tmp_path: Path, make: str, reason: str) -> None:
    path = tmp_path / "x.txt"
    if make == "folder":
        path.mkdir()
    with pytest.raises(FileProblem) as problem:
        read_text(path)
    assert problem.value.reason == reason
