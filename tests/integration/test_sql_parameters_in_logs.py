"""What people typed never reaches the logs through a failing SQL statement: the engines hide
a statement's parameters (``hide_parameters``), so an error's text — and the traceback the
Telegram channel logs for a failed update — names the statement, not the plan's words; and
the log handlers blank what PostgreSQL repeats of a refused row (its DETAIL line)."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from types import SimpleNamespace

import pytest
from sqlalchemy import insert
from sqlalchemy.exc import IntegrityError

from bot import redact
from bot.app import App
from bot.channels.telegram import log_error
from handlers.plan.model import (
    Analysis,
    CompetencySource,
    Item,
    ItemVersion,
    PlanContent,
    Profile,
    Stage,
)
from storage.models import Unit

PLAN_TEXT = "Tujuan rahasia Budi: pindah dari unit ini sebelum penilaian kinerja"
NO_SUCH_PLAN = 987_654


def plan(text: str) -> PlanContent:
    """A plan whose every free text is ``text``."""
    version = ItemVersion(
        relevance=("3.1",), goal=text, output=text, competency_classification="teknis",
        competency_source=CompetencySource.TYPED, competency_key=None,
        competency_description=text, target="keterampilan", method_class="sosial",
        method_form="mentoring", learning_source=text, start_month=10, end_month=12, quarter=4,
        execution_level="teknis", organiser=text, jp=8,
    )  # fmt: skip
    profile = Profile(text, "199001012015031001", "PNS", "III/a", text, "", text, text)
    return PlanContent(profile, {3: True}, (Analysis("3.1", text),), (),
                       (Item(1, {Stage.PROPOSED: version}),))  # fmt: skip


async def failing_statement(app: App) -> IntegrityError:
    """A submission of a plan that does not exist: the foreign key refuses it on both
    engines."""
    async with app.uow() as uow:
        with pytest.raises(IntegrityError) as refused:
            await uow.plan_records.save(NO_SUCH_PLAN, plan(PLAN_TEXT), app.clock.now())
    return refused.value


async def test_a_failed_statement_does_not_show_what_was_typed(app: App) -> None:
    error = await failing_statement(app)
    assert "INSERT INTO plan_profiles" in str(error)  # the statement is still named
    assert PLAN_TEXT not in str(error) and "parameters hidden" in str(error)


async def test_the_telegram_channel_logs_a_failed_update_without_what_was_typed(
    app: App, caplog: pytest.LogCaptureFixture
) -> None:
    error = await failing_statement(app)
    with caplog.at_level(logging.ERROR):
        await log_error(object(), SimpleNamespace(error=error))  # type: ignore[arg-type]
    [record] = caplog.records
    assert record.exc_info is not None and record.exc_info[1] is error  # the traceback is kept
    assert "plan_profiles" in caplog.text
    assert PLAN_TEXT not in caplog.text


@pytest.fixture
def root_log() -> Iterator[io.StringIO]:
    """A handler on the root logger, as the running bot has one, with the bot's filters."""
    written = io.StringIO()
    handler = logging.StreamHandler(written)
    root = logging.getLogger()
    root.addHandler(handler)
    redact.install(["not-a-real-token"])
    try:
        yield written
    finally:
        root.removeHandler(handler)


UNIT_NAME = "Bidang Mutasi Pegawai Bermasalah 2026"  # a name typed into a correction


async def test_what_postgresql_repeats_of_a_refused_row_is_not_logged(
    app: App, root_log: io.StringIO
) -> None:
    """A unit created twice: PostgreSQL says "Key (name)=(…) already exists" in its DETAIL,
    which asyncpg puts in the traceback; the log shows the constraint, not the name."""
    async with app.engine.begin() as connection:
        await connection.execute(insert(Unit).values(name=UNIT_NAME))
    with pytest.raises(IntegrityError) as refused:
        async with app.engine.begin() as connection:
            await connection.execute(insert(Unit).values(name=UNIT_NAME))
    await log_error(object(), SimpleNamespace(error=refused.value))  # type: ignore[arg-type]
    logged = root_log.getvalue()
    assert "update None failed" in logged and "units" in logged  # the failure is still told
    assert UNIT_NAME not in logged
