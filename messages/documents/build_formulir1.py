"""Build ``formulir1.docx``, the Formulir 1 template docxtpl fills (docs/documents.md).

Run ``python -m messages.documents.build_formulir1`` after changing the layout; an agency that
wants its own letterhead edits the generated file in a word processor instead, keeping the
``{{ … }}`` and ``{%tr … %}`` / ``{%p … %}`` tags, and points ``IDP_FORMULIR1_TEMPLATE`` at it.

The layout follows LAN 605/2025's Formulir 1: A as label : value rows, B as the six-column
table of bases and analysis codes, then every item section (C, D, and E once it exists) as
a seven-column table — one loop over the sections the document gets.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.shared import Cm, Pt

OUT = Path(__file__).with_name("formulir1.docx")


def loop_table(document: object, headers: list[str], loop: str, cells: list[str]) -> None:
    """A table: a header row, then ``{%tr for … %}``, the row repeated, ``{%tr endfor %}``."""
    rows = (1 if headers else 0) + 3
    table = document.add_table(rows=rows, cols=len(cells))  # type: ignore[attr-defined]
    table.style = "Table Grid"
    at = 0
    if headers:
        for n, text in enumerate(headers):
            table.rows[0].cells[n].paragraphs[0].add_run(text).bold = True
        at = 1
    table.rows[at].cells[0].text = f"{{%tr {loop} %}}"
    for n, text in enumerate(cells):
        table.rows[at + 1].cells[n].text = text
    table.rows[at + 2].cells[0].text = "{%tr endfor %}"


def heading(document: object, text: str) -> None:
    paragraph = document.add_paragraph()  # type: ignore[attr-defined]
    paragraph.add_run(text).bold = True


def build(path: Path = OUT) -> Path:
    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.5))
    document.styles["Normal"].font.size = Pt(9)
    title = document.add_paragraph()
    title.add_run("{{ title }}").bold = True
    document.add_paragraph("{{ subtitle }} {{ year }}")
    heading(document, "{{ title_a }}")
    loop_table(document, [], "for r in a_rows", ["{{ r.label }}", ":", "{{ r.value }}"])
    heading(document, "{{ title_b }}")
    loop_table(document, [f"{{{{ b_headers[{n}] }}}}" for n in range(6)], "for r in b_rows",
               [f"{{{{ r[{n}] }}}}" for n in range(6)])  # fmt: skip
    document.add_paragraph("{%p for s in sections %}")
    heading(document, "{{ s.title }}")
    loop_table(document, [f"{{{{ s.headers[{n}] }}}}" for n in range(7)], "for r in s.rows",
               [f"{{{{ r[{n}] }}}}" for n in range(7)])  # fmt: skip
    document.add_paragraph("{%p endfor %}")
    document.save(str(path))
    return path


if __name__ == "__main__":
    print(build())
