"""Migration 0012's data step: the plans stored as prose become the plan as data.

Each sent plan is rebuilt from its form's answers where they are kept (the typed values the
employee gave, through the same :func:`handlers.plan.build.content` a submission uses now);
a plan whose answers are gone (an erased person's) is read back from its prose rows
(:func:`handlers.plan.prose.parse`). Items keep their plan_items ids. Downgrading writes the
prose back from the versions with :func:`handlers.plan.prose.columns`.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from handlers.forms.model import FormContext, FormSession
from handlers.forms.walk import Walk, slots
from handlers.formulir1.assessment import with_offer_taken
from handlers.formulir1.flow import REFERENCE, prefill
from handlers.formulir1.form import FORMULIR1, NAME
from handlers.model import SENT, Employee, JenisPegawai
from handlers.plan import build, prose
from handlers.plan.model import Item, PlanContent, Profile, Stage
from storage.plan_records import content_rows, read_version, version_columns

PROSE_COLUMNS = ("relevansi", "tujuan", "output", "kompetensi_klasifikasi",
                 "kompetensi_deskripsi", "sasaran", "metode_klasifikasi", "metode_bentuk",
                 "sumber", "waktu", "level", "pelaksana", "jp")  # fmt: skip
MIGRATED = "migration 0012"  # the operator of the submission event a migrated plan gets


def _utc(value: datetime | str) -> datetime:
    moment = datetime.fromisoformat(value) if isinstance(value, str) else value
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _employee(connection: Connection, employee_id: int) -> Employee:
    row = connection.execute(sa.text(
        "SELECT e.id, e.nip, e.nama, e.jenis_pegawai, e.pangkat_golongan, e.pendidikan, "
        "e.masa_kerja, e.jabatan, u.name FROM employees e JOIN units u ON u.id = e.unit_id "
        "WHERE e.id = :id"), {"id": employee_id}).one()  # fmt: skip
    return Employee(row[0], row[1], row[2], JenisPegawai(row[3]), row[4], row[5] or "",
                    row[6] or "", row[7], row[8])  # fmt: skip


def _answers(connection: Connection, plan_id: int, employee_id: int) -> tuple[int, dict[str, Any]]:
    session = connection.execute(sa.text(
        "SELECT id FROM form_sessions WHERE employee_id = :e AND form = :f AND subject_id = :p"),
        {"e": employee_id, "f": NAME, "p": plan_id}).scalar()  # fmt: skip
    if session is None:
        return 0, {}
    rows = connection.execute(
        sa.text("SELECT key, value FROM form_answers WHERE session_id = :s"), {"s": session}
    )
    return int(session), {key: json.loads(value) for key, value in rows}


def from_answers(person: Employee, session_id: int, answers: dict[str, Any]) -> PlanContent:
    """The content a submission of these answers writes (Formulir1Flow.context, offline).
    Plans sent before the self-assessment became optional have ratings and no offer answer."""
    answers = with_offer_taken(answers)
    reference = answers.get(REFERENCE) or {}
    data = {"record": prefill(person), "record_pending": {}, "approval_needed": (),
            "priorities": reference.get("priorities", []),
            "competencies": reference.get("competencies", [])}  # fmt: skip
    context = FormContext(person=person, year=int(reference.get("year", 0)), data=data)
    session = FormSession(session_id, person.id, NAME, 0, "", 0, {}, False)
    walk = Walk(session, answers, context, slots(FORMULIR1, answers, context))
    return build.content(walk)


def from_prose(person: Employee, rows: list[dict[str, Any]], year: int) -> PlanContent:
    """The content the prose rows still tell: the items; A as the record holds it now."""
    profile = Profile(jenis_pegawai=person.jenis_pegawai.value, **prefill(person))
    items = tuple(Item(r["position"], {Stage.PROPOSED: prose.parse(r, year)}) for r in rows)
    return PlanContent(profile, {}, (), (), items)


def upgrade(connection: Connection) -> None:
    """Every sent plan as data; its items keep their ids; its submission enters the log."""
    query = "SELECT id, employee_id, year, status, submitted_at, updated_at FROM plans"
    plans = connection.execute(sa.text(query)).all()
    items = sa.Table("plan_items", sa.MetaData(), autoload_with=connection)
    for plan_id, employee_id, year, status, submitted_at, updated_at in plans:
        if status not in SENT:
            continue
        at = _utc(submitted_at or updated_at)
        person = _employee(connection, employee_id)
        found = connection.execute(
            sa.select(items).where(items.c.plan_id == plan_id).order_by(items.c.position)
        )
        rows = [dict(r._mapping) for r in found]
        session_id, answers = _answers(connection, plan_id, employee_id)
        content = (from_answers(person, session_id, answers) if answers
                   else from_prose(person, rows, year))  # fmt: skip
        write(connection, plan_id, content, {r["position"]: r["id"] for r in rows}, at)
        connection.execute(sa.text(
            "INSERT INTO plan_events (plan_id, at, event, from_state, to_state, employee_id, "
            "operator, note, changes) VALUES (:p, :at, 'submit', 'draft', 'submitted', :e, :o, "
            "NULL, '{}')"), {"p": plan_id, "at": _stamp(connection, at), "e": employee_id,
                             "o": MIGRATED})  # fmt: skip


def _stamp(connection: Connection, at: datetime) -> datetime:
    """As UtcDateTime stores it: naive UTC on SQLite, aware elsewhere."""
    return at.replace(tzinfo=None) if connection.dialect.name == "sqlite" else at


def write(
    connection: Connection, plan_id: int, content: PlanContent, ids: dict[int, int],
    at: datetime,
) -> None:  # fmt: skip
    meta = sa.MetaData()
    for name, rows in content_rows(plan_id, content, at).items():
        if name == "plan_profiles":
            rows = [{**r, "submitted_at": _stamp(connection, at)} for r in rows]
        if rows:
            connection.execute(sa.Table(name, meta, autoload_with=connection).insert(), rows)
    versions = sa.Table("plan_item_versions", meta, autoload_with=connection)
    items = sa.Table("plan_items", meta, autoload_with=connection)
    for item in content.items:
        item_id = ids.get(item.position)
        if item_id is None:
            item_id = connection.execute(
                items.insert().values(plan_id=plan_id, position=item.position)
                .returning(items.c.id)).scalar_one()  # fmt: skip
        for stage, version in item.versions.items():
            connection.execute(versions.insert().values(
                item_id=item_id, stage=stage.value, submission=content.submission,
                created_at=_stamp(connection, at), **version_columns(version)))  # fmt: skip


def downgrade(connection: Connection) -> None:
    """The prose back into plan_items, from each item's latest proposed version."""
    found = connection.execute(sa.text(
        "SELECT v.item_id, v.id, p.year FROM plan_item_versions v "
        "JOIN plan_items i ON i.id = v.item_id JOIN plans p ON p.id = i.plan_id "
        "WHERE v.stage = 'proposed' ORDER BY v.item_id, v.submission")).all()  # fmt: skip
    meta = sa.MetaData()
    versions = sa.Table("plan_item_versions", meta, autoload_with=connection)
    items = sa.Table("plan_items", meta, autoload_with=connection)
    latest = {item_id: (version_id, year) for item_id, version_id, year in found}
    for item_id, (version_id, year) in latest.items():
        row = connection.execute(sa.select(versions).where(versions.c.id == version_id)).one()
        text = prose.columns(read_version(row), year)
        connection.execute(items.update().where(items.c.id == item_id).values(**text))
