"""Formulir 1 A (Data Diri Pegawai) and B (Informasi Dasar Arah Pengembangan Kompetensi)."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from handlers.effects import Msg
from handlers.forms.kinds import ADA
from handlers.forms.model import (
    Choice,
    Condition,
    FormContext,
    Kind,
    LabelOf,
    Scope,
    Step,
    Value,
)
from handlers.golongan import display_golongan, normalize_golongan
from handlers.model import Employee, JenisPegawai
from handlers.nip import NipError, check_nip
from handlers.org_import import RowRejected, normalize_masa_kerja

RECORD_FIELDS = (
    "nama", "nip", "pangkat_golongan", "pendidikan", "masa_kerja", "jabatan", "unit_kerja",
)  # fmt: skip
CHANGE_REQUEST_FIELDS = ("nip", "unit_kerja")  # corrected only by an admin's decision
BASES = {1: ("1.1", "1.2"), 2: ("2.1", "2.2", "2.3"), 3: ("3.1", "3.2"), 4: ("4.1", "4.2"),
         5: ("5.1", "5.2", "5.3")}  # fmt: skip
OPTIONAL_CODES = {"1.2", "2.1", "2.2", "2.3", "4.1"}  # marked ** in the form: only where it exists
CLASSIFICATIONS = ("manajerial", "sosio_kultural", "teknis")


def title(key: str, **context: object) -> Msg:
    return Msg("form1/title", {"key": key, **context})


GapChoices = Callable[[Scope, FormContext, str | None], list[Choice]]


def basis_available(basis: int) -> Condition:
    def condition(scope: Scope, context: FormContext) -> bool:
        return bool(scope.get(f"B.{basis}.ada") == ADA)

    return condition


def field_title(field: str, person: Employee) -> Msg:
    """A field of section A by name; a PPPK employee's number is their *NI PPPK*."""
    pppk = person.jenis_pegawai is JenisPegawai.PPPK
    return title(f"A.{field}", pppk=pppk) if field == "nip" else title(f"A.{field}")


def record_fields(scope: Scope, context: FormContext) -> list[Choice]:
    return [Choice(field, field_title(field, context.person)) for field in RECORD_FIELDS]


def check_record_field(value: Value, scope: Scope, context: FormContext) -> str | None:
    """Validate one corrected field of section A; the error names a template."""
    field, text = value
    jenis = context.person.jenis_pegawai
    if field == "nip":
        try:
            check_nip(text, jenis)
        except NipError as error:
            return f"form1/error_nip_{error.code}"
    elif field == "pangkat_golongan" and normalize_golongan(text, jenis) is None:
        return (
            "form1/error_golongan_pns" if jenis is JenisPegawai.PNS else "form1/error_golongan_pppk"
        )
    elif field == "masa_kerja":
        try:
            normalize_masa_kerja(text)
        except RowRejected:
            return "form1/error_masa_kerja"
    return None


def normalize_record_field(value: Value, context: FormContext) -> Value:
    field, text = value
    jenis = context.person.jenis_pegawai
    if field == "nip":
        return field, check_nip(text, jenis)
    if field == "pangkat_golongan":
        golongan = normalize_golongan(text, jenis)
        return field, display_golongan(golongan, jenis) if golongan else text
    if field == "masa_kerja":
        return field, normalize_masa_kerja(text)
    return field, text


def section_a() -> list[Step]:
    return [
        Step(
            key="A",
            kind=Kind.RECORD,
            prompt=Msg("form1/prompt/record"),
            title=title("A.data"),
            section="A",
            choices=record_fields,
            check=check_record_field,
            normalize=lambda value, context: (
                normalize_record_field(value, context) if isinstance(value, tuple) else value
            ),
            help=Msg("form1/help/record"),
        )
    ]


def priorities(scope: Scope, context: FormContext) -> list[Choice]:
    """The steering board's priorities; a national competency is named in the reader's language."""
    return [
        Choice(f"p{i}", priority_label(p)) for i, p in enumerate(context.data.get("priorities", []))
    ]


def priority_label(priority: dict[str, str | None]) -> Msg:
    if priority.get("key"):
        return Msg("ref/competency", {"key": priority["key"], "part": "name"})
    return Msg("form1/priority", {"text": priority.get("text") or ""})


def code_step(code: str, basis: int) -> Step:
    """The analysis for one code of B, as free text (optional where the form marks **)."""
    return Step(
        key=f"B.{code}",
        kind=Kind.LONG_TEXT,
        prompt=Msg("form1/prompt/code", {"code": code, "optional": code in OPTIONAL_CODES}),
        title=title(f"B.{code}"),
        section="B",
        required=code not in OPTIONAL_CODES,
        condition=basis_available(basis),
        help=Msg("form1/help/code", {"code": code}),
    )


def basis_step(basis: int) -> Step:
    return Step(
        key=f"B.{basis}.ada",
        kind=Kind.ADA,
        prompt=Msg("form1/prompt/basis", {"basis": basis, "codes": list(BASES[basis])}),
        title=title(f"B.{basis}.ada"),
        section="B",
        help=Msg("form1/help/basis", {"basis": basis}),
    )


def section_b_before() -> list[Step]:
    steps: list[Step] = []
    for basis in (1, 2, 3):
        steps.append(basis_step(basis))
        for code in BASES[basis]:
            steps.append(code_step(code, basis))
    steps[1] = Step(  # 1.1 offers the steering board's priority competencies for the year
        key="B.1.1",
        kind=Kind.MULTI,
        prompt=Msg("form1/prompt/priorities"),
        title=title("B.1.1"),
        section="B",
        condition=basis_available(1),
        choices=priorities,
        allow_text=True,
        help=Msg("form1/help/code", {"code": "1.1"}),
    )
    steps.append(basis_step(4))
    steps.append(Step(
        key="B.4.1.tahun", kind=Kind.YEAR, prompt=Msg("form1/prompt/test_year"),
        title=title("B.4.1.tahun"), section="B", required=False, low=2000,
        condition=basis_available(4),
    ))  # fmt: skip
    steps.append(Step(
        key="B.4.1.hasil", kind=Kind.LONG_TEXT, prompt=Msg("form1/prompt/test_results"),
        title=title("B.4.1.hasil"), section="B",
        condition=lambda scope, context: scope.get("B.4.ada") == ADA and scope.has("B.4.1.tahun"),
    ))  # fmt: skip
    return steps


def section_b_after(gap_choices: GapChoices, former_gap: LabelOf) -> list[Step]:
    steps: list[Step] = [
        Step(
            key=f"B.4.2.{jenis}",
            kind=Kind.MULTI,
            prompt=Msg("form1/prompt/needs", {"jenis": jenis}),
            title=title(f"B.4.2.{jenis}"),
            section="B",
            required=False,
            condition=basis_available(4),
            choices=partial(_with_jenis, gap_choices, jenis),
            allow_text=True,
            label_of=former_gap,
        )
        for jenis in CLASSIFICATIONS
    ]
    steps.append(basis_step(5))
    steps.extend(code_step(code, 5) for code in BASES[5])
    return steps


def _with_jenis(
    gap_choices: GapChoices, jenis: str, scope: Scope, context: FormContext
) -> list[Choice]:
    return gap_choices(scope, context, jenis)
