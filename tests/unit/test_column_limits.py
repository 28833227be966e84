"""No column is shorter than what lands in it. SQLite stores a 650-character text in a
varchar(200); PostgreSQL refuses the whole statement — a plan that cannot be sent.

Three walks, so that a column or a limit added later is checked without anyone listing it:

* every bounded column (``String(n)``) of the models has a longest value here, computed from
  where its values come from (a validator's limit, an enumeration, a template), and that
  value fits; a new bounded column fails until its source is named in :data:`LONGEST`;
* every step of every form that takes typed text: what its validator lets through
  (``text_limit``) fits every column it lands in;
* the largest plan (tests/unit/largest_plan.py), filled through the chat: every value of
  every stored row — labels joined, periods rendered, own words — fits its column.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from sqlalchemy import Column, Integer, String

import messages
import storage.all_models  # noqa: F401  (every table on the metadata)
from bot import admin, cycle_cli
from bot.app import BOOTSTRAP
from bot.change_requests_cli import OPERATOR
from bot.channels import console, telegram
from handlers import change_requests, org_import
from handlers.audience import (
    NAME_LIMIT,
    Audience,
    AudienceError,
    AudienceKind,
    Stage,
    parse_audience,
)
from handlers.broadcast.form import SIARAN
from handlers.checkin.feature import add_flow
from handlers.checkin.form import CHECKIN
from handlers.checkin.model import AmendmentKind, CheckinState, Fit, ItemStatus, Verdict
from handlers.checkin.rejection import REJECTION
from handlers.checkin.review import NOTE
from handlers.checkin.review import REVIEW as CHECKIN_REVIEW
from handlers.conversation import Conversation
from handlers.dialog import agreement_buttons
from handlers.dialog.schedule_chat import JADWAL
from handlers.forms.kinds import text_limit
from handlers.forms.model import Dynamic, Form, FormContext, Group, Kind, Step
from handlers.forms.walk import COUNT, MORE, REVIEW, more_step
from handlers.forms.wizard import DONE
from handlers.formulir1.assessment import snapshot
from handlers.formulir1.flow import REFERENCE
from handlers.formulir1.form import FORMULIR1
from handlers.formulir1.section_c import GROUP, LEVELS, TARGETS
from handlers.formulir1.sections_ab import BASES, CLASSIFICATIONS
from handlers.golongan import PNS_PANGKAT, PPPK_GOLONGAN
from handlers.model import LOCALES, SUBMITTED, JenisPegawai, Role, Zone
from handlers.outbox import Kind as OutboxKind
from handlers.outbox import Status as OutboxStatus
from handlers.plan import lifecycle
from handlers.plan.model import CompetencySource, Decision, Priority
from handlers.plan.model import Stage as PlanStage
from handlers.plan.return_form import KEMBALIKAN
from handlers.ports import JobRequirement
from handlers.reference import imports as reference_imports
from handlers.reference import methods
from handlers.reference.competencies import NATIONAL, CompetencyType, normalize_name
from handlers.reference.self_assessment import competencies_to_assess
from handlers.reminders.form import PENGINGAT
from messages import render
from storage import broadcasts
from storage.models import Base, table
from storage.plan_conversion import MIGRATED
from storage.plan_models import PlanItemVersionRow
from storage.plan_records import version_columns
from tests.conftest import FakeClock
from tests.unit.journey_steps import BUDI, JABATAN, YEAR, Budi
from tests.unit.largest_plan import CODES, LARGEST_PLAN, largest_plan_database

AGREEMENT = {name: engine.form for name, engine in agreement_buttons.ENGINES.items()}
CHECKIN_ADD = add_flow().form
CHECKIN_COLUMNS = {"alasan": "status_reason", "fit_alasan": "fit_reason",
                   "contoh": "benefit_example"}  # fmt: skip
FORMS = (FORMULIR1, SIARAN, PENGINGAT, KEMBALIKAN, JADWAL, *AGREEMENT.values(), CHECKIN,
         CHECKIN_REVIEW, CHECKIN_ADD, REJECTION)  # fmt: skip
PLATFORM_ID = len(str(-(2**63)))  # Telegram's ids (user, chat, message, update): 64-bit
ROW_ID = len(str(2**63 - 1))  # our BigInteger ids, as text in keys
NIP = 18  # handlers.nip: a NIP is 18 digits
IMPORTED = org_import.MAX_FIELD  # any cell of the organisation file
NAMED = max(IMPORTED, change_requests.MAX_UNIT)  # a unit (imported, or approved in chat)


def column(name: str) -> Column[object]:
    table_name, _, column_name = name.partition(".")
    return Base.metadata.tables[table_name].columns[column_name]


def bounded_columns() -> dict[str, int]:
    return {f"{t.name}.{c.name}": c.type.length for t in Base.metadata.sorted_tables
            for c in t.columns if isinstance(c.type, String) and c.type.length}  # fmt: skip


def holds(name: str, length: int) -> bool:
    """True if the column takes ``length`` characters (a Text column takes any)."""
    kind = column(name).type
    return isinstance(kind, String) and (kind.length is None or length <= kind.length)


def longest(values: Iterable[object]) -> int:
    return max(len(str(v)) for v in values)


# --- where the keys of the forms come from ------------------------------------------------


def worst_context() -> FormContext:
    """A person whose jabatan has a technical competency with the longest name allowed."""
    requirement = JobRequirement(JABATAN, "teknis", "x" * reference_imports.MAX_FIELD, 5)
    required = competencies_to_assess(BUDI, [requirement])
    item = {"id": int("9" * ROW_ID), "position": 99, "competency": "x", "planned": {}}
    data = {"competencies": snapshot(required), "items": [item]}  # a check-in's item, too
    return FormContext(person=BUDI, year=YEAR, data=data)


def form_steps(form: Form) -> Iterator[tuple[str, Step]]:
    """Every step of ``form`` with its key, a group's at its last possible item."""
    for node in form.nodes:
        if isinstance(node, Step):
            yield node.key, node
        elif isinstance(node, Dynamic):
            yield from ((s.key, s) for s in node.build(worst_context()))
        else:
            yield from group_steps(node)


def group_steps(group: Group) -> Iterator[tuple[str, Step]]:
    prefix = f"{group.key}.{group.max_items}."
    yield from ((f"{prefix}{step.key}", step) for step in group.steps)
    yield f"{prefix}{MORE}", more_step(group)


def step_keys() -> list[str]:
    keys = [key for form in FORMS for key, _ in form_steps(form)]
    groups = [n.key for form in FORMS for n in form.nodes if isinstance(n, Group)]
    return keys + [f"{group}.{COUNT}" for group in groups] + [REFERENCE]


def template_names() -> list[str]:
    root = Path(messages.__file__).parent / LOCALES[0]
    return [path.relative_to(root).with_suffix("").as_posix() for path in root.rglob("*.j2")]


def period_labels() -> list[str]:
    """Every time frame C may hold, as stored (Indonesian, like every stored label)."""
    ranges = [{"start": s, "end": e} for s in range(1, 13) for e in range(s, 13)]
    quarters = [{"quarter": q, "start": 3 * q - 2, "end": 3 * q} for q in range(1, 5)]
    return [render("label/period", "id", {**p, "year": 9999}) for p in ranges + quarters]


def audiences() -> list[Audience]:
    name = "x" * NAME_LIMIT
    named = [Audience(kind, name) for kind in (AudienceKind.UNIT, AudienceKind.GROUP)]
    staged = [Audience(AudienceKind.STAGE, stage.value, 9999) for stage in Stage]
    return [*named, *staged, *(Audience(AudienceKind.ROLE, role.value) for role in Role)]


CHANNELS = (telegram.CHANNEL, console.CHANNEL)
RECORD = next(n for n in FORMULIR1.nodes if isinstance(n, Step) and n.kind is Kind.RECORD)
ACCOUNT = max(PLATFORM_ID, NIP)  # a Telegram user id, or the NIP bound at the terminal

# The longest value each bounded column can be given, from where its values come from.
LONGEST: dict[str, int] = {
    # people and their chat accounts
    "employees.nip": NIP,
    "employees.nama": IMPORTED,
    "employees.jenis_pegawai": longest(JenisPegawai),
    "employees.pangkat_golongan": longest([*PNS_PANGKAT, *PPPK_GOLONGAN]),
    "employees.pendidikan": IMPORTED,
    "employees.masa_kerja": len(org_import.normalize_masa_kerja("99 tahun 11 bulan")),
    "employees.jabatan": IMPORTED,
    "employees.email": IMPORTED,
    "employees.zona_waktu": longest(Zone),
    "employees.bahasa": longest(LOCALES),
    "employee_roles.role": longest(Role),
    "units.name": NAMED,
    "expertise_groups.name": IMPORTED,
    "accounts.channel": longest(CHANNELS),
    "accounts.external_id": ACCOUNT,
    "accounts.address": PLATFORM_ID,
    "bind_failures.channel": longest(CHANNELS),
    "bind_failures.external_id": ACCOUNT,
    "inbox.channel": longest(CHANNELS),
    "inbox.key": PLATFORM_ID,  # Telegram's update_id
    "incoming.channel": longest(CHANNELS),
    "incoming.key": PLATFORM_ID,  # Telegram's update_id
    "incoming.lane": len("update:") + PLATFORM_ID,  # "user:<user id>" or "update:<update id>"
    "incoming.claimed_by": len("intake-") + 12,  # + 12 hex digits of a uuid
    "invites.code_hash": len(hashlib.sha256().hexdigest()),
    "invites.used_by": longest(CHANNELS) + 1 + ACCOUNT,  # "<channel>:<external id>"
    # forms and plans
    "form_sessions.form": longest(form.name for form in FORMS),
    "form_sessions.cursor": longest([*step_keys(), REVIEW, DONE]),
    "form_answers.key": longest(step_keys()),
    "plans.status": longest(lifecycle.State),
    "plan_profiles.jenis_pegawai": longest(JenisPegawai),
    "plan_analyses.code": longest(code for codes in BASES.values() for code in codes),
    "plan_analyses.classification": longest(CLASSIFICATIONS),
    "plan_ratings.classification": longest(CompetencyType),
    "plan_item_versions.stage": longest(PlanStage),
    "plan_item_versions.kompetensi_klasifikasi": longest(CLASSIFICATIONS),
    "plan_item_versions.kompetensi_sumber": longest(CompetencySource),
    "plan_item_versions.sasaran": longest(TARGETS),
    "plan_item_versions.metode_klasifikasi": longest(methods.MethodClass),
    "plan_item_versions.metode_bentuk": longest(form.key for form in methods.FORMS),
    "plan_item_versions.level": longest(LEVELS),
    "item_verifications.priority": longest(Priority),
    # the coordinator's programmes: a level and a method form's key, as the items hold them
    "programmes.level": longest(LEVELS),
    "programmes.method_form": longest(form.key for form in methods.FORMS),
    "plan_events.event": longest(lifecycle.Event),
    "plan_events.from_state": longest(lifecycle.State),
    "plan_events.to_state": longest(lifecycle.State),
    "plan_events.operator": longest([OPERATOR, MIGRATED]),
    "plan_item_decisions.decision": longest(Decision),
    # check-ins (Formulir 1 E)
    "checkins.state": longest(CheckinState),
    "checkin_items.status": longest(ItemStatus),
    "checkin_items.method_class": longest(methods.MethodClass),
    "checkin_items.method_form": longest(form.key for form in methods.FORMS),
    "checkin_items.fit": longest(Fit),
    "checkin_amendments.kind": longest(AmendmentKind),
    "checkin_amendments.verdict": longest(Verdict),
    "change_requests.field": longest([change_requests.NIP, change_requests.UNIT]),
    "change_requests.old_value": max(NIP, NAMED),  # the NIP or unit the record holds
    "change_requests.new_value": max(NIP, text_limit(RECORD)),  # a field of the A record
    "change_requests.status": longest(
        [change_requests.PENDING, change_requests.APPROVED, change_requests.REJECTED]
    ),
    "change_requests.decided_by": max(NIP, len(OPERATOR)),
    # cycles: opened by a coordinator or admin (NIP), the CLI, the demo, the setting, or the
    # 0010 migration for the years that had plans
    "cycles.opened_by": max(NIP, longest([cycle_cli.OPERATOR, admin.DEMO, BOOTSTRAP, "upgrade"])),
    # reference data
    "priority_competencies.unit_kerja": NAMED,
    "priority_competencies.kompetensi": reference_imports.MAX_FIELD,
    "priority_competencies.kompetensi_norm": reference_imports.MAX_FIELD,  # see below
    "priority_competencies.competency_key": longest(c.key for c in NATIONAL),
    "job_competencies.jabatan": reference_imports.MAX_FIELD,
    "job_competencies.jabatan_norm": reference_imports.MAX_FIELD,
    "job_competencies.jenis": longest(CompetencyType),
    "job_competencies.kompetensi": reference_imports.MAX_FIELD,
    "job_competencies.kompetensi_norm": reference_imports.MAX_FIELD,
    # delivery
    "outbox.kind": longest(OutboxKind),
    "outbox.template": longest(template_names()),
    "outbox.status": longest(OutboxStatus),
    "outbox.last_error": len("rejected: ") + 80,  # bot/sender.py: the platform's words, cut
    "outbox.claimed_by": longest(["sender-", "terminal-"]) + 12,  # + 12 hex digits of a uuid
    "outbox.channel": longest(CHANNELS),
    "outbox.pinned_address": PLATFORM_ID,  # the chat a re-bound account was left at
    "outbox.dedupe_key": len(f"change-filed:{'9' * ROW_ID}:{'9' * ROW_ID}"),
    "broadcasts.audience": longest(audiences()),
    "broadcasts.status": longest([broadcasts.SCHEDULED, broadcasts.DONE, broadcasts.CANCELLED]),
    "broadcasts.progress_ref": PLATFORM_ID + 1 + PLATFORM_ID,  # "<chat id>:<message id>"
    "reminders.audience": longest(audiences()),
    "reminders.template": longest(template_names()),
    "reminders.enqueued_zones": len(",".join(Zone)),
    "unreachable.channel": longest(CHANNELS),
    "unreachable.reason": longest(["blocked", "deactivated"]),  # bot/sender.py: Forbidden
}


def test_every_bounded_column_has_its_longest_value_named() -> None:
    """A bounded column added later fails here until LONGEST says where its values come from."""
    assert sorted(bounded_columns()) == sorted(LONGEST)


@pytest.mark.parametrize("name", sorted(LONGEST))
def test_the_longest_value_fits_the_column(name: str) -> None:
    assert holds(name, LONGEST[name]), f"{name} {column(name).type} < {LONGEST[name]}"


# --- what each form step takes typed, and where it lands ----------------------------------


def test_every_form_the_chat_runs_is_walked() -> None:
    engines = Conversation(lambda: None, FakeClock())._engines  # type: ignore[arg-type]
    assert {form.name for form in FORMS} == set(engines)


def takes_text(step: Step) -> bool:
    return step.kind in (Kind.SHORT_TEXT, Kind.LONG_TEXT, Kind.RECORD) or step.allow_text


def landings(form: Form, key: str, step: Step) -> list[tuple[str, int]]:
    """The columns a typed answer of ``step`` is stored in, each with what the stored value
    adds around the answer. Every answer is kept as JSON in form_answers.value."""
    places = [("form_answers.value", 0)]
    if form is FORMULIR1 and key.startswith(f"{GROUP}.") and step.key != MORE:
        places.append((f"plan_item_versions.{step.key}", 0))  # the version's column
    if form is FORMULIR1 and step.kind is Kind.RECORD:
        places.append(("change_requests.new_value", 0))  # a corrected NIP or unit
    if form is KEMBALIKAN:
        places.append(("plan_events.note", 0))  # the note a plan is returned with
    if form is CHECKIN and step.key.endswith((".alasan", ".fit_alasan", ".contoh")):
        column_of = {
            "alasan": "status_reason",
            "fit_alasan": "fit_reason",
            "contoh": "benefit_example",
        }
        places.append((f"checkin_items.{column_of[step.key.rsplit('.', 1)[1]]}", 0))
    if form is CHECKIN and step.key.endswith(".alasan"):
        places.append(("checkin_amendments.reason", 0))  # a cancellation proposed
    if form is REJECTION:
        places.append(("checkin_amendments.verdict_reason", 0))
    if form is CHECKIN_REVIEW:
        places.append(("checkin_items.feedback" if step.key != NOTE else "checkins.note", 0))
    if form in (AGREEMENT[agreement_buttons.EDIT], AGREEMENT[agreement_buttons.ADD], CHECKIN_ADD):
        places.append((f"plan_item_versions.{step.key}", 0))  # the agreed version's column
    if form in (AGREEMENT[agreement_buttons.REJECT], AGREEMENT[agreement_buttons.AGAIN]):
        places.append(("plan_events.note", 0))  # a rejection's reason, a "discuss again"
    if form is AGREEMENT[agreement_buttons.REJECT]:
        places.append(("plan_item_decisions.reason", 0))
    if form is AGREEMENT[agreement_buttons.NOTE]:
        places.extend([("plan_dialogues.note", 0), ("plan_events.note", 0)])  # with the proposal
    if form is SIARAN and step.key == "text":
        places.append(("broadcasts.text", 0))
    if form is SIARAN and step.key in ("unit", "group"):
        places.append(("broadcasts.audience", len(f"{step.key}:")))  # "unit:<name>"
    return places


TYPED_STEPS = [(form, key, step) for form in FORMS for key, step in form_steps(form)
               if takes_text(step)]  # fmt: skip


@pytest.mark.parametrize(
    ("form", "key", "step"), TYPED_STEPS, ids=[f"{f.name}:{k}" for f, k, _ in TYPED_STEPS]
)
def test_what_a_step_takes_typed_fits_every_column_it_lands_in(
    form: Form, key: str, step: Step
) -> None:
    for name, around in landings(form, key, step):
        assert holds(name, text_limit(step) + around), (
            f"{key} takes {text_limit(step)} characters, {name} is {column(name).type}"
        )


def test_every_question_of_an_item_has_its_column() -> None:
    """An item's answers land in plan_item_versions under the step's key (the time frame as
    its months), what the walk above relies on."""
    group = next(n for n in FORMULIR1.nodes if isinstance(n, Group))
    typed = {step.key for step in group.steps} - {"waktu"}
    assert typed <= set(table(PlanItemVersionRow).columns.keys())


# --- the largest plan, filled through the chat ---------------------------------------------


def test_the_largest_plan_fits_every_column_of_its_items() -> None:
    """Every code ticked in every item (their labels joined), the longest answers, the most
    items: every value of every row fits its column. Before migration 0005 the joined
    relevance (~590 characters) did not fit varchar(200): PostgreSQL refused the plan."""
    budi = Budi(largest_plan_database())
    asyncio.run(replay(budi))
    [plan] = budi.state.forms.plans.values()
    assert plan.status == SUBMITTED
    [content] = budi.state.forms.contents[plan.id]
    group = next(n for n in FORMULIR1.nodes if isinstance(n, Group))
    assert len(content.items) == group.max_items
    for item in content.items:
        row = version_columns(item.current)
        assert len(json.loads(row["relevansi"])) == CODES, "every code of B"
        for name, value in row.items():
            if value is None or isinstance(column(f"plan_item_versions.{name}").type, Integer):
                continue
            length = len(value)
            assert holds(f"plan_item_versions.{name}", length), f"{name}: {length} characters"


async def replay(budi: Budi) -> None:
    for action in LARGEST_PLAN:
        await budi.act(action)


# --- derived values: names compared, audiences ---------------------------------------------

REFERENCE_FIELD = reference_imports.MAX_FIELD
EXPANDING = ["&", "ß", "ﬃ", "ﷺ", "Ǆ", "İ", "½", "a", " "]  # what normalize_name lengthens


@settings(max_examples=200, deadline=None)
@given(name=st.text(st.sampled_from(EXPANDING), min_size=1, max_size=REFERENCE_FIELD))
@example(name="&" * (REFERENCE_FIELD - 1))
@example(name="ﷺ" * 12)
def test_a_name_the_reference_import_takes_fits_its_compared_column(name: str) -> None:
    """The job_competencies and priority_competencies rows keep each name compared-form too
    (normalize_name); "&" becomes "dan", "ﷺ" eighteen letters: the import refuses a name
    whose compared form outgrows the column instead of PostgreSQL refusing the file."""
    raw = {"jabatan": f"J{name}", "kompetensi": f"K{name}", "jenis": "teknis", "level": "3"}
    try:
        record = reference_imports.parse_requirement(raw)
    except org_import.RowRejected as refused:
        assert refused.reason in ("too_long", "too_long_compared"), refused.reason
        return
    assert holds("job_competencies.jabatan_norm", len(normalize_name(record.jabatan)))
    assert holds("job_competencies.kompetensi_norm", len(normalize_name(record.kompetensi)))


@pytest.mark.parametrize(
    "name",
    ["&" * 200, "Diri & Orang Lain " * 11, "ﷺ" * 12, "ß" * 150],
    ids=["ampersands", "and-in-words", "ligature", "sharp-s"],
)
def test_a_name_that_grows_past_the_column_when_compared_is_refused(name: str) -> None:
    assert len(name.strip()) <= REFERENCE_FIELD < len(normalize_name(name))
    units = {normalize_name("Pusat Data"): "Pusat Data"}
    with pytest.raises(org_import.RowRejected, match="too_long_compared"):
        reference_imports.parse_priority({"tahun": "2026", "kompetensi": name}, units)
    with pytest.raises(org_import.RowRejected, match="too_long_compared"):
        reference_imports.parse_requirement(
            {"jabatan": name, "kompetensi": "Analisis", "jenis": "teknis", "level": "3"}
        )


def test_an_audience_names_no_unit_longer_than_a_unit_can_be() -> None:
    """A reminder's audience is typed at the command line and stored as written: a name
    longer than any unit's is refused before the row (varchar(300)) refuses it."""
    assert NAME_LIMIT >= NAMED  # every unit and group can still be named
    for kind in ("unit", "group"):
        assert parse_audience(f"{kind}:{'x' * NAME_LIMIT}", YEAR).value == "x" * NAME_LIMIT
        with pytest.raises(AudienceError, match="too_long"):
            parse_audience(f"{kind}:{'x' * 1000}", YEAR)
