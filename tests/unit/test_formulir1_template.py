"""An agency's own Formulir 1 template: IDP_FORMULIR1_TEMPLATE names it, a missing file stops
start-up with one line, and the document is filled from it (its own text kept, every
section's table filled by the same tags)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from docx import Document

from bot.config import ConfigError, load_settings
from handlers.documents import formulir1
from handlers.plan.model import CompetencySource, Item, ItemVersion, PlanContent, Profile, Stage
from handlers.recap.labels import Labels
from messages.documents.build_formulir1 import build

VERSION = ItemVersion(("3.1",), "<Tujuan>", "Output", "teknis", CompetencySource.TYPED, None,
                      "Analisis Data", "pengetahuan", "formal", "pelatihan", "Pusbang", 1, 3, 1,
                      "teknis", "Biro SDM", 8)  # fmt: skip
PLAN = formulir1.Plan(
    PlanContent(Profile("Budi", "199004172015031003", "PNS", "III/b", "S1", "11 tahun",
                        "Analis", "Pusat Data"), {3: True}, (), (),
                (Item(1, {Stage.PROPOSED: VERSION}, id=1),)),
    2026,
)  # fmt: skip


def test_an_agencys_template_is_filled(tmp_path: Path) -> None:
    own = build(tmp_path / "instansi.docx")
    document = Document(str(own))
    document.paragraphs[0].insert_paragraph_before("KOP SURAT BADAN CONTOH")
    document.save(str(own))
    formulir1.use_template(own)
    try:
        filled = Document(io.BytesIO(formulir1.render(PLAN, Labels("id", 2026))))
    finally:
        formulir1.use_template(None)
    assert filled.paragraphs[0].text == "KOP SURAT BADAN CONTOH"
    assert formulir1.TEMPLATE.path == formulir1.DEFAULT_TEMPLATE
    a, _, c = filled.tables
    assert a.rows[0].cells[2].text == "Budi"
    assert c.rows[1].cells[2].text == "Tujuan: <Tujuan>\nOutput: Output"  # escaped, as typed


def test_a_missing_template_stops_start_up(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("IDP_FORMULIR1_TEMPLATE", str(tmp_path / "tidak-ada.docx"))
    with pytest.raises(ConfigError) as stopped:
        load_settings()
    assert "IDP_FORMULIR1_TEMPLATE" in str(stopped.value)
    assert len(str(stopped.value).splitlines()) == 1
