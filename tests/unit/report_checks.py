"""Reading back what the check-in report sends: the chart is a real PNG of a sane size, the
workbook's cells hold the figures."""

from __future__ import annotations

import io
from typing import Any

from openpyxl import load_workbook
from PIL import Image

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png_size(data: bytes) -> tuple[int, int]:
    """The picture's width and height; it must be a PNG Telegram would show as a photo."""
    assert data.startswith(PNG_SIGNATURE)
    with Image.open(io.BytesIO(data)) as picture:
        picture.verify()
    with Image.open(io.BytesIO(data)) as picture:
        width, height = picture.size
        assert picture.format == "PNG"
    assert 400 <= width <= 4000 and 300 <= height <= 4000
    assert len(data) < 2_000_000
    return width, height


def sheets(data: bytes) -> dict[str, list[tuple[Any, ...]]]:
    """Every sheet's rows, by sheet name."""
    book = load_workbook(io.BytesIO(data), read_only=True)
    try:
        return {sheet.title: [tuple(row) for row in sheet.iter_rows(values_only=True)]
                for sheet in book.worksheets}  # fmt: skip
    finally:
        book.close()
